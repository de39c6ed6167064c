// Right: the work in flight is a Set of tokens in which the body is a token of its own (removed when it ends, so the group finishes when the Set is empty), the outcome is computed once, finish listeners are flushed with splice, and every `[Symbol.asyncDispose]()` call returns one cached promise made on the first call.
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

const BODY = Symbol('the body');
type Token = typeof BODY | object;

// The callback form drives the body's token from outside the class.
let settleToken: (group: TaskGroup, token: Token, failed: boolean, value: unknown) => void;
let subscribe: (group: TaskGroup, onFinish: (error: ExceptionGroup | undefined) => void) => void;

/** A group of tasks that lives no longer than its body: structured concurrency. */
export class TaskGroup implements AsyncDisposable {
  readonly #abort = new AbortController();
  readonly #inFlight = new Set<Token>([BODY]);
  #shuttingDown = false;
  #finished = false;
  readonly #errors: unknown[] = [];
  #error: ExceptionGroup | undefined;
  readonly #onFinish: ((error: ExceptionGroup | undefined) => void)[] = [];
  #disposal: Promise<void> | undefined;

  static {
    settleToken = (group, token, failed, value) => group.#settle(token, failed, value);
    subscribe = (group, onFinish) => group.#subscribe(onFinish);
  }

  /** The signal that every task of the group is given. */
  get signal(): AbortSignal {
    return this.#abort.signal;
  }

  #settle(token: Token, failed: boolean, value: unknown): void {
    if (!this.#inFlight.has(token)) return; // the body ends once only
    if (failed) this.#collect(value);
    this.#inFlight.delete(token);
    if (this.#inFlight.size > 0) return;
    this.#finished = true;
    if (this.#errors.length > 0) this.#error = new ExceptionGroup(this.#errors);
    for (const onFinish of this.#onFinish.splice(0)) onFinish(this.#error);
  }

  #collect(value: unknown): void {
    const { signal } = this.#abort;
    if (signal.aborted) {
      if (value === signal.reason) return;
      if (value instanceof Error && value.cause === signal.reason) return;
    }
    if (this.#errors.indexOf(value) !== -1) return; // indexOf compares with ===
    this.#errors.push(value);
    if (this.#shuttingDown) return;
    this.#shuttingDown = true;
    this.#abort.abort(value);
  }

  #subscribe(onFinish: (error: ExceptionGroup | undefined) => void): void {
    if (this.#finished) onFinish(this.#error);
    else this.#onFinish.push(onFinish);
  }

  /** Starts a task: calls `fn(this.signal)` at once; refuses once the group is finished or shutting down. */
  createTask<T>(fn: (signal: AbortSignal) => PromiseLike<T> | T): Promise<T> {
    if (this.#finished) throw new TaskGroupClosedError('finished');
    if (this.#shuttingDown) throw new TaskGroupClosedError('shutting down');
    const token = {};
    this.#inFlight.add(token);
    let task: Promise<T>;
    try {
      const result = fn(this.#abort.signal);
      task = result instanceof Promise ? result : Promise.resolve(result);
    } catch (error: unknown) {
      task = Promise.reject(error);
    }
    task.then(
      () => this.#settle(token, false, undefined),
      (error: unknown) => this.#settle(token, true, error),
    );
    return task;
  }

  /** Ends the body (the first call only); settles when the group finishes. */
  [Symbol.asyncDispose](): Promise<void> {
    this.#settle(BODY, false, undefined);
    this.#disposal ??= new Promise<void>((resolve, reject) => {
      this.#subscribe((error) => (error === undefined ? resolve() : reject(error)));
    });
    return this.#disposal;
  }
}

/** The callback form: calls `body(group)` at once, settles when the group finishes. */
export function taskGroup<T>(body: (tg: TaskGroup) => PromiseLike<T> | T): Promise<T> {
  const group = new TaskGroup();
  let value: T | undefined;
  let returned: PromiseLike<T> | T;
  try {
    returned = body(group);
  } catch (error: unknown) {
    settleToken(group, BODY, true, error);
    returned = undefined as T;
  }
  const thenable = returned !== null && (typeof returned === 'object' || typeof returned === 'function') && typeof (returned as { then?: unknown }).then === 'function';
  if (thenable) {
    Promise.resolve(returned).then(
      (resolved) => {
        value = resolved;
        settleToken(group, BODY, false, undefined);
      },
      (error: unknown) => settleToken(group, BODY, true, error),
    );
  } else {
    value = returned as T;
    settleToken(group, BODY, false, undefined);
  }
  return new Promise<T>((resolve, reject) => {
    subscribe(group, (error) => (error === undefined ? resolve(value as T) : reject(error)));
  });
}
