import { DbError } from '@critic/db';
import { extendLease, type Job } from '@critic/db/queue';
import type { GraderDeps } from '../grading/grade-submission';

/** A claimed job's lease, renewed in the background until released. */
export interface HeldLease {
  /** Aborted when the outer signal aborts or a renewal fails (the lease is then presumed lost). */
  signal: AbortSignal;
  /** Stops renewing and detaches from the outer signal. */
  release(): void;
}

/**
 * Renews `job`'s lease every third of `leaseMs` while the job runs; a failed renewal, or the outer
 * `signal`, aborts the returned signal so the work stops between steps.
 */
export function holdLease(
  deps: Pick<GraderDeps, 'db' | 'logger'>,
  job: Job,
  options: { leaseMs: number; signal?: AbortSignal | undefined },
): HeldLease {
  const stop = new AbortController();
  const onOuterAbort = () => stop.abort(options.signal?.reason ?? new Error('job stopped'));
  options.signal?.addEventListener('abort', onOuterAbort);
  if (options.signal?.aborted) onOuterAbort();
  const beat = setInterval(
    () => {
      extendLease(deps.db, job, options.leaseMs).catch((e: unknown) => {
        deps.logger?.warn('lease extension failed; stopping the job', { jobId: job.id, error: String(e) });
        stop.abort(new Error(`job ${job.id}: lease lost`));
      });
    },
    Math.max(50, Math.floor(options.leaseMs / 3)),
  );
  return {
    signal: stop.signal,
    release() {
      clearInterval(beat);
      options.signal?.removeEventListener('abort', onOuterAbort);
    },
  };
}

/** Whether `e` says the job's lease was lost (it expired and another worker claimed the job, or it finished). */
export const isLeaseLost = (e: unknown): boolean =>
  e instanceof DbError && e.entity === 'job' && e.field === 'lockToken';
