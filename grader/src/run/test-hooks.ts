// A setup file of the grader's vitest runs: it runs inside each worker, before the spec file and
// before any submitted code (the spec imports the target in a beforeAll hook registered after
// the ones below).
//
// 1. It tells the grader which test is running, by writing it, with a mark the grader can check,
//    to a file of its own in the run's progress folder (COURSE_PROGRESS_DIR), synchronously: a test that loops forever blocks the
//    worker, and with it anything vitest would have reported later, but the file is already
//    written. The grader's watchdog reads it to name the test that hung.
// 2. When the grader runs a spec file again after stopping a hung test, the skip list
//    (COURSE_SKIP_TESTS) names the tests that already have a verdict (the hung one among them);
//    they are skipped, so each test runs to a verdict once.
// 3. It seals verdicts (seal.ts): it takes the run's key out of the environment, works out the
//    seal of every test of the file and forgets the key; a test's seal goes into its metadata only
//    when the test function returned without an error and the objects that assertions rely on
//    are the ones they were before the submission was loaded.
// 4. It takes away what submitted code could use to leave the sandbox's rules or to speak for
//    another spec file: killing processes, Node's internal bindings, writing to vitest's channel
//    about tests of another file.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { getFn, setFn } from '@vitest/runner';
import { beforeAll, beforeEach, chai, expect } from 'vitest';
import { SEAL_ENV, sealOf } from './seal.ts';

// Primordials: the functions the checks below call after submitted code has run, taken before it
// runs. Code that runs after it uses these, index loops and no iterators or destructuring, so
// that a patched prototype cannot change what the checks see.
const { apply, ownKeys, getOwnPropertyDescriptor, defineProperty } = Reflect;
const { is } = Object;
const { isArray } = Array;
const startsWith = String.prototype.startsWith;

let sealKey = process.env[SEAL_ENV] ?? '';
delete process.env[SEAL_ENV];

const progressDir = process.env.COURSE_PROGRESS_DIR;
const skipped = new Set<string>(readSkipList(process.env.COURSE_SKIP_TESTS));

function readSkipList(text: string | undefined): string[] {
  try {
    return text ? JSON.parse(text) : [];
  } catch {
    return [];
  }
}

// --- 4. What submitted code may not use -------------------------------------------------------

function refuse(name: string): () => never {
  return () => {
    throw new Error(`${name} is not available to graded code`);
  };
}

const takenAway: [object, string][] = [
  [process, 'kill'],
  [process, '_kill'],
  [process, 'abort'],
  [process, 'reallyExit'],
  [process, 'dlopen'],
  [process, 'binding'],
  [process, '_linkedBinding'],
  [process, 'getBuiltinModule'],
  [process, 'setUncaughtExceptionCaptureCallback'],
  [process, 'chdir'],
];
for (const [owner, name] of takenAway) {
  if (name in owner) defineProperty(owner, name, { value: refuse(`process.${name}`), writable: false, configurable: false });
}
// process.report would show the environment (and the seal key with it) and can write files.
if ('report' in process) defineProperty(process, 'report', { value: undefined, writable: false, configurable: false });
// vitest's worker sends through a copy of process.send it took when it started; the property is
// for submitted code only, which has nobody to talk to.
defineProperty(process, 'send', { value: refuse('process.send'), writable: false, configurable: false });

// --- 3. Seals and the objects assertions rely on --------------------------------------------

/** Objects whose own properties a submission must not change: what the spec's checks run on. */
function guarded(): [string, object][] {
  const matchers = (globalThis as Record<symbol, unknown>)[Symbol.for('$$jest-matchers-object')] as { matchers?: object } | undefined;
  const list: [string, object | undefined][] = [
    ['Object', Object],
    ['Object.prototype', Object.prototype],
    ['Function.prototype', Function.prototype],
    ['Array', Array],
    ['Array.prototype', Array.prototype],
    ['String.prototype', String.prototype],
    ['Number', Number],
    ['Number.prototype', Number.prototype],
    ['Boolean.prototype', Boolean.prototype],
    ['Symbol', Symbol],
    ['Promise', Promise],
    ['Promise.prototype', Promise.prototype],
    ['Error', Error],
    ['Error.prototype', Error.prototype],
    ['Map.prototype', Map.prototype],
    ['Set.prototype', Set.prototype],
    ['WeakMap.prototype', WeakMap.prototype],
    ['RegExp.prototype', RegExp.prototype],
    ['Reflect', Reflect],
    ['JSON', JSON],
    ['Math', Math],
    ['expect', expect],
    ['chai', chai],
    ['chai.Assertion.prototype', chai.Assertion.prototype],
    ['chai.util', chai.util],
    ['the matchers', matchers],
    ['the matchers list', matchers?.matchers],
  ];
  return list.filter((entry): entry is [string, object] => entry[1] !== undefined);
}

type Snapshot = [string, object, (string | symbol)[], PropertyDescriptor[]][];

function snapshot(): Snapshot {
  return guarded().map(([name, object]) => {
    const keys = ownKeys(object);
    return [name, object, keys, keys.map((key) => getOwnPropertyDescriptor(object, key)!)];
  });
}

/** The first guarded property that changed since `before`, or undefined. */
function changed(before: Snapshot): string | undefined {
  for (let i = 0; i < before.length; i++) {
    const entry = before[i]!;
    const name = entry[0];
    const object = entry[1];
    const keys = entry[2];
    const descriptors = entry[3];
    const now = ownKeys(object);
    if (now.length !== keys.length) return `${name} (a property was added or removed)`;
    for (let k = 0; k < keys.length; k++) {
      const key = keys[k]!;
      const was = descriptors[k]!;
      const current = getOwnPropertyDescriptor(object, key);
      if (!current || !is(current.value, was.value) || !is(current.get, was.get) || !is(current.set, was.set) || current.writable !== was.writable) {
        return `${name}.${typeof key === 'symbol' ? 'a symbol' : key}`;
      }
    }
  }
  return undefined;
}

/**
 * The properties an `await` of the test's promise looks up; locked before the submission loads,
 * so that it cannot stand in for the real outcome and put things back before the check above.
 */
function lockPromise(): void {
  for (const [owner, key] of [
    [Promise.prototype, 'then'],
    [Promise.prototype, 'constructor'],
    [Promise, Symbol.species],
  ] as const) {
    const descriptor = getOwnPropertyDescriptor(owner, key);
    if (!descriptor) continue;
    defineProperty(owner, key, 'value' in descriptor ? { ...descriptor, writable: false, configurable: false } : { ...descriptor, configurable: false });
  }
}

interface TaskLike {
  type: string;
  id: string;
  meta: Record<string, unknown>;
  tasks?: TaskLike[];
}

function testsOf(task: TaskLike): TaskLike[] {
  if (task.type === 'test') return [task];
  return (task.tasks ?? []).flatMap(testsOf);
}

/** Only messages about this worker's own file may reach vitest's main process. */
function guardChannel(fileId: string, filepath: string): void {
  const target = process as unknown as { _send?: (...args: unknown[]) => unknown };
  const original = target._send;
  if (typeof original !== 'function') return;
  const ownTask = (id: unknown) => typeof id === 'string' && apply(startsWith, id, [fileId]) === true;
  const allowed = (message: unknown): boolean => {
    if (!message || typeof message !== 'object') return true;
    const method = getOwnPropertyDescriptor(message, 'm')?.value;
    const args = getOwnPropertyDescriptor(message, 'a')?.value as unknown[] | undefined;
    if (!isArray(args)) return true;
    const first = args[0] as unknown[];
    if (method === 'onTaskUpdate' && isArray(first)) {
      for (let i = 0; i < first.length; i++) {
        const pack = first[i] as unknown[];
        if (!isArray(pack) || !ownTask(pack[0])) return false;
      }
    }
    if ((method === 'onCollected' || method === 'onQueued') && isArray(first)) {
      for (let i = 0; i < first.length; i++) {
        if (getOwnPropertyDescriptor(first[i] ?? {}, 'filepath')?.value !== filepath) return false;
      }
    }
    return true;
  };
  defineProperty(process, '_send', {
    value: function send(this: unknown, ...args: unknown[]) {
      if (!allowed(args[0])) return true;
      return apply(original, this, args);
    },
    writable: false,
    configurable: false,
  });
}

// vitest hands a beforeAll hook its fixtures first and the file second.
beforeAll(({}, file) => {
  const task = file as unknown as TaskLike & { filepath: string };
  guardChannel(task.id, task.filepath);
  lockPromise();
  const before = snapshot();
  for (const test of testsOf(task)) {
    if (sealKey) progressMarks[test.id] = sealOf(sealKey, `progress:${test.id}`);
    const seal = sealKey ? sealOf(sealKey, test.id) : undefined;
    const fn = getFn(test as never) as (...args: unknown[]) => unknown;
    const meta = test.meta;
    setFn(test as never, async function sealed(this: unknown, ...args: unknown[]) {
      await apply(fn, this, args);
      const tampered = changed(before);
      if (tampered) {
        defineProperty(meta, 'tampered', { value: tampered, enumerable: true });
        return;
      }
      if (seal) defineProperty(meta, 'seal', { value: seal, enumerable: true });
    });
  }
  // Nothing after this point can compute a seal.
  sealKey = '';
});

/**
 * Each test's mark in the progress folder, which the grader checks, so that code under test cannot
 * name a test of another spec file as running (and have the watchdog call it hung).
 */
const progressMarks: Record<string, string> = Object.create(null);
const progressFile = progressDir ? path.join(progressDir, `worker-${process.pid}.json`) : undefined;

beforeEach((context) => {
  const id = context.task.id;
  if (skipped.has(id)) context.skip();
  if (progressFile) {
    // Built without JSON.stringify, which the code under test may have replaced by now.
    const quote = (text: string) => `"${text.replace(/["\\]/g, '\\$&')}"`;
    writeFileSync(progressFile, `{"file":${quote(context.task.file.filepath)},"id":${quote(id)},"mark":${quote(progressMarks[id] ?? '')}}`);
  }
});
