// Wrong: with returnExceptions it hands the work to Promise.allSettled, which the rule of the exercise forbids.
export function gather(items: readonly unknown[], options: { returnExceptions?: boolean } = {}): Promise<unknown[]> {
  if (options.returnExceptions) {
    return Promise.allSettled(items).then((outcomes) => outcomes.map((outcome) => (outcome.status === 'fulfilled' ? outcome.value : outcome.reason)));
  }
  return new Promise((resolve, reject) => {
    const results = new Array<unknown>(items.length);
    let remaining = items.length;
    if (remaining === 0) resolve(results);
    for (let index = 0; index < items.length; index++) {
      Promise.resolve(items[index]).then((value) => {
        results[index] = value;
        if (--remaining === 0) resolve(results);
      }, reject);
    }
  });
}
