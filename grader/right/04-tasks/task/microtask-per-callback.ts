// Right: done callbacks wait in an array and are queued one `queueMicrotask` each when the task ends, with no try/catch, so a callback that throws surfaces as an uncaught exception while the others still run.
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

type State<T> = { kind: 'running' } | { kind: 'succeeded'; value: T } | { kind: 'failed'; error: unknown } | { kind: 'cancelled'; error: CancelledError };

/**
 * Runs `fn` on a microtask and records its outcome. `cancel()` ends the task at once and aborts
 * the signal given to `fn`; a later outcome of `fn` is ignored.
 */
export function createTask<T>(fn: (signal: AbortSignal) => Promise<T>): Task<T> {
  const controller = new AbortController();
  let state: State<T> = { kind: 'running' };
  let resolveOutcome!: (value: T) => void;
  let rejectOutcome!: (error: unknown) => void;
  const outcome = new Promise<T>((resolve, reject) => {
    resolveOutcome = resolve;
    rejectOutcome = reject;
  });
  // The error stays in the task until someone asks for it: no unhandled rejection.
  outcome.catch(() => undefined);

  // Done callbacks wait here until the task is done; then each is queued as its own microtask,
  // so one that throws is an uncaught exception of its own and the others still run.
  let waiting: ((task: Task<T>) => void)[] = [];
  const queueCallbacks = (): void => {
    const callbacks = waiting;
    waiting = [];
    for (const callback of callbacks) queueMicrotask(() => callback(task));
  };

  const succeed = (value: T): void => {
    if (state.kind !== 'running') return;
    state = { kind: 'succeeded', value };
    resolveOutcome(value);
    queueCallbacks();
  };
  const fail = (error: unknown): void => {
    if (state.kind !== 'running') return;
    state = { kind: 'failed', error };
    rejectOutcome(error);
    queueCallbacks();
  };

  queueMicrotask(() => {
    if (state.kind !== 'running') return; // cancelled before it started
    let running: Promise<T>;
    try {
      running = Promise.resolve(fn(controller.signal));
    } catch (error) {
      running = Promise.reject(error);
    }
    running.then(succeed, fail);
  });

  const task: Task<T> = {
    then(onFulfilled, onRejected) {
      return outcome.then(onFulfilled, onRejected);
    },
    done: () => state.kind !== 'running',
    cancelled: () => state.kind === 'cancelled',
    result() {
      switch (state.kind) {
        case 'running':
          throw new InvalidStateError('result() of a task that is not done yet');
        case 'succeeded':
          return state.value;
        default:
          throw state.error;
      }
    },
    exception() {
      switch (state.kind) {
        case 'running':
          throw new InvalidStateError('exception() of a task that is not done yet');
        case 'succeeded':
          return undefined;
        case 'failed':
          return state.error;
        case 'cancelled':
          throw state.error;
      }
    },
    cancel(message) {
      if (state.kind !== 'running') return false;
      const error = new CancelledError(message);
      state = { kind: 'cancelled', error };
      rejectOutcome(error);
      queueCallbacks();
      controller.abort(error);
      return true;
    },
    addDoneCallback(callback) {
      if (state.kind === 'running') waiting.push(callback);
      else queueMicrotask(() => callback(task));
    },
  };
  return task;
}
