import { and, eq, gt, sql } from 'drizzle-orm';
import type { Executor } from '../db';
import { rateLimitHits } from '../schema/access';

/**
 * Takes back one hit of `key` in the window of `now` (as counted by `hitRateLimit` with the same
 * `windowMs` and `now`). For limits on failures that must still count every attempt up front, so that
 * parallel attempts cannot overshoot: count, try, and refund when the attempt succeeded.
 */
export async function refundRateLimit(
  ex: Executor,
  input: { key: string; windowMs: number; now: Date },
): Promise<void> {
  const nowMs = input.now.getTime();
  const start = new Date(nowMs - (nowMs % input.windowMs));
  await ex
    .update(rateLimitHits)
    .set({ hits: sql`${rateLimitHits.hits} - 1` })
    .where(
      and(eq(rateLimitHits.key, input.key), eq(rateLimitHits.windowStart, start), gt(rateLimitHits.hits, 0)),
    );
}
