// Wrong: believes a zero-delay timer runs before promise callbacks and queueMicrotask.
// Only the predictions: the programs they predict are those of solutions/01-event-loop/event-order.ts.

export const predictionA: string[] = [
  'script start',
  'script end',
  'setTimeout',
  'promise.then',
  'queueMicrotask',
];

export const predictionB: string[] = [
  'main: start',
  'a: start',
  'b: start',
  'main: end',
  'a: after 1st await',
  'main: then',
  'b: after 1st await',
  'a: after 2nd await',
  'b: after 2nd await',
];

export const predictionC: string[] = [
  'start',
  'end',
  'timeout 0: first',
  'timeout 0: second',
  'microtask',
  'then inside the first timeout',
  'timeout 0 inside the first timeout',
  'timeout 100',
];

export const predictionD: string[] = [
  'main: start',
  'slow: start',
  'fast: start',
  'main: end',
  'then 1',
  'microtask from then 1',
  'then 2',
  'fast: woke up',
  'fast: microtask',
  'fast: end',
  'timeout 20',
  'slow: woke up',
  'slow: microtask',
  'slow: end',
];
