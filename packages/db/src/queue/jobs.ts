import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Executor } from '../db';
import { DbError, mapDbErrors } from '../errors';
import { executeFast, isTransaction } from '../fast-execute';
import { jobs } from '../schema/jobs';
import { toDate, withDates } from '../timestamps';
import { assertUuid } from '../validate';
import type { DeadLetterHook } from './dead-letter';

const jobDates = ['availableAt', 'createdAt', 'startedAt', 'finishedAt'] as const;
const toJob = <P>(row: Record<string, unknown>): Job<P> => withDates<Job<P>>(row, jobDates);

/** A job as workers see it; `P` is the payload type the producer and the worker agree on. */
export interface Job<P = Record<string, unknown>> {
  id: number;
  queue: string;
  payload: P;
  submissionId: string | null;
  status: 'queued' | 'running' | 'done' | 'dead';
  priority: number;
  attempts: number;
  maxAttempts: number;
  availableAt: Date;
  lockToken: string | null;
  lockedBy: string | null;
  lastError: string | null;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
}

/** What to enqueue. */
export interface EnqueueInput<P> {
  /** Queue name (e.g. `grade`). */
  queue: string;
  payload: P;
  /** The submission the job works on (dead-lettering then fails that submission). */
  submissionId?: string;
  /** Higher is claimed first; default 0. */
  priority?: number;
  /** Claims before the job goes to the dead letters; default 5. */
  maxAttempts?: number;
  /** Not claimable before this time; default now. */
  runAfter?: Date;
}

const jobColumns =
  sql.raw(`j.id::float8 as id, j.queue, j.payload, j.submission_id as "submissionId", j.status,
  j.priority, j.attempts, j.max_attempts as "maxAttempts", j.available_at as "availableAt",
  j.lock_token as "lockToken", j.locked_by as "lockedBy", j.last_error as "lastError",
  j.created_at as "createdAt", j.started_at as "startedAt", j.finished_at as "finishedAt"`);

function assertQueueName(queue: string): void {
  if (!/^[a-z][a-z0-9_.-]{0,62}$/.test(queue)) {
    throw new DbError(
      'invalid',
      `job: queue must match [a-z][a-z0-9_.-]{0,62}, got ${JSON.stringify(queue)}`,
      {
        entity: 'job',
        field: 'queue',
      },
    );
  }
}

/** Adds a job; pass the transaction that writes the submission so both commit or neither does. */
export async function enqueueJob<P extends Record<string, unknown>>(
  ex: Executor,
  input: EnqueueInput<P>,
): Promise<Job<P>> {
  assertQueueName(input.queue);
  if (input.maxAttempts !== undefined && (!Number.isInteger(input.maxAttempts) || input.maxAttempts < 1)) {
    throw new DbError('invalid', `job: maxAttempts must be an integer >= 1, got ${input.maxAttempts}`, {
      entity: 'job',
      field: 'maxAttempts',
    });
  }
  const [row] = await mapDbErrors('jobs', () =>
    ex
      .insert(jobs)
      .values({
        queue: input.queue,
        payload: input.payload,
        submissionId: input.submissionId,
        priority: input.priority ?? 0,
        maxAttempts: input.maxAttempts ?? 5,
        ...(input.runAfter ? { availableAt: input.runAfter } : {}),
      })
      .returning(),
  );
  return row as Job<P>;
}

/** How a worker claims. */
export interface ClaimOptions {
  queue: string;
  /** Identifies the worker in `locked_by` (host:pid is a good choice). */
  workerId: string;
  /** Lease length; if not completed or extended by then, the job is claimable again. */
  leaseMs: number;
  /** Most jobs to take at once; default 1. */
  limit?: number;
  /** Runs on jobs whose last lease expired, in the claim's statement (see {@link DeadLetterHook}). */
  onDeadLetter?: DeadLetterHook;
}

/**
 * Claims up to `limit` ready jobs: queued ones whose backoff passed, and running ones whose lease expired
 * (their worker is presumed dead). Each claim increments `attempts`; a job whose lease expires with no
 * attempts left goes to the dead letters, and `onDeadLetter` (grading: the submission fails as
 * `platform_error`) runs on it in the same statement.
 */
export async function claimJobs<P = Record<string, unknown>>(
  ex: Executor,
  opts: ClaimOptions,
): Promise<Job<P>[]> {
  assertQueueName(opts.queue);
  const limit = opts.limit ?? 1;
  if (!Number.isInteger(limit) || limit < 1) {
    throw new DbError('invalid', `claim: limit must be an integer >= 1, got ${limit}`, {
      entity: 'job',
      field: 'limit',
    });
  }
  if (!(opts.leaseMs > 0)) {
    throw new DbError('invalid', `claim: leaseMs must be > 0, got ${opts.leaseMs}`, {
      entity: 'job',
      field: 'leaseMs',
    });
  }
  const token = randomUUID();
  // On the pool, a claim commits without waiting for the WAL flush (set_config(…, true) lasts until this
  // statement's own commit): if a crash loses the claim, the job is simply still queued and is claimed
  // again (results are written idempotently), so nothing is lost or doubled, and no disk flush is paid.
  // Inside a caller's transaction the caller's durability is left alone.
  const asyncCommit = isTransaction(ex)
    ? sql`false`
    : sql`set_config('synchronous_commit', 'off', true) = 'off'`;
  const rows = await executeFast(
    ex,
    sql`
    with cfg as materialized (select ${asyncCommit} as async_commit),
    dead as (
      update jobs set status = 'dead', finished_at = now(), lock_token = null,
        last_error = 'lease expired on its last attempt (' || attempts || ' of ' || max_attempts || ', worker '
          || coalesce(locked_by, '?') || ')' || coalesce('; before: ' || last_error, '')
      where id in (
        select id from jobs
        where queue = ${opts.queue} and status = 'running' and available_at <= now() and attempts >= max_attempts
        for update skip locked)
      returning id, submission_id, last_error, payload, attempts, 'lease_expired'::text as cause
    )${opts.onDeadLetter ? sql`, dead_letter_hook as (${opts.onDeadLetter(sql.raw('dead'))})` : sql``},
    picked as (
      select jobs.id from jobs, cfg
      where queue = ${opts.queue} and status in ('queued', 'running') and available_at <= now()
        and (status = 'queued' or attempts < max_attempts) and cfg.async_commit is not null
      order by priority desc, id
      limit ${limit}
      for update of jobs skip locked
    )
    update jobs j set status = 'running', attempts = j.attempts + 1, lock_token = ${token}::uuid,
      locked_by = ${opts.workerId}, available_at = now() + make_interval(secs => ${opts.leaseMs / 1000}),
      started_at = coalesce(j.started_at, now())
    from picked where j.id = picked.id
    returning ${jobColumns}`,
  );
  return rows.map((r) => toJob<P>(r));
}

function leaseLost(id: number): DbError {
  return new DbError(
    'conflict',
    `job ${id}: lease lost (it expired and another worker claimed the job, or the job already finished)`,
    { entity: 'job', field: 'lockToken' },
  );
}

/**
 * Claims one named job, for `handle(jobId)` mode (a serverless function told which job to run): succeeds
 * when that job is ready (queued and due, or its lease expired with attempts left), else returns undefined
 * (someone else holds it, it is finished, or it is backing off). With `queue`, only a job of that queue is
 * claimed (a job of another queue is left alone and undefined returned), so a push endpoint of one queue
 * cannot run another queue's job.
 */
export async function claimJobById<P = Record<string, unknown>>(
  ex: Executor,
  opts: { jobId: number; workerId: string; leaseMs: number; queue?: string },
): Promise<Job<P> | undefined> {
  if (!(opts.leaseMs > 0)) {
    throw new DbError('invalid', `claim: leaseMs must be > 0, got ${opts.leaseMs}`, {
      entity: 'job',
      field: 'leaseMs',
    });
  }
  const token = randomUUID();
  const rows = await ex.execute(sql`
    with picked as (
      select id from jobs
      where id = ${opts.jobId} and status in ('queued', 'running') and available_at <= now()
        ${opts.queue === undefined ? sql`` : sql`and queue = ${opts.queue}`}
        and (status = 'queued' or attempts < max_attempts)
      for update skip locked
    )
    update jobs j set status = 'running', attempts = j.attempts + 1, lock_token = ${token}::uuid,
      locked_by = ${opts.workerId}, available_at = now() + make_interval(secs => ${opts.leaseMs / 1000}),
      started_at = coalesce(j.started_at, now())
    from picked where j.id = picked.id
    returning ${jobColumns}`);
  const row = rows[0];
  if (row !== undefined) return toJob<P>(row);
  await getJob(ex, opts.jobId); // not_found for an unknown id
  return undefined;
}

/** Extends the lease of a running job; conflict if this worker no longer holds it. */
export async function extendLease(
  ex: Executor,
  job: Pick<Job, 'id' | 'lockToken'>,
  leaseMs: number,
): Promise<Date> {
  const rows = await executeFast(
    ex,
    sql`
    update jobs set available_at = now() + make_interval(secs => ${leaseMs / 1000})
    where id = ${job.id} and lock_token = ${job.lockToken}::uuid and status = 'running'
    returning available_at as "availableAt"`,
  );
  const row = rows[0];
  if (row === undefined) throw leaseLost(job.id);
  return toDate(row.availableAt);
}

/**
 * Marks a job done. Call it in the transaction that writes the job's results: if the lease was lost,
 * the conflict rolls the results back too, so a result is never written twice.
 */
export async function completeJob(
  ex: Executor,
  job: Pick<Job, 'id' | 'lockToken'>,
  result?: Record<string, unknown>,
  opts: {
    /**
     * Commit without waiting for the WAL flush. Safe (a completion lost in a database crash only makes
     * the job run again, and results are idempotent) but not durable at once; default false.
     */
    asyncCommit?: boolean;
  } = {},
): Promise<void> {
  // set_config(…, true) lasts until this statement's own commit; inside a caller's transaction the
  // caller's durability is left alone.
  const asyncCommit = opts.asyncCommit && !isTransaction(ex);
  const cfg = asyncCommit ? sql`set_config('synchronous_commit', 'off', true)` : sql`'on'`;
  const rows = await executeFast(
    ex,
    sql`
    with cfg as materialized (select ${cfg} as commit_mode)
    update jobs set status = 'done', finished_at = now(), lock_token = null,
      result = ${result === undefined ? null : JSON.stringify(result)}::jsonb
    from cfg
    where id = ${job.id} and lock_token = ${job.lockToken}::uuid and status = 'running' and cfg.commit_mode is not null
    returning id`,
  );
  if (rows.length === 0) throw leaseLost(job.id);
}

/** Retry schedule for failed jobs: base·2^(attempt−1), capped. */
export interface BackoffOptions {
  /** Delay after the first failure; default 1000 ms. */
  baseMs?: number;
  /** Longest delay; default 300000 ms. */
  maxMs?: number;
}

/** What became of a failed job. */
export interface FailOutcome {
  status: 'queued' | 'dead';
  attempts: number;
  /** When it may run again (queued only). */
  retryAt: Date | null;
}

/**
 * Records a failure of the platform (not the student's code: that is a completed job with a verdict).
 * Retries with exponential backoff while attempts remain, else dead-letters the job and runs
 * `onDeadLetter` on it in the same transaction (grading: the submission fails as `platform_error`).
 */
export async function failJob(
  ex: Executor,
  job: Pick<Job, 'id' | 'lockToken'>,
  error: string,
  opts: BackoffOptions & { retryable?: boolean; onDeadLetter?: DeadLetterHook } = {},
): Promise<FailOutcome> {
  const base = opts.baseMs ?? 1000;
  const cap = opts.maxMs ?? 300_000;
  const retryable = opts.retryable ?? true;
  return ex.transaction(async (tx) => {
    const rows = await tx.execute(sql`
      update jobs set
        status = case when ${retryable} and attempts < max_attempts then 'queued'::job_status else 'dead'::job_status end,
        available_at = now() + make_interval(secs => least(${cap}::float8, ${base}::float8 * power(2, attempts - 1)) / 1000),
        finished_at = case when ${retryable} and attempts < max_attempts then null else now() end,
        lock_token = null, last_error = ${error}
      where id = ${job.id} and lock_token = ${job.lockToken}::uuid and status = 'running'
      returning status, attempts, available_at as "availableAt"`);
    const row = rows[0] as
      | {
          status: 'queued' | 'dead';
          attempts: number;
          availableAt: string;
        }
      | undefined;
    if (row === undefined) throw leaseLost(job.id);
    if (row.status === 'dead' && opts.onDeadLetter) {
      await tx.execute(sql`
        with dead as (
          select id, submission_id, payload, attempts, last_error, 'failed'::text as cause
          from jobs where id = ${job.id}
        )
        ${opts.onDeadLetter(sql.raw('dead'))}`);
    }
    return {
      status: row.status,
      attempts: row.attempts,
      retryAt: row.status === 'queued' ? toDate(row.availableAt) : null,
    };
  });
}

export async function getJob<P = Record<string, unknown>>(ex: Executor, id: number): Promise<Job<P>> {
  const rows = await ex.execute(sql`select ${jobColumns} from jobs j where j.id = ${id}`);
  const row = rows[0];
  if (row === undefined) throw DbError.notFound('job', id);
  return toJob<P>(row);
}

/** The newest job of a submission (its current attempt's), if any: what a status page asks about. */
export async function latestJobForSubmission<P = Record<string, unknown>>(
  ex: Executor,
  submissionId: string,
): Promise<Job<P> | undefined> {
  assertUuid('job', 'submissionId', submissionId);
  const rows = await ex.execute(
    sql`select ${jobColumns} from jobs j where j.submission_id = ${submissionId}::uuid order by j.id desc limit 1`,
  );
  const row = rows[0];
  return row === undefined ? undefined : toJob<P>(row);
}

/**
 * 1-based place of a queued job among the queued jobs of its queue (1 = next to be claimed);
 * 0 when running; null when done or dead.
 */
export async function jobPosition(ex: Executor, id: number): Promise<number | null> {
  const rows = await ex.execute(sql`
    select j.status, (
      select count(*)::int from jobs o
      where o.queue = j.queue and o.status = 'queued'
        and (o.priority > j.priority or (o.priority = j.priority and o.id < j.id))
    ) as ahead
    from jobs j where j.id = ${id}`);
  const row = rows[0] as { status: Job['status']; ahead: number } | undefined;
  if (row === undefined) throw DbError.notFound('job', id);
  if (row.status === 'running') return 0;
  if (row.status !== 'queued') return null;
  return row.ahead + 1;
}

/** Counts of one queue: `ready` can be claimed now, `delayed` waits for backoff. */
export interface QueueDepth {
  ready: number;
  delayed: number;
  running: number;
  dead: number;
}

export async function queueDepth(ex: Executor, queue: string): Promise<QueueDepth> {
  assertQueueName(queue);
  const rows = await ex.execute(sql`
    select
      count(*) filter (where status = 'queued' and available_at <= now())::int as ready,
      count(*) filter (where status = 'queued' and available_at > now())::int as delayed,
      count(*) filter (where status = 'running')::int as running,
      count(*) filter (where status = 'dead')::int as dead
    from jobs where queue = ${queue} and status in ('queued', 'running', 'dead')`);
  return rows[0] as unknown as QueueDepth;
}

/** Moves a dead job back to the queue with a fresh set of attempts (an operator's action). */
export async function requeueDeadJob(ex: Executor, id: number): Promise<void> {
  const rows = await ex.execute(sql`
    update jobs set status = 'queued', attempts = 0, available_at = now(), finished_at = null
    where id = ${id} and status = 'dead' returning id`);
  if (rows.length === 0)
    throw new DbError('conflict', `job ${id}: not in the dead letters`, { entity: 'job' });
}
