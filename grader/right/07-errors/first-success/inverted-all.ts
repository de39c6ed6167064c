// Right: inverts every attempt (a value becomes a rejection, an error a value) and lets Promise.all find the first winner or collect every error.
export type Attempt<T> = (signal: AbortSignal) => Promise<T>;

interface Winner<T> {
  readonly index: number;
  readonly value: T;
}

export function firstSuccess<T>(fns: readonly Attempt<T>[]): Promise<T> {
  const controllers: AbortController[] = [];
  const inverted: Promise<unknown>[] = [];
  for (const [index, fn] of fns.entries()) {
    const controller = new AbortController();
    controllers.push(controller);
    let attempt: Promise<T>;
    try {
      attempt = Promise.resolve(fn(controller.signal));
    } catch (error: unknown) {
      attempt = Promise.reject(error);
    }
    inverted.push(
      attempt.then(
        (value): never => {
          throw { index, value } satisfies Winner<T>;
        },
        (error: unknown) => error,
      ),
    );
  }
  return Promise.all(inverted).then(
    (errors): never => {
      throw new AggregateError(errors, `all ${errors.length} attempts failed`);
    },
    (winner: Winner<T>) => {
      controllers.forEach((controller, index) => {
        if (index !== winner.index) controller.abort();
      });
      return winner.value;
    },
  );
}
