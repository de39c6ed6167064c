// Right: a Set of the promises in flight, a list of parked waiters settled in one go with one shared ExceptionGroup, and a module-private symbol through which taskGroup reports the body's failure.
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

const reportFailure = Symbol('reportFailure');
type Phase = 'open' | 'ending' | 'finished';

export class TaskGroup implements AsyncDisposable {
  private readonly controller = new AbortController();
  private readonly pending = new Set<Promise<unknown>>();
  private readonly seen = new Set<unknown>();
  private readonly failures: unknown[] = [];
  private readonly waiters: { resolve: () => void; reject: (error: unknown) => void }[] = [];
  private phase: Phase = 'open';
  private failed = false;
  private outcome: ExceptionGroup | null = null;

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  createTask<T>(fn: (signal: AbortSignal) => PromiseLike<T> | T): Promise<T> {
    if (this.phase === 'finished') throw new TaskGroupClosedError('finished');
    if (this.failed) throw new TaskGroupClosedError('shutting down');
    const task = new Promise<T>((resolve) => resolve(fn(this.controller.signal)));
    this.pending.add(task);
    const settled = (): void => {
      this.pending.delete(task);
      this.check();
    };
    task.then(settled, (error: unknown) => {
      this[reportFailure](error);
      settled();
    });
    return task;
  }

  [Symbol.asyncDispose](): Promise<void> {
    if (this.phase === 'open') this.phase = 'ending';
    return new Promise<void>((resolve, reject) => {
      if (this.phase === 'finished') {
        if (this.outcome) reject(this.outcome);
        else resolve();
        return;
      }
      this.waiters.push({ resolve, reject });
      this.check();
    });
  }

  [reportFailure](error: unknown): void {
    const reason: unknown = this.controller.signal.reason;
    const aborted = this.controller.signal.aborted;
    const cancelled = aborted && (error === reason || (error instanceof Error && error.cause === reason));
    if (cancelled || this.seen.has(error)) return;
    this.seen.add(error);
    this.failures.push(error);
    if (!this.failed) {
      this.failed = true;
      this.controller.abort(error);
    }
  }

  private check(): void {
    if (this.phase !== 'ending' || this.pending.size !== 0) return;
    this.phase = 'finished';
    this.outcome = this.failures.length === 0 ? null : new ExceptionGroup(this.failures);
    for (const waiter of this.waiters.splice(0)) {
      if (this.outcome) waiter.reject(this.outcome);
      else waiter.resolve();
    }
  }
}

export async function taskGroup<T>(body: (tg: TaskGroup) => PromiseLike<T> | T): Promise<T> {
  const group = new TaskGroup();
  let value: T;
  try {
    value = await body(group);
  } catch (error) {
    group[reportFailure](error);
    await group[Symbol.asyncDispose]();
    throw error; // not reached: the body's failure makes the disposer reject
  }
  await group[Symbol.asyncDispose]();
  return value;
}
