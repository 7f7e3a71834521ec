import { and, eq, gt, isNull, lt, sql } from 'drizzle-orm';
import type { Executor } from '../db';
import { ltiLogins } from '../schema/lti';

export type LtiLogin = typeof ltiLogins.$inferSelect;

/** Records a login initiation's state and nonce (valid until `expiresAt`); purges expired ones. */
export async function createLtiLogin(
  ex: Executor,
  input: { state: string; nonce: string; platformId: string; targetLinkUri: string; expiresAt: Date },
): Promise<void> {
  await ex.delete(ltiLogins).where(lt(ltiLogins.expiresAt, sql`now() - interval '1 day'`));
  await ex.insert(ltiLogins).values(input);
}

/**
 * Uses a login's state once: `used` when it was already used (a replay), `expired` after its expiry,
 * `unknown` when no login has this state; else the login, now marked used.
 */
export async function consumeLtiLogin(
  ex: Executor,
  state: string,
  now: Date,
): Promise<{ login: LtiLogin } | { refused: 'unknown' | 'used' | 'expired' }> {
  const [row] = await ex
    .update(ltiLogins)
    .set({ usedAt: now })
    .where(and(eq(ltiLogins.state, state), isNull(ltiLogins.usedAt), gt(ltiLogins.expiresAt, now)))
    .returning();
  if (row !== undefined) return { login: row };
  const [seen] = await ex.select().from(ltiLogins).where(eq(ltiLogins.state, state)).limit(1);
  if (seen === undefined) return { refused: 'unknown' };
  return { refused: seen.usedAt !== null ? 'used' : 'expired' };
}
