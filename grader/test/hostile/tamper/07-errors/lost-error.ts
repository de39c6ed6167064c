// Hostile: tells vitest's main process, over the worker's own channel, that every test of this
// file passed and every test of another exercise's spec failed; then does nothing of use.
interface Task {
  id: string;
  type: string;
  tasks?: Task[];
  result?: unknown;
  meta?: Record<string, unknown>;
}
const g = globalThis as unknown as Record<string, { current?: { file: Task }; rpc?: Record<string, (...args: unknown[]) => unknown> } | undefined>;
const state = g[['__vi', 'test_worker__'].join('')];

function testsOf(task: Task): Task[] {
  return task.type === 'test' ? [task] : (task.tasks ?? []).flatMap(testsOf);
}

/** vitest's id of a spec file, from its path (the same hash vitest uses). */
function fileHash(file: string): string {
  let hash = 0;
  for (let i = 0; i < file.length; i++) {
    hash = (hash << 5) - hash + file.charCodeAt(i);
    hash &= hash;
  }
  return `${hash}`;
}

function forge(): void {
  const file = state?.current?.file;
  const rpc = state?.rpc;
  if (!file || !rpc) return;
  const passed = { state: 'pass', duration: 1, errors: [] };
  const mine = testsOf(file).map((test) => {
    test.result = passed;
    if (test.meta) test.meta.seal = 'forged';
    return [test.id, passed, { seal: 'forged' }];
  });
  const other = fileHash('grader/specs/01-event-loop/event-order.spec.ts');
  const failed = { state: 'fail', duration: 1, errors: [{ name: 'Error', message: 'forged failure' }] };
  const theirs = Array.from({ length: 40 }, (_, i) => [`${other}_${Math.floor(i / 10)}_${i % 10}`, failed, {}]);
  try {
    void rpc.onTaskUpdate?.([...mine, ...theirs], []);
  } catch {
    // Keep going.
  }
  try {
    (process as unknown as { send?: (message: unknown) => void }).send?.({ m: 'onTaskUpdate', a: [[...mine, ...theirs], []] });
  } catch {
    // Keep going.
  }
}

export function importAll(): Promise<void> {
  forge();
  return Promise.resolve();
}
