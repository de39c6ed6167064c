// Wrong: treats `await` on a value that is already there as if it did not pause the async function.
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
  'a: start',
  'a: after 1st await',
  'a: after 2nd await',
  'b: start',
  'b: after 1st await',
  'b: after 2nd await',
  'main: end',
  'main: then',
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
  'slow: start',
  'fast: start',
  'main: end',
  'then 1',
  'microtask from then 1',
  'then 2',
  'fast: woke up',
  'fast: end',
  'fast: microtask',
  'timeout 20',
  'slow: woke up',
  'slow: end',
  'slow: microtask',
];
