// The grader's vitest pool worker: vitest's forks (one fresh process per spec file), with two
// changes.
//
// - The workers get the code of each module over their channel instead of reading it from
//   vitest's temporary folder (`cacheFs: false`), so they may not read that folder at all: it holds
//   the transformed code of every spec.
// - In watch mode (COURSE_SPARE_WORKER=1, set by the warm server) a spare process is started as
//   soon as a run takes the previous one, so that the next save finds a worker that has already
//   booted Node and loaded vitest's runtime. Each run still gets a process of its own, which has
//   never run a line of the learner's code; the spare only takes the start-up out of
//   save-to-verdict.
import { type ChildProcess, fork } from 'node:child_process';
import { ForksPoolWorker, type PoolOptions } from 'vitest/node';

const keepSpare = process.env.COURSE_SPARE_WORKER === '1';

/** The spare, and the options it was started with: only a run with the same ones may take it. */
let spare: { options: string; child: ChildProcess } | undefined;

export class CoursePoolWorker extends ForksPoolWorker {
  override readonly cacheFs = false;

  override async start(): Promise<void> {
    if (!keepSpare) return super.start();
    const options = JSON.stringify([this.entrypoint, this.execArgv, this.env]);
    const taken = spare;
    spare = undefined;
    if (taken && taken.options === options && taken.child.exitCode === null && taken.child.signalCode === null) {
      // ForksPoolWorker.start keeps a process it already has, and pipes its output as usual.
      (this as unknown as { _fork: ChildProcess })._fork = taken.child;
    } else {
      taken?.child.kill('SIGKILL');
    }
    await super.start();
    // The same call as ForksPoolWorker.start's own.
    spare = { options, child: fork(this.entrypoint, [], { env: this.env, execArgv: this.execArgv, stdio: 'pipe', serialization: 'advanced' }) };
  }
}

export function createPoolWorker(options: PoolOptions): CoursePoolWorker {
  return new CoursePoolWorker(options);
}
