// Wrong: reset() empties the round but does not zero the arrival count that decides when a round is full, so after a reset() with parties waiting, the next round is released too early.
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
  #arrived = 0;
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
    this.#arrived += 1;
    if (this.#arrived >= this.#parties) {
      const round = this.#round;
      this.#round = [];
      this.#arrived = 0;
      round.forEach((party, index) => {
        party.cleanup();
        party.resolve(index);
      });
      return Promise.resolve(round.length);
    }
    return new Promise<number>((resolve, reject) => {
      const onAbort = () => {
        const at = this.#round.indexOf(party);
        if (at !== -1) {
          this.#round.splice(at, 1);
          this.#arrived -= 1;
        }
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

  abort(): void {
    if (this.#broken) return;
    this.#broken = true;
    const round = this.#round;
    this.#round = [];
    this.#arrived = 0;
    for (const party of round) {
      party.cleanup();
      party.reject(new BrokenBarrierError('the barrier was aborted'));
    }
  }

  reset(): void {
    const round = this.#round;
    this.#round = [];
    for (const party of round) {
      party.cleanup();
      party.reject(new BrokenBarrierError('the barrier was reset'));
    }
    this.#broken = false;
  }
}
