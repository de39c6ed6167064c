// Right: a singly linked list of waiter nodes; release() marks the head node "handed" and wakes it in a queueMicrotask, where a late abort is noticed and the lock passed on.

/** Options of `acquire` and `runExclusive`. */
export interface AcquireOptions {
  /** Aborting it gives up waiting for the lock (asyncio: cancelling the task that waits in `acquire()`). */
  signal?: AbortSignal;
}

interface Node {
  next: Node | undefined;
  state: 'waiting' | 'handed' | 'done';
  resolve: () => void;
  reject: (reason: unknown) => void;
  signal: AbortSignal | undefined;
  onAbort: (() => void) | undefined;
}

export class Lock {
  #held = false;
  #head: Node | undefined = undefined;
  #tail: Node | undefined = undefined;

  locked(): boolean {
    return this.#held;
  }

  acquire(options: AcquireOptions = {}): Promise<void> {
    const { signal } = options;
    if (signal?.aborted) return Promise.reject(signal.reason);
    if (!this.#held) {
      this.#held = true;
      return Promise.resolve();
    }
    return new Promise<void>((resolve, reject) => {
      const node: Node = { next: undefined, state: 'waiting', resolve, reject, signal, onAbort: undefined };
      if (signal) {
        node.onAbort = () => {
          if (node.state !== 'waiting') return; // handed: the wake-up microtask deals with it
          this.#unlink(node);
          node.state = 'done';
          signal.removeEventListener('abort', node.onAbort!);
          reject(signal.reason);
        };
        signal.addEventListener('abort', node.onAbort);
      }
      if (this.#tail) this.#tail.next = node;
      else this.#head = node;
      this.#tail = node;
    });
  }

  #unlink(node: Node): void {
    let prev: Node | undefined = undefined;
    let cur = this.#head;
    while (cur && cur !== node) {
      prev = cur;
      cur = cur.next;
    }
    if (!cur) return;
    if (prev) prev.next = cur.next;
    else this.#head = cur.next;
    if (this.#tail === cur) this.#tail = prev;
    cur.next = undefined;
  }

  #handOn(): void {
    const node = this.#head;
    if (!node) {
      this.#held = false;
      return;
    }
    this.#head = node.next;
    if (!this.#head) this.#tail = undefined;
    node.next = undefined;
    node.state = 'handed';
    queueMicrotask(() => {
      node.state = 'done';
      if (node.signal && node.onAbort) node.signal.removeEventListener('abort', node.onAbort);
      if (node.signal?.aborted) {
        node.reject(node.signal.reason);
        this.#handOn();
      } else {
        node.resolve();
      }
    });
  }

  release(): void {
    if (!this.#held) throw new Error('Lock is not acquired.');
    this.#handOn();
  }

  async runExclusive<T>(fn: () => T | PromiseLike<T>, options: AcquireOptions = {}): Promise<T> {
    await this.acquire(options);
    try {
      return await fn();
    } finally {
      this.release();
    }
  }
}
