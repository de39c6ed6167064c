// Hostile: leaves unhandled rejections and uncaught exceptions behind, at import and in every test.
void Promise.reject(new Error('rejected at import, never handled'));
setTimeout(() => {
  throw new Error('thrown from a timer at import');
}, 0);

export function lazy(): never {
  void Promise.reject(new Error('rejected in a test, never handled'));
  queueMicrotask(() => {
    throw new Error('thrown from a microtask in a test');
  });
  throw new Error('not implemented yet');
}
