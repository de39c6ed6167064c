// A virtual clock for running lesson examples: `node --import tsx --import ./grader/tools/virtual-clock.ts example.ts`.
//
// Timers (setTimeout/setInterval, global and from node:timers and node:timers/promises), Date and
// performance.now() are replaced. Time flows as usual, but whenever the program has nothing else
// to do (no immediate, no I/O in flight) and is only waiting for a timer, the clock jumps straight
// to that timer. A lesson's "wait 3 seconds" takes no real time, prints what it would print, and
// measures 3 s with performance.now(). setImmediate, queueMicrotask, process.nextTick and I/O are
// real, so their order relative to each other is Node's own.
import { appendFileSync } from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import timersModule from 'node:timers';
import timersPromises from 'node:timers/promises';

const real = {
  setImmediate: globalThis.setImmediate,
  performanceNow: performance.now.bind(performance),
  Date: globalThis.Date,
};

/** Milliseconds the clock has jumped ahead of real time. */
let jumped = 0;
const now = (): number => real.performanceNow() + jumped;

interface VirtualTimer {
  readonly id: number;
  due: number;
  /** When it is due on the schedule alone: the program's virtual time, which real work never moves. */
  scheduled: number;
  /** Breaks ties between timers due at the same moment: first scheduled, first fired. */
  order: number;
  readonly callback: () => void;
  readonly repeat?: number;
  referenced: boolean;
}

const timers = new Map<number, VirtualTimer>();
let lastId = 0;
let lastOrder = 0;
let driving = false;

/** What setTimeout returns: enough of Node's Timeout for code that calls ref/unref/refresh. */
class VirtualTimeout {
  readonly id: number;
  constructor(id: number) {
    this.id = id;
  }
  ref(): this {
    const timer = timers.get(this.id);
    if (timer) timer.referenced = true;
    drive();
    return this;
  }
  unref(): this {
    const timer = timers.get(this.id);
    if (timer) timer.referenced = false;
    return this;
  }
  hasRef(): boolean {
    return timers.get(this.id)?.referenced ?? false;
  }
  refresh(): this {
    const timer = timers.get(this.id);
    if (timer) {
      const delay = timer.repeat ?? timer.due - now();
      timer.due = now() + delay;
      timer.scheduled = programTime + delay;
      timer.order = ++lastOrder;
    }
    return this;
  }
  [Symbol.toPrimitive](): number {
    return this.id;
  }
}

/**
 * The program's time on its timers' schedule alone: 0 at the start, and the due time of each timer
 * as it fires. Unlike now(), no real time (loading tsx, a loaded machine) ever moves it, so the
 * timeline below says at which second of the program a line was printed, exactly.
 */
let programTime = 0;

function schedule(callback: () => void, delay: unknown, repeat: boolean): VirtualTimeout {
  // Node's rule: a delay that is not a number of at least 1 ms becomes 1 ms.
  const ms = typeof delay === 'number' && delay >= 1 && delay <= 2 ** 31 - 1 ? Math.trunc(delay) : 1;
  const id = ++lastId;
  timers.set(id, { id, due: now() + ms, scheduled: programTime + ms, order: ++lastOrder, callback, repeat: repeat ? ms : undefined, referenced: true });
  drive();
  return new VirtualTimeout(id);
}

function cancel(handle: unknown): void {
  if (handle instanceof VirtualTimeout) timers.delete(handle.id);
  else if (typeof handle === 'number') timers.delete(handle);
}

/** Keeps firing timers, one per turn of the real event loop, while a referenced timer is pending. */
function drive(): void {
  if (driving) return;
  driving = true;
  real.setImmediate(() => {
    driving = false;
    const next = [...timers.values()].sort((a, b) => a.due - b.due || a.order - b.order)[0];
    if (!next || ![...timers.values()].some((timer) => timer.referenced)) return;
    const waitFor = next.due - now();
    if (waitFor > 0) {
      if (busyWithRealWork()) {
        drive();
        return;
      }
      jumped += waitFor;
    }
    programTime = Math.max(programTime, next.scheduled);
    if (next.repeat === undefined) timers.delete(next.id);
    else {
      next.due += next.repeat;
      next.scheduled += next.repeat;
      next.order = ++lastOrder;
    }
    drive();
    next.callback();
  });
}

/** Immediates, sockets, files, child processes: anything real the program is waiting for. */
function busyWithRealWork(): boolean {
  return process.getActiveResourcesInfo().some((resource) => resource !== 'PipeWrap' && resource !== 'TTYWrap');
}

function virtualSetTimeout(callback: (...args: unknown[]) => void, delay?: number, ...args: unknown[]): VirtualTimeout {
  return schedule(() => callback(...args), delay, false);
}

function virtualSetInterval(callback: (...args: unknown[]) => void, delay?: number, ...args: unknown[]): VirtualTimeout {
  return schedule(() => callback(...args), delay, true);
}

function abortError(signal: AbortSignal): Error {
  return Object.assign(new Error('The operation was aborted'), { name: 'AbortError', code: 'ABORT_ERR', cause: signal.reason });
}

function virtualSleep<T>(delay?: number, value?: T, options: { signal?: AbortSignal; ref?: boolean } = {}): Promise<T> {
  const { signal } = options;
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(abortError(signal));
      return;
    }
    const onAbort = (): void => {
      cancel(handle);
      reject(abortError(signal!));
    };
    const handle = schedule(
      () => {
        signal?.removeEventListener('abort', onAbort);
        resolve(value as T);
      },
      delay,
      false,
    );
    if (options.ref === false) handle.unref();
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

class VirtualDate extends real.Date {
  constructor(...args: unknown[]) {
    if (args.length === 0) super(real.Date.now() + jumped);
    else super(...(args as [number]));
  }
  static override now(): number {
    return real.Date.now() + jumped;
  }
}

const fakes = {
  setTimeout: virtualSetTimeout,
  clearTimeout: cancel,
  setInterval: virtualSetInterval,
  clearInterval: cancel,
};
Object.assign(globalThis, fakes, { Date: VirtualDate });
Object.assign(timersModule, fakes);
Object.assign(timersPromises, { setTimeout: virtualSleep });
Object.assign(timersPromises.scheduler, { wait: (delay: number, options?: { signal?: AbortSignal }) => virtualSleep(delay, undefined, options) });
performance.now = now;
// Update the named exports that `import { setTimeout } from 'node:timers/promises'` sees.
syncBuiltinESMExports();

// With VIRTUAL_CLOCK_TIMELINE=<file>, each line the program prints is also appended to that file as
// JSON ({ "at": the program's time in seconds, see programTime, "line": … }), so a test can check when each line was printed;
// a last entry ({ "at": …, "exit": true }) says when the program ended.
const timelineFile = process.env.VIRTUAL_CLOCK_TIMELINE;
if (timelineFile) {
  const write = process.stdout.write.bind(process.stdout) as (chunk: unknown, ...rest: unknown[]) => boolean;
  let partial = '';
  process.stdout.write = ((chunk: unknown, ...rest: unknown[]) => {
    const lines = (partial + String(chunk)).split('\n');
    partial = lines.pop()!;
    const at = programTime / 1000;
    for (const line of lines) appendFileSync(timelineFile, `${JSON.stringify({ at, line })}\n`);
    return write(chunk, ...rest);
  }) as typeof process.stdout.write;
  process.on('exit', () => appendFileSync(timelineFile, `${JSON.stringify({ at: programTime / 1000, exit: true })}\n`));
}
