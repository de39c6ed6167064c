// Right: the state lives in a plain object made by a factory function; the class and taskGroup both drive it, the outcome is a deferred made up front and handled at once, and failures are deduplicated by scanning the list.
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

interface GroupState {
  readonly controller: AbortController;
  readonly errors: unknown[];
  running: number;
  ended: boolean;
  done: boolean;
  readonly outcome: Promise<void>;
  finish(errors: unknown[]): void;
}

function createState(): GroupState {
  let finish!: (errors: unknown[]) => void;
  const outcome = new Promise<void>((resolve, reject) => {
    finish = (errors) => (errors.length > 0 ? reject(new ExceptionGroup(errors)) : resolve());
  });
  outcome.catch(() => {}); // nobody may ask for it: that is not an unhandled rejection
  return { controller: new AbortController(), errors: [], running: 0, ended: false, done: false, outcome, finish };
}

function recordFailure(state: GroupState, error: unknown): void {
  const { signal } = state.controller;
  if (signal.aborted) {
    if (error === signal.reason) return;
    if (error instanceof Error && error.cause === signal.reason) return;
  }
  for (const known of state.errors) if (known === error) return;
  state.errors.push(error);
  if (state.errors.length === 1) state.controller.abort(error);
}

function settleIfDone(state: GroupState): void {
  if (state.done || !state.ended || state.running !== 0) return;
  state.done = true;
  state.finish(state.errors);
}

const states = new WeakMap<TaskGroup, GroupState>();

export class TaskGroup implements AsyncDisposable {
  constructor() {
    states.set(this, createState());
  }

  get signal(): AbortSignal {
    return states.get(this)!.controller.signal;
  }

  createTask<T>(fn: (signal: AbortSignal) => PromiseLike<T> | T): Promise<T> {
    const state = states.get(this)!;
    if (state.done) throw new TaskGroupClosedError('finished');
    if (state.errors.length > 0) throw new TaskGroupClosedError('shutting down');
    state.running += 1;
    let result: PromiseLike<T> | T;
    try {
      result = fn(state.controller.signal);
    } catch (error) {
      result = Promise.reject(error);
    }
    const task = Promise.resolve(result);
    task.then(
      () => {
        state.running -= 1;
        settleIfDone(state);
      },
      (error: unknown) => {
        recordFailure(state, error);
        state.running -= 1;
        settleIfDone(state);
      },
    );
    return task;
  }

  [Symbol.asyncDispose](): Promise<void> {
    const state = states.get(this)!;
    state.ended = true;
    settleIfDone(state);
    return state.outcome;
  }
}

export function taskGroup<T>(body: (tg: TaskGroup) => PromiseLike<T> | T): Promise<T> {
  const group = new TaskGroup();
  const state = states.get(group)!;
  return new Promise<T>((resolve, reject) => {
    const end = (value: T): void => {
      group[Symbol.asyncDispose]().then(() => resolve(value), reject);
    };
    try {
      Promise.resolve(body(group)).then(end, (error: unknown) => {
        recordFailure(state, error);
        group[Symbol.asyncDispose]().then(() => reject(error), reject);
      });
    } catch (error) {
      recordFailure(state, error);
      group[Symbol.asyncDispose]().then(() => reject(error), reject);
    }
  });
}
