import { sql } from 'drizzle-orm';
import { check, index, integer, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { createdAt, identityKey, timestamptz } from './columns';
import { jobStatus } from './enums';
import { submissions } from './submissions';

/**
 * The job queue (claimed with `FOR UPDATE SKIP LOCKED`).
 * `available_at` is when the row may next be claimed: the run-after time of a queued job (backoff), or the
 * lease expiry of a running one — one column and one partial index serve both, so a dead worker's job
 * becomes claimable again without a sweeper.
 */
export const jobs = pgTable(
  'jobs',
  {
    id: identityKey(),
    queue: text('queue').notNull(),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    /** The submission this job grades, if any (one cascade cleans both up). */
    submissionId: uuid('submission_id').references(() => submissions.id, { onDelete: 'cascade' }),
    status: jobStatus('status').notNull().default('queued'),
    /** Higher runs first; FIFO by id within a priority. */
    priority: integer('priority').notNull().default(0),
    /** Claims so far (a claim after an expired lease counts as a new attempt). */
    attempts: integer('attempts').notNull().default(0),
    maxAttempts: integer('max_attempts').notNull().default(5),
    availableAt: timestamptz('available_at').notNull().defaultNow(),
    /** Random token of the current claim; complete/fail/heartbeat must present it (fencing). */
    lockToken: uuid('lock_token'),
    lockedBy: text('locked_by'),
    lastError: text('last_error'),
    result: jsonb('result'),
    createdAt: createdAt(),
    startedAt: timestamptz('started_at'),
    finishedAt: timestamptz('finished_at'),
  },
  (t) => [
    // Claim and queue position walk this index in priority/FIFO order and stop at the first free rows.
    index('jobs_claim_idx')
      .on(t.queue, t.priority.desc(), t.id)
      .where(sql`${t.status} in ('queued', 'running')`),
    // Expired leases: only running rows, so the sweep never scans the backlog.
    index('jobs_lease_idx').on(t.queue, t.availableAt).where(sql`${t.status} = 'running'`),
    // Queue depth counts unfinished and dead jobs without reading the finished history.
    index('jobs_depth_idx')
      .on(t.queue, t.status, t.availableAt)
      .where(sql`${t.status} in ('queued', 'running', 'dead')`),
    index('jobs_submission_idx').on(t.submissionId),
    check('jobs_attempts_range', sql`${t.maxAttempts} >= 1 and ${t.attempts} >= 0`),
  ],
);
