// Wrong: A released party keeps its abort listener, and that listener removes an entry without checking the party is still in the round, so an abort after the release takes a party out of the next round.
export class BrokenBarrierError extends Error {
  override name = 'BrokenBarrierError';
}

export interface WaitOptions {
  signal?: AbortSignal;
}

interface Party {
  resolve(index: number): void;
  reject(reason: unknown): void;
  cleanup(): void;
}

export class Barrier {
  readonly #parties: number;
  #round: Party[] = [];
  #broken = false;

  constructor(parties: number) {
    if (!Number.isInteger(parties) || parties < 1) {
      throw new RangeError(`parties must be a whole number, 1 or more, not ${parties}`);
    }
    this.#parties = parties;
  }

  get parties(): number {
    return this.#parties;
  }

  get nWaiting(): number {
    return this.#round.length;
  }

  get broken(): boolean {
    return this.#broken;
  }

  wait(options: WaitOptions = {}): Promise<number> {
    const { signal } = options;
    if (signal?.aborted) return Promise.reject(signal.reason);
    if (this.#broken) return Promise.reject(new BrokenBarrierError('the barrier is broken'));
    if (this.#round.length + 1 >= this.#parties) {
      const round = this.#round;
      this.#round = [];
      round.forEach((party, index) => {
        party.resolve(index);
      });
      return Promise.resolve(round.length);
    }
    return new Promise<number>((resolve, reject) => {
      const onAbort = () => {
        this.#round.splice(this.#round.indexOf(party), 1);
        party.cleanup();
        reject(signal?.reason);
      };
      const party: Party = {
        resolve,
        reject,
        cleanup: () => signal?.removeEventListener('abort', onAbort),
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.#round.push(party);
    });
  }

  #rejectAll(): void {
    const round = this.#round;
    this.#round = [];
    for (const party of round) {
      party.cleanup();
      party.reject(new BrokenBarrierError('the barrier was aborted or reset'));
    }
  }

  abort(): void {
    if (this.#broken) return;
    this.#broken = true;
    this.#rejectAll();
  }

  reset(): void {
    this.#rejectAll();
    this.#broken = false;
  }
}
