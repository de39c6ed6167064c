// A vitest reporter that prints nothing and forwards each step of the run to the grader over the
// IPC channel the grader opened when it started vitest. The grader needs the events as they
// happen, not at the end: its watchdog has to know which spec file is stuck.
import type { Reporter, TestCase, TestModule } from 'vitest/node';
import type { CollectedTest, ReportedError, RunEvent } from './events.ts';

function send(event: RunEvent): void {
  process.send?.(event);
}

function toReported(error: { name?: string; message?: string; stack?: string; actual?: unknown; expected?: unknown }): ReportedError {
  const sides = typeof error.actual === 'string' && typeof error.expected === 'string' ? { actual: error.actual, expected: error.expected } : {};
  return { name: error.name ?? 'Error', message: error.message ?? String(error), stack: error.stack, ...sides };
}

function fullName(test: TestCase): string {
  const names = [test.name];
  for (let parent = test.parent; parent.type === 'suite'; parent = parent.parent) names.unshift(parent.name);
  return names.join(' › ');
}

export default class EventReporter implements Reporter {
  onTestModuleQueued(module: TestModule): void {
    send({ type: 'queued', file: module.moduleId });
  }

  onTestModuleCollected(module: TestModule): void {
    const tests: CollectedTest[] = [...module.children.allTests()].map((test) => {
      const { points = 1, hint, section } = test.meta();
      return { id: test.id, name: fullName(test), points, hint, section };
    });
    send({ type: 'collected', file: module.moduleId, tests });
  }

  onTestCaseResult(test: TestCase): void {
    const result = test.result();
    const state = result.state === 'passed' ? 'passed' : result.state === 'failed' ? 'failed' : 'skipped';
    const meta = test.meta() as { seal?: unknown; tampered?: unknown };
    send({
      type: 'test',
      file: test.module.moduleId,
      id: test.id,
      state,
      errors: (result.errors ?? []).map(toReported),
      ...(typeof meta.seal === 'string' ? { seal: meta.seal } : {}),
      ...(typeof meta.tampered === 'string' ? { tampered: meta.tampered } : {}),
    });
  }

  onTestModuleEnd(module: TestModule): void {
    send({ type: 'file-end', file: module.moduleId, errors: module.errors().map(toReported) });
  }
}
