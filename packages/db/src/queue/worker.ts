import type { Database, Executor } from '../db';
import { DbError } from '../errors';
import type { DbLogger } from '../logger';
import { silentLogger } from '../logger';
import type { DeadLetterHook } from './dead-letter';
import { type BackoffOptions, claimJobs, completeJob, extendLease, failJob, type Job } from './jobs';

/** What a handler gets besides the job. */
export interface JobContext {
  /** Aborted when the lease is lost or the worker stops; stop work and throw. */
  signal: AbortSignal;
  /**
   * Completes the job inside the handler's own transaction, so results and completion commit together
   * (a lost lease then rolls the results back). If the handler never calls it, the worker completes
   * the job after the handler returns.
   */
  completeWithin(tx: Executor, result?: Record<string, unknown>): Promise<void>;
}

/** Options of a polling worker. */
export interface WorkerOptions<P> {
  db: Database;
  queue: string;
  /** Written to `locked_by`; default `pid-<pid>`. */
  workerId?: string;
  /** Lease per claim; extended every third of it while the handler runs. Default 30000 ms. */
  leaseMs?: number;
  /** Sleep between empty polls; default 200 ms. */
  pollMs?: number;
  /** Jobs claimed per round trip; they run one after another. Default 1. */
  batch?: number;
  backoff?: BackoffOptions;
  /** What dead-lettering a job does to what it was for (grading: `failSubmissionsOfDeadJobs`). */
  onDeadLetter?: DeadLetterHook;
  /** Complete jobs (that the handler did not complete itself) without waiting for the WAL flush; see completeJob. */
  asyncCommit?: boolean;
  /** Stops the loop after the job in hand. */
  signal?: AbortSignal;
  /** Called when a poll finds nothing to claim; return true to stop (e.g. "exit once the queue is drained"). */
  onIdle?: () => Promise<boolean> | boolean;
  logger?: DbLogger;
  handler: (job: Job<P>, ctx: JobContext) => Promise<Record<string, unknown> | undefined>;
}

/** Marks an error as final: the job is dead-lettered at once instead of retried. */
export class PermanentJobError extends Error {
  override readonly name = 'PermanentJobError';
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    const t = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(t);
      resolve();
    });
  });
}

async function runOne<P>(
  opts: WorkerOptions<P>,
  job: Job<P>,
  leaseMs: number,
  logger: DbLogger,
): Promise<void> {
  const lease = new AbortController();
  const stopLease = () => lease.abort();
  opts.signal?.addEventListener('abort', stopLease);
  const beat = setInterval(
    () => {
      extendLease(opts.db, job, leaseMs).catch((err: unknown) => {
        logger.warn('lease extension failed; abandoning job', { jobId: job.id, error: String(err) });
        lease.abort();
      });
    },
    Math.max(10, Math.floor(leaseMs / 3)),
  );
  let completed = false;
  const ctx: JobContext = {
    signal: lease.signal,
    async completeWithin(tx, result) {
      await completeJob(tx, job, result);
      completed = true;
    },
  };
  try {
    const result = await opts.handler(job, ctx);
    if (!completed) await completeJob(opts.db, job, result, { asyncCommit: opts.asyncCommit ?? false });
    logger.debug('job done', { jobId: job.id, attempts: job.attempts });
  } catch (err) {
    if (err instanceof DbError && err.entity === 'job' && err.field === 'lockToken') {
      logger.warn('job lease lost; another worker owns it now', { jobId: job.id });
      return;
    }
    const message = err instanceof Error ? err.message : String(err);
    const outcome = await failJob(opts.db, job, message, {
      ...opts.backoff,
      retryable: !(err instanceof PermanentJobError),
      ...(opts.onDeadLetter ? { onDeadLetter: opts.onDeadLetter } : {}),
    }).catch((e: unknown) => {
      logger.warn('could not record job failure (lease lost?)', { jobId: job.id, error: String(e) });
      return undefined;
    });
    logger.warn('job failed', { jobId: job.id, error: message, outcome: outcome?.status });
  } finally {
    clearInterval(beat);
    opts.signal?.removeEventListener('abort', stopLease);
  }
}

/**
 * Polls `queue` until `signal` aborts: claims jobs, runs the handler with a heartbeat that keeps the
 * lease alive, completes on success, retries with backoff on error. Run as many as you like, anywhere.
 * Returns the number of jobs handled.
 */
export async function runWorker<P = Record<string, unknown>>(opts: WorkerOptions<P>): Promise<number> {
  const logger = opts.logger ?? silentLogger;
  const leaseMs = opts.leaseMs ?? 30_000;
  const workerId = opts.workerId ?? `pid-${process.pid}`;
  let handled = 0;
  while (!opts.signal?.aborted) {
    const jobs = await claimJobs<P>(opts.db, {
      queue: opts.queue,
      workerId,
      leaseMs,
      limit: opts.batch ?? 1,
      ...(opts.onDeadLetter ? { onDeadLetter: opts.onDeadLetter } : {}),
    });
    if (jobs.length === 0) {
      if (opts.onIdle !== undefined && (await opts.onIdle())) break;
      await sleep(opts.pollMs ?? 200, opts.signal);
      continue;
    }
    for (const job of jobs) {
      await runOne(opts, job, leaseMs, logger);
      handled++;
    }
  }
  return handled;
}
