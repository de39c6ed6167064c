// Wrong: createTask refuses only a finished group: while it is shutting down after a failure, it still starts new tasks.
// Reference solution: a TaskGroup
export class ExceptionGroup extends AggregateError {
  override name = 'ExceptionGroup';
  constructor(errors: Iterable<unknown>, message = 'unhandled errors in a TaskGroup') {
    super(errors, message);
  }
  get exceptions(): readonly unknown[] {
    return this.errors;
  }
}
export class TaskGroupClosedError extends Error {
  override name = 'TaskGroupClosedError';
  readonly state: 'finished' | 'shutting down';
  constructor(state: 'finished' | 'shutting down') {
    super(state === 'finished' ? 'the task group is finished: it accepts no new tasks' : 'the task group is shutting down after a failure: it accepts no new tasks');
    this.state = state;
  }
}
let failBody: (group: TaskGroup, error: unknown) => void;
export class TaskGroup implements AsyncDisposable {
  get signal(): AbortSignal {
    return this.#controller.signal;
  }
  createTask<T>(fn: (signal: AbortSignal) => PromiseLike<T> | T): Promise<T> {
    if (this.#finished) throw new TaskGroupClosedError('finished');
    this.#inFlight++;
    let task: Promise<T>;
    try {
      task = Promise.resolve(fn(this.signal));
    } catch (error) {
      task = Promise.reject(error);
    }
    task.then(
      () => this.#taskSettled(),
      (error: unknown) => {
        this.#fail(error);
        this.#taskSettled();
      },
    );
    return task;
  }
  [Symbol.asyncDispose](): Promise<void> {
    if (!this.#outcome) {
      this.#outcome = new Promise<void>((resolve, reject) => {
        this.#settle = { resolve, reject };
      });
      this.#finishIfDone();
    }
    return this.#outcome;
  }

  readonly #controller = new AbortController();
  readonly #errors: unknown[] = [];
  #inFlight = 0;
  #shuttingDown = false;
  #finished = false;
  #outcome: Promise<void> | undefined;
  #settle: { resolve: () => void; reject: (error: unknown) => void } | undefined;

  static {
    failBody = (group, error) => group.#fail(error);
  }
  #fail(error: unknown): void {
    const { signal } = this;
    if (signal.aborted && (error === signal.reason || (error instanceof Error && error.cause === signal.reason))) return;
    if (this.#errors.includes(error)) return;
    this.#errors.push(error);
    if (this.#shuttingDown) return;
    this.#shuttingDown = true;
    this.#controller.abort(error);
  }

  #taskSettled(): void {
    this.#inFlight--;
    this.#finishIfDone();
  }
  #finishIfDone(): void {
    if (!this.#settle || this.#inFlight > 0 || this.#finished) return;
    this.#finished = true;
    if (this.#errors.length > 0) this.#settle.reject(new ExceptionGroup(this.#errors));
    else this.#settle.resolve();
  }
}
export function taskGroup<T>(body: (tg: TaskGroup) => PromiseLike<T> | T): Promise<T> {
  const group = new TaskGroup();
  let ran: Promise<T>;
  try {
    ran = Promise.resolve(body(group));
  } catch (error) {
    ran = Promise.reject(error);
  }
  return ran.then(
    (value) => group[Symbol.asyncDispose]().then(() => value),
    (error: unknown) => {
      failBody(group, error);
      return group[Symbol.asyncDispose]() as Promise<never>;
    },
  );
}
