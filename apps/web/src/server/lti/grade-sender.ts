import { claimLtiGrades, getLtiPlatform, markLtiGradeFailed, markLtiGradeSent } from '@critic/db';
import type { ApiDeps } from '../deps';
import { postScore } from './ags';
import { forgetServiceTokens } from './service-token';

/** Backoff of a failed send: 2^(attempts−1) × base, capped (30 s, 1 min, 2 min, … 6 h). */
export const GRADE_RETRY = { baseMs: 30_000, maxMs: 6 * 3_600_000, leaseMs: 120_000 } as const;

/** What one pass over the outbox did. */
export interface DrainResult {
  sent: number;
  failed: number;
}

/**
 * Sends the due rows of the grade outbox (AGS scores) once each: a sent row is marked sent; a failed
 * one stays pending with its error and a later next attempt (backoff). Safe to run in several
 * processes at once (rows are claimed with SKIP LOCKED and a lease).
 */
export async function drainLtiGrades(deps: ApiDeps, limit = 100): Promise<DrainResult> {
  const { db, now, logger } = deps;
  const claimed = await claimLtiGrades(db, { now: now(), leaseMs: GRADE_RETRY.leaseMs, limit });
  const result: DrainResult = { sent: 0, failed: 0 };
  for (const row of claimed) {
    try {
      const platform = await getLtiPlatform(db, row.platformId);
      await postScore(db, platform, {
        lineItemUrl: row.lineItemUrl,
        subject: row.subject,
        scoreGiven: row.scoreGiven,
        scoreMaximum: row.scoreMaximum,
        at: now(),
        timestamp: row.queuedAt,
      });
      await markLtiGradeSent(db, row.id, now());
      result.sent += 1;
    } catch (e) {
      forgetServiceTokens(row.platformId);
      const next = await markLtiGradeFailed(db, {
        id: row.id,
        attempts: row.attempts,
        error: e instanceof Error ? e.message : String(e),
        now: now(),
        ...GRADE_RETRY,
      });
      logger.warn('lti grade send failed', {
        outboxId: row.id,
        attempts: row.attempts,
        next: next.toISOString(),
      });
      result.failed += 1;
    }
  }
  return result;
}
