// Wrong: Only the first call of `[Symbol.asyncDispose]()` waits for the group: a later call resolves at once, before the group has finished and even when the group rejects.

/** What a failed group rejects with: every failure, in the order the group saw them. */
export class ExceptionGroup extends AggregateError {
  override name = 'ExceptionGroup';
  constructor(errors: Iterable<unknown>, message = 'unhandled errors in a TaskGroup') {
    super(errors, message);
  }

  /** Python's name for `errors`. */
  get exceptions(): readonly unknown[] {
    return this.errors;
  }
}

/** Thrown by `createTask` when the group no longer accepts tasks. */
export class TaskGroupClosedError extends Error {
  override name = 'TaskGroupClosedError';
  /** `'finished'`: the group has finished; `'shutting down'`: it has failed and is waiting for its tasks. */
  readonly state: 'finished' | 'shutting down';
  constructor(state: 'finished' | 'shutting down') {
    super(state === 'finished' ? 'the task group is finished: it accepts no new tasks' : 'the task group is shutting down after a failure: it accepts no new tasks');
    this.state = state;
  }
}

// Hooks that let `taskGroup` (the callback form) report the body's outcome to its group.
let reportFailure: (group: TaskGroup, value: unknown) => void;
let endBody: (group: TaskGroup) => void;
let outcomeOf: (group: TaskGroup) => Promise<void>;

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return value !== null && (typeof value === 'object' || typeof value === 'function') && typeof (value as { then?: unknown }).then === 'function';
}

export class TaskGroup implements AsyncDisposable {
  #controller = new AbortController();
  #inFlight = 0;
  #bodyEnded = false;
  #shuttingDown = false;
  #finished = false;
  #errors: unknown[] = [];
  #outcome: Promise<void>;
  #resolve!: () => void;
  #reject!: (error: unknown) => void;

  static {
    reportFailure = (group, value) => group.#fail(value);
    endBody = (group) => group.#endBody();
    outcomeOf = (group) => group.#outcome;
  }

  constructor() {
    this.#outcome = new Promise<void>((resolve, reject) => {
      this.#resolve = resolve;
      this.#reject = reject;
    });
    // Only the promises handed out may be reported: this one is ours.
    this.#outcome.catch(() => {});
  }

  /**
   * The signal that every task of the group is given. It aborts at the group's first failure, with
   * that failure as its reason, and never otherwise.
   */
  get signal(): AbortSignal {
    return this.#controller.signal;
  }

  #isCancellation(value: unknown): boolean {
    const signal = this.#controller.signal;
    if (!signal.aborted) return false;
    return value === signal.reason || (value instanceof Error && value.cause === signal.reason);
  }

  #fail(value: unknown): void {
    if (this.#isCancellation(value)) return;
    if (this.#errors.some((error) => error === value)) return;
    this.#errors.push(value);
    if (!this.#shuttingDown) {
      this.#shuttingDown = true;
      this.#controller.abort(value);
    }
  }

  #endBody(): void {
    if (this.#bodyEnded) return;
    this.#bodyEnded = true;
    this.#maybeFinish();
  }

  #maybeFinish(): void {
    if (this.#finished || !this.#bodyEnded || this.#inFlight > 0) return;
    this.#finished = true;
    if (this.#errors.length > 0) this.#reject(new ExceptionGroup(this.#errors));
    else this.#resolve();
  }

  #settled(): void {
    this.#inFlight--;
    this.#maybeFinish();
  }

  createTask<T>(fn: (signal: AbortSignal) => PromiseLike<T> | T): Promise<T> {
    if (this.#finished) throw new TaskGroupClosedError('finished');
    if (this.#shuttingDown) throw new TaskGroupClosedError('shutting down');
    this.#inFlight++;
    let task: Promise<T>;
    try {
      task = Promise.resolve(fn(this.signal));
    } catch (error: unknown) {
      task = Promise.reject(error);
    }
    task.then(
      () => this.#settled(),
      (error: unknown) => {
        this.#fail(error);
        this.#settled();
      },
    );
    return task;
  }

  [Symbol.asyncDispose](): Promise<void> {
    if (this.#bodyEnded) return Promise.resolve(); // already disposed
    this.#endBody();
    return this.#outcome;
  }
}

export function taskGroup<T>(body: (tg: TaskGroup) => PromiseLike<T> | T): Promise<T> {
  const group = new TaskGroup();
  let value: T | undefined;
  try {
    const result = body(group);
    if (isThenable(result)) {
      Promise.resolve(result).then(
        (resolved) => {
          value = resolved as T;
          endBody(group);
        },
        (error: unknown) => {
          reportFailure(group, error);
          endBody(group);
        },
      );
    } else {
      value = result;
      endBody(group);
    }
  } catch (error: unknown) {
    reportFailure(group, error);
    endBody(group);
  }
  return outcomeOf(group).then(() => value as T);
}
