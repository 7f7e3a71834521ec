import { isCustomEnvCheckPayload } from '@critic/db';
import { completeJob, type Job } from '@critic/db/queue';
import { runCustomEnvCheckJob } from '../custom-env-check/run-check-job';
import { type GraderDeps, gradeSubmission } from '../grading/grade-submission';
import type { GradeOutcome } from '../grading/outcome';
import { InvalidPayloadError } from '../grading/payload';
import type { GraderMetrics } from '../metrics/grader-metrics';
import { failClaimedJob } from './fail-claimed-job';
import { holdLease } from './lease';

/** How one claimed job ended, from the queue's point of view. */
export type JobEnd =
  | { kind: 'graded'; outcome: GradeOutcome }
  /** A custom env's check (a job of the grading queue too): its report is stored. */
  | { kind: 'checked'; customEnvId: string; status: 'accepted' | 'rejected' | 'skipped' }
  /** A platform failure: the job was put back for a retry (or dead-lettered after its last attempt). */
  | { kind: 'retry'; error: string; status: 'queued' | 'dead' | 'unknown' }
  /** Another worker owns the job now (our lease expired): nothing of ours was written. */
  | { kind: 'lease_lost' };

/** Options of `runClaimedJob`. */
export interface RunJobOptions {
  /** Lease length; renewed every third of it. */
  leaseMs: number;
  /** Aborting it stops the evaluation between steps; the job then goes back to the queue. */
  signal?: AbortSignal;
  /** Counts the job. */
  metrics?: GraderMetrics;
}

/**
 * Grades one claimed job with a lease heartbeat: the result and the job's completion commit in one
 * transaction; a platform failure puts the job back with backoff (dead-lettered after its last attempt,
 * when the submission fails as `platform_error`, which does not count toward the daily limit).
 */
export async function runClaimedJob(job: Job, deps: GraderDeps, options: RunJobOptions): Promise<JobEnd> {
  if (isCustomEnvCheckPayload(job.payload)) return runCustomEnvCheckJob(job, job.payload, deps, options);
  const lease = holdLease(deps, job, options);
  const t0 = performance.now();
  options.metrics?.jobStarted();
  try {
    const outcome = await gradeSubmission(job.payload, deps, {
      signal: lease.signal,
      completeWithin: (tx, o) => completeJob(tx, job, { ...o }),
    });
    options.metrics?.jobEnded(outcome, (performance.now() - t0) / 1000);
    return { kind: 'graded', outcome };
  } catch (e) {
    options.metrics?.jobEnded('platform_error', (performance.now() - t0) / 1000);
    return failClaimedJob(deps, job, e, {
      retryable: !(e instanceof InvalidPayloadError),
      what: 'grading job failed on the platform side',
    });
  } finally {
    lease.release();
  }
}
