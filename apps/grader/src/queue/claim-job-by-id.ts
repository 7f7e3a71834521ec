import { randomUUID } from 'node:crypto';
import type { Executor } from '@critic/db';
import { getJob, type Job } from '@critic/db/queue';
import { sql } from 'drizzle-orm';

/** Why a pushed job could not be claimed. */
export type ClaimRefusal = 'done' | 'dead' | 'busy' | 'wrong_queue';

/**
 * Claims one job by id (push mode, `POST /jobs/:id`): a queued job, or a running one whose lease expired.
 * Same bookkeeping as @critic/db's `claimJobs` (attempts + 1, lock token, lease), so `completeJob`,
 * `failJob` and `extendLease` work on it. Returns the reason when it cannot be claimed.
 */
export async function claimJobById<P>(
  ex: Executor,
  input: { id: number; queue: string; workerId: string; leaseMs: number },
): Promise<{ job: Job<P> } | { refused: ClaimRefusal; job: Job<P> }> {
  const current = await getJob<P>(ex, input.id);
  if (current.queue !== input.queue) return { refused: 'wrong_queue', job: current };
  const token = randomUUID();
  const rows = await ex.execute(sql`
    update jobs set status = 'running', attempts = attempts + 1, lock_token = ${token}::uuid,
      locked_by = ${input.workerId}, available_at = now() + make_interval(secs => ${input.leaseMs / 1000}),
      started_at = coalesce(started_at, now())
    where id = ${input.id} and queue = ${input.queue}
      and (status = 'queued' or (status = 'running' and available_at <= now() and attempts < max_attempts))
    returning id`);
  const job = await getJob<P>(ex, input.id);
  if (rows.length === 1) return { job };
  if (job.status === 'done' || job.status === 'dead') return { refused: job.status, job };
  return { refused: 'busy', job };
}
