// Right: one counter of participants in which the body counts as one (so the group finishes when it drops to 0), a three-valued state, and no internal promise at all: every promise handed out is made on request and settled through a list of waiter callbacks.
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

type Outcome = { readonly failed: false } | { readonly failed: true; readonly error: ExceptionGroup };

// Lets the callback form reach the group's private side.
let bodyFailed: (group: TaskGroup, value: unknown) => void;
let bodyEnded: (group: TaskGroup) => void;
let whenFinished: (group: TaskGroup, waiter: (outcome: Outcome) => void) => void;

/** A group of tasks that lives no longer than its body: structured concurrency. */
export class TaskGroup implements AsyncDisposable {
  readonly #controller = new AbortController();
  /** The body (until it ends) plus every task in flight. */
  #participants = 1;
  #bodyOpen = true;
  #state: 'running' | 'shutting down' | 'finished' = 'running';
  readonly #failures: unknown[] = [];
  #outcome: Outcome | undefined;
  #waiters: ((outcome: Outcome) => void)[] = [];

  static {
    bodyFailed = (group, value) => group.#record(value);
    bodyEnded = (group) => group.#endBody();
    whenFinished = (group, waiter) => group.#whenFinished(waiter);
  }

  /** The signal that every task of the group is given. */
  get signal(): AbortSignal {
    return this.#controller.signal;
  }

  #record(value: unknown): void {
    const { signal } = this.#controller;
    const cancelled = signal.aborted && (value === signal.reason || (value instanceof Error && value.cause === signal.reason));
    if (cancelled) return;
    for (const seen of this.#failures) if (seen === value) return;
    this.#failures.push(value);
    if (this.#state === 'running') {
      this.#state = 'shutting down';
      this.#controller.abort(value);
    }
  }

  #leave(): void {
    this.#participants -= 1;
    if (this.#participants > 0) return;
    this.#state = 'finished';
    this.#outcome = this.#failures.length === 0 ? { failed: false } : { failed: true, error: new ExceptionGroup(this.#failures) };
    const waiters = this.#waiters;
    this.#waiters = [];
    for (const waiter of waiters) waiter(this.#outcome);
  }

  #endBody(): void {
    if (!this.#bodyOpen) return;
    this.#bodyOpen = false;
    this.#leave();
  }

  #whenFinished(waiter: (outcome: Outcome) => void): void {
    if (this.#outcome) waiter(this.#outcome);
    else this.#waiters.push(waiter);
  }

  /** Starts a task: calls `fn(this.signal)` at once; refuses once the group is finished or shutting down. */
  createTask<T>(fn: (signal: AbortSignal) => PromiseLike<T> | T): Promise<T> {
    if (this.#state !== 'running') throw new TaskGroupClosedError(this.#state);
    this.#participants += 1;
    let task: Promise<T>;
    try {
      // Promise.resolve hands a native promise back as it is: the group learns of it as early as anyone.
      task = Promise.resolve(fn(this.#controller.signal));
    } catch (error: unknown) {
      task = Promise.reject(error);
    }
    task.then(
      () => this.#leave(),
      (error: unknown) => {
        this.#record(error);
        this.#leave();
      },
    );
    return task;
  }

  /** Ends the body (the first call only); settles when the group finishes. */
  [Symbol.asyncDispose](): Promise<void> {
    this.#endBody();
    return new Promise<void>((resolve, reject) => {
      this.#whenFinished((outcome) => (outcome.failed ? reject(outcome.error) : resolve()));
    });
  }
}

/** The callback form: calls `body(group)` at once, settles when the group finishes. */
export function taskGroup<T>(body: (tg: TaskGroup) => PromiseLike<T> | T): Promise<T> {
  const group = new TaskGroup();
  let value: T | undefined;
  const done = (): void => bodyEnded(group);
  try {
    const returned = body(group);
    const then = returned !== null && (typeof returned === 'object' || typeof returned === 'function') ? (returned as { then?: unknown }).then : undefined;
    if (typeof then === 'function') {
      Promise.resolve(returned).then(
        (resolved) => {
          value = resolved;
          done();
        },
        (error: unknown) => {
          bodyFailed(group, error);
          done();
        },
      );
    } else {
      value = returned as T;
      done();
    }
  } catch (error: unknown) {
    bodyFailed(group, error);
    done();
  }
  return new Promise<T>((resolve, reject) => {
    whenFinished(group, (outcome) => (outcome.failed ? reject(outcome.error) : resolve(value as T)));
  });
}
