import { failSubmissionsOfDeadJobs } from '@critic/db';
import { claimJobs, type Job } from '@critic/db/queue';
import type { GraderDeps } from '../grading/grade-submission';
import type { GraderMetrics } from '../metrics/grader-metrics';
import { type RunJobOptions, runClaimedJob } from './run-job';
import { noScaleInProtection, type ScaleInProtection } from './scale-in-protection';

/** Options of `runWorkLoop`. */
export interface WorkLoopOptions {
  /** Queue to pull from. */
  queue: string;
  /** Jobs graded at once (each in its own sandbox child). */
  concurrency: number;
  /** Written to the job's `locked_by`. */
  workerId: string;
  /** Job lease; renewed every third of it. */
  leaseMs: number;
  /** Sleep between empty polls. */
  pollMs: number;
  /** Aborting it stops claiming; running jobs get `graceMs` to finish, then go back to the queue. */
  stop: AbortSignal;
  /** Grace period for running jobs after `stop`. */
  graceMs: number;
  /** Counts jobs. */
  metrics?: GraderMetrics;
  /** Runs one claimed job of `queue`; default `runClaimedJob` (grading). */
  handle?: (job: Job, deps: GraderDeps, options: RunJobOptions) => Promise<unknown>;
  /** Protects the task from scale-in while any job of this loop runs (ECS task protection); default none. */
  protection?: ScaleInProtection;
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const t = setTimeout(done, ms);
    function done() {
      clearTimeout(t);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done);
  });
}

/**
 * The `work` mode: `concurrency` slots, each claiming one job at a time from the Postgres queue
 * (SKIP LOCKED, so any number of workers share it) and grading it. After `stop` no job is claimed;
 * running jobs finish, or after `graceMs` are stopped and returned to the queue. Resolves with the
 * number of jobs handled once every slot is idle.
 */
export async function runWorkLoop(deps: GraderDeps, options: WorkLoopOptions): Promise<number> {
  if (!Number.isInteger(options.concurrency) || options.concurrency < 1) {
    throw new RangeError(`runWorkLoop: concurrency must be a positive integer, got ${options.concurrency}`);
  }
  const overtime = new AbortController();
  let graceTimer: NodeJS.Timeout | undefined;
  const onStop = () => {
    graceTimer = setTimeout(
      () => overtime.abort(new Error(`worker shutting down: grace period of ${options.graceMs} ms is over`)),
      options.graceMs,
    );
  };
  if (options.stop.aborted) onStop();
  else options.stop.addEventListener('abort', onStop, { once: true });
  let handled = 0;
  const slot = async (index: number) => {
    while (!options.stop.aborted) {
      let jobs: Job[];
      try {
        jobs = await claimJobs(deps.db, {
          queue: options.queue,
          workerId: `${options.workerId}/${index}`,
          leaseMs: options.leaseMs,
          onDeadLetter: failSubmissionsOfDeadJobs,
        });
      } catch (e) {
        deps.logger?.error('claiming jobs failed; retrying after the poll interval', { error: String(e) });
        await sleep(options.pollMs, options.stop);
        continue;
      }
      const job = jobs[0];
      if (job === undefined) {
        await sleep(options.pollMs, options.stop);
        continue;
      }
      const release = await (options.protection ?? noScaleInProtection).hold();
      const end = await (options.handle ?? runClaimedJob)(job, deps, {
        leaseMs: options.leaseMs,
        signal: overtime.signal,
        ...(options.metrics ? { metrics: options.metrics } : {}),
      })
        .catch((e: unknown) => {
          deps.logger?.error('job bookkeeping failed (the lease will expire and the job be retried)', {
            jobId: job.id,
            error: String(e),
          });
          return undefined;
        })
        .finally(release);
      handled++;
      deps.logger?.info('job finished', { jobId: job.id, end });
    }
  };
  try {
    await Promise.all(Array.from({ length: options.concurrency }, (_, i) => slot(i)));
  } finally {
    clearTimeout(graceTimer);
    options.stop.removeEventListener('abort', onStop);
  }
  return handled;
}
