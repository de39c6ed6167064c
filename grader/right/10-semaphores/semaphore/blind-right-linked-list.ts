// Right: waiters in a doubly linked list (O(1) unlink on abort) with a live count; each node is a small state machine ('queued' → 'handed' → 'done') and the hand-over resolves in a queued microtask.
export interface AcquireOptions {
  /** Aborting this signal gives up the wait, like cancelling the task that awaits `sem.acquire()`. */
  signal?: AbortSignal;
}

type State = 'queued' | 'handed' | 'done';

class Node {
  prev: Node | null = null;
  next: Node | null = null;
  state: State = 'queued';
  readonly resolve: () => void;
  readonly reject: (reason: unknown) => void;
  readonly signal: AbortSignal | undefined;
  constructor(resolve: () => void, reject: (reason: unknown) => void, signal: AbortSignal | undefined) {
    this.resolve = resolve;
    this.reject = reject;
    this.signal = signal;
  }
  readonly onAbort = (): void => {
    this.owner?.abortNode(this);
  };
  owner: { abortNode(node: Node): void } | null = null;
}

export class Semaphore {
  #free: number;
  #head: Node | null = null;
  #tail: Node | null = null;
  #count = 0;

  constructor(value = 1) {
    if (!(typeof value === 'number' && Number.isInteger(value) && value >= 0)) {
      throw new RangeError(`a semaphore needs a whole number of permits, 0 or more (got ${String(value)})`);
    }
    this.#free = value;
  }

  get value(): number {
    return this.#free;
  }

  get waiting(): number {
    return this.#count;
  }

  locked(): boolean {
    return this.#free === 0 || this.#count > 0;
  }

  acquire(options: AcquireOptions = {}): Promise<void> {
    const signal = options.signal;
    if (signal !== undefined && signal.aborted) return Promise.reject(signal.reason);
    if (this.#count === 0 && this.#free > 0) {
      this.#free -= 1;
      return Promise.resolve(undefined);
    }
    let node!: Node;
    const promise = new Promise<void>((resolve, reject) => {
      node = new Node(resolve, reject, signal);
    });
    node.owner = { abortNode: (n) => this.#abortNode(n) };
    this.#append(node);
    signal?.addEventListener('abort', node.onAbort);
    return promise;
  }

  release(): void {
    this.#passOn();
  }

  run<T>(fn: () => PromiseLike<T> | T, options: AcquireOptions = {}): Promise<T> {
    return this.acquire(options).then(() => {
      let outcome: PromiseLike<T> | T;
      try {
        outcome = fn();
      } catch (err) {
        this.release();
        throw err;
      }
      return Promise.resolve(outcome).then(
        (value) => {
          this.release();
          return value;
        },
        (err: unknown) => {
          this.release();
          throw err;
        },
      );
    });
  }

  /** release() without any bound: to the first waiter, or to the count. */
  #passOn(): void {
    const node = this.#head;
    if (node === null) {
      this.#free += 1;
      return;
    }
    this.#unlink(node);
    node.state = 'handed';
    queueMicrotask(() => {
      if (node.state !== 'handed') return; // aborted in between: it has passed the permit on already
      node.state = 'done';
      node.signal?.removeEventListener('abort', node.onAbort);
      node.resolve();
    });
  }

  #abortNode(node: Node): void {
    const was = node.state;
    if (was === 'done') return;
    node.state = 'done';
    node.signal?.removeEventListener('abort', node.onAbort);
    if (was === 'queued') this.#unlink(node);
    else this.#passOn();
    node.reject(node.signal?.reason);
  }

  #append(node: Node): void {
    node.prev = this.#tail;
    if (this.#tail) this.#tail.next = node;
    else this.#head = node;
    this.#tail = node;
    this.#count += 1;
  }

  #unlink(node: Node): void {
    if (node.prev) node.prev.next = node.next;
    else this.#head = node.next;
    if (node.next) node.next.prev = node.prev;
    else this.#tail = node.prev;
    node.prev = node.next = null;
    this.#count -= 1;
  }
}

export class BoundedSemaphore extends Semaphore {
  readonly #limit: number;

  constructor(value = 1) {
    super(value);
    this.#limit = value;
  }

  override release(): void {
    if (this.value >= this.#limit) {
      throw new RangeError('BoundedSemaphore released too many times');
    }
    super.release();
  }
}
