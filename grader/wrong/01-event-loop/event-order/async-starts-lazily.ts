// Wrong: thinks like Python, where a coroutine does not start until it is awaited: the async functions start only at the final await.
// Only the predictions: the programs they predict are those of solutions/01-event-loop/event-order.ts.

export const predictionA: string[] = [
  'script start',
  'script end',
  'promise.then',
  'queueMicrotask',
  'setTimeout',
];

export const predictionB: string[] = [
  'main: start',
  'main: end',
  'main: then',
  'a: start',
  'b: start',
  'a: after 1st await',
  'b: after 1st await',
  'a: after 2nd await',
  'b: after 2nd await',
];

export const predictionC: string[] = [
  'start',
  'end',
  'microtask',
  'timeout 0: first',
  'then inside the first timeout',
  'timeout 0: second',
  'timeout 0 inside the first timeout',
  'timeout 100',
];

export const predictionD: string[] = [
  'main: start',
  'main: end',
  'then 1',
  'microtask from then 1',
  'then 2',
  'slow: start',
  'fast: start',
  'fast: woke up',
  'fast: microtask',
  'fast: end',
  'timeout 20',
  'slow: woke up',
  'slow: microtask',
  'slow: end',
];
