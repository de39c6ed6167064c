// Hostile: reaches for a worker thread, Node's internal bindings and the built-in module loader,
// which an import would name.
const loose = process as unknown as Record<string, ((name: string) => unknown) | undefined>;
const attempts: string[] = [];
for (const name of ['binding', ['getBuiltin', 'Module'].join('')]) {
  try {
    loose[name]?.('fs');
    attempts.push(`${name}: allowed`);
  } catch (error) {
    attempts.push(`${name}: ${(error as Error).message}`);
  }
}
try {
  const threads = (await import(['node', 'worker_threads'].join(':'))) as typeof import('node:worker_threads');
  new threads.Worker('setInterval(() => {}, 1000)', { eval: true }).unref();
  attempts.push('Worker: allowed');
} catch (error) {
  attempts.push(`Worker: ${(error as Error).message}`);
}

export class InvalidStateError extends Error {}
export class CancelledError extends Error {}
export class Future {
  constructor() {
    throw new Error(`not implemented yet (${attempts.join('; ')})`);
  }
}
