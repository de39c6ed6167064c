// Right: closures over one discriminated-union outcome; the work starts in an async function after `await null`, and done callbacks chain one after another on a never-rejecting copy of the result.
export class CancelledError extends Error {
  override name = 'CancelledError';
  constructor(message = 'the task was cancelled') {
    super(message);
  }
}

export class InvalidStateError extends Error {
  override name = 'InvalidStateError';
  constructor(message = 'the task is not done yet') {
    super(message);
  }
}

export interface Task<T> extends PromiseLike<T> {
  then<A = T, B = never>(
    onFulfilled?: ((value: T) => A | PromiseLike<A>) | null,
    onRejected?: ((reason: unknown) => B | PromiseLike<B>) | null,
  ): Promise<A | B>;
  done(): boolean;
  cancelled(): boolean;
  result(): T;
  exception(): unknown;
  cancel(message?: string): boolean;
  addDoneCallback(callback: (task: Task<T>) => void): void;
}

type Outcome<T> =
  | { kind: 'running' }
  | { kind: 'ok'; value: T }
  | { kind: 'error'; error: unknown }
  | { kind: 'cancelled'; error: CancelledError };

export function createTask<T>(fn: (signal: AbortSignal) => Promise<T>): Task<T> {
  let outcome: Outcome<T> = { kind: 'running' };
  const controller = new AbortController();
  let resolveResult: (value: T) => void = () => {};
  let rejectResult: (error: unknown) => void = () => {};
  const result = new Promise<T>((resolve, reject) => {
    resolveResult = resolve;
    rejectResult = reject;
  });
  // The result is kept for `await`, `result()` and `exception()`: nobody has to handle it.
  const finished = result.then(
    () => {},
    () => {},
  );
  let doneCallbacks = Promise.resolve();

  function finish(next: Outcome<T>): void {
    if (outcome.kind !== 'running') return;
    outcome = next;
    if (next.kind === 'ok') resolveResult(next.value);
    else if (next.kind !== 'running') rejectResult(next.error);
  }

  async function start(): Promise<void> {
    await null;
    if (outcome.kind !== 'running') return;
    try {
      const value = await fn(controller.signal);
      finish({ kind: 'ok', value });
    } catch (error) {
      finish({ kind: 'error', error });
    }
  }

  const task: Task<T> = {
    then(onFulfilled, onRejected) {
      return result.then(onFulfilled, onRejected);
    },
    done: () => outcome.kind !== 'running',
    cancelled: () => outcome.kind === 'cancelled',
    result() {
      const now = outcome;
      if (now.kind === 'running') throw new InvalidStateError();
      if (now.kind === 'ok') return now.value;
      throw now.error;
    },
    exception() {
      const now = outcome;
      if (now.kind === 'running') throw new InvalidStateError();
      if (now.kind === 'ok') return undefined;
      if (now.kind === 'cancelled') throw now.error;
      return now.error;
    },
    cancel(message) {
      if (outcome.kind !== 'running') return false;
      const error = new CancelledError(message);
      finish({ kind: 'cancelled', error });
      controller.abort(error);
      return true;
    },
    addDoneCallback(callback) {
      const ready = Promise.all([finished, doneCallbacks]);
      doneCallbacks = ready.then(() => {
        try {
          callback(task);
        } catch (error) {
          console.error('a done callback of a task threw:', error);
        }
      });
    },
  };

  void start();
  return task;
}
