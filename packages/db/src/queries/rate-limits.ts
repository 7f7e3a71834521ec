import { sql } from 'drizzle-orm';
import type { Executor } from '../db';

/** Outcome of counting one hit against a fixed-window limit. */
export interface RateLimitResult {
  /** True while the hits in the current window are within the limit (this one included). */
  allowed: boolean;
  /** Hits counted in the current window, this one included. */
  hits: number;
  /** Seconds until the current window ends (for a `Retry-After` header). */
  retryAfterSeconds: number;
}

/**
 * Counts one hit for `key` in the current fixed window of `windowMs` and says whether it is within
 * `limit`. One upsert, shared by every web instance; stale windows of the key are removed on the way.
 */
export async function hitRateLimit(
  ex: Executor,
  input: { key: string; limit: number; windowMs: number; now?: Date },
): Promise<RateLimitResult> {
  const nowMs = (input.now ?? new Date()).getTime();
  const start = new Date(nowMs - (nowMs % input.windowMs));
  const rows = await ex.execute<{ hits: number }>(sql`
    with purge as (
      delete from rate_limit_hits where key = ${input.key} and window_start < ${start.toISOString()}::timestamptz
    )
    insert into rate_limit_hits (key, window_start, hits)
    values (${input.key}, ${start.toISOString()}::timestamptz, 1)
    on conflict (key, window_start) do update set hits = rate_limit_hits.hits + 1
    returning hits`);
  const hits = Number(rows[0]?.hits ?? 1);
  return {
    allowed: hits <= input.limit,
    hits,
    retryAfterSeconds: Math.max(1, Math.ceil((start.getTime() + input.windowMs - nowMs) / 1000)),
  };
}
