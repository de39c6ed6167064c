// Hostile: exhausts the heap in every test.
export class CancelledError extends Error {}
export class InvalidStateError extends Error {}

export function createTask(): never {
  const hog: number[][] = [];
  for (;;) hog.push(new Array<number>(10_000_000).fill(hog.length));
}
