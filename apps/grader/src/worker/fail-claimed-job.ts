import { failSubmissionsOfDeadJobs } from '@critic/db';
import { failJob, type Job } from '@critic/db/queue';
import type { GraderDeps } from '../grading/grade-submission';
import { isLeaseLost } from './lease';

/** How a claimed job ended after a failure, from the queue's point of view. */
export type FailedJobEnd =
  /** The job was put back for a retry (or dead-lettered: `status: 'dead'`). */
  | { kind: 'retry'; error: string; status: 'queued' | 'dead' | 'unknown' }
  /** Another worker owns the job now: nothing of ours was written. */
  | { kind: 'lease_lost' };

/**
 * Ends a claimed job after `e`: a lost lease leaves it alone; anything else is logged as `what` and the
 * job put back with backoff when `retryable`, or dead-lettered at once when not.
 */
export async function failClaimedJob(
  deps: Pick<GraderDeps, 'db' | 'logger'>,
  job: Job,
  e: unknown,
  options: { retryable: boolean; what: string },
): Promise<FailedJobEnd> {
  if (isLeaseLost(e)) return { kind: 'lease_lost' };
  const error = e instanceof Error ? e.message : String(e);
  deps.logger?.warn(options.what, { jobId: job.id, error });
  const failed = await failJob(deps.db, job, error, {
    retryable: options.retryable,
    baseMs: 1000,
    onDeadLetter: failSubmissionsOfDeadJobs,
  }).catch((err: unknown) => {
    if (isLeaseLost(err)) return undefined;
    throw err;
  });
  if (failed === undefined) return { kind: 'lease_lost' };
  return { kind: 'retry', error, status: failed.status };
}
