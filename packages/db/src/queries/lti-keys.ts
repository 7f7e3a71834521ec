import { desc, isNotNull, isNull, sql } from 'drizzle-orm';
import type { Executor } from '../db';
import { ltiKeys, type StoredJwk } from '../schema/lti';

export type LtiKey = typeof ltiKeys.$inferSelect;

/** The key that signs now: the newest one not retired; undefined before the first key is made. */
export async function currentLtiKey(ex: Executor): Promise<LtiKey | undefined> {
  const [row] = await ex
    .select()
    .from(ltiKeys)
    .where(isNull(ltiKeys.retiredAt))
    .orderBy(desc(ltiKeys.createdAt))
    .limit(1);
  return row;
}

/**
 * Stores a new signing key and retires the others in one transaction (a rotation). Concurrent first
 * uses are serialised by an advisory lock so that only one key is made.
 */
export async function storeLtiKey(
  ex: Executor,
  key: { kid: string; publicJwk: StoredJwk; privateJwk: StoredJwk },
  opts: { onlyIfNone?: boolean } = {},
): Promise<LtiKey> {
  return ex.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('critic.lti_keys'))`);
    if (opts.onlyIfNone) {
      const existing = await currentLtiKey(tx);
      if (existing !== undefined) return existing;
    }
    await tx.update(ltiKeys).set({ retiredAt: sql`now()` }).where(isNull(ltiKeys.retiredAt));
    const [row] = await tx.insert(ltiKeys).values(key).returning();
    return row!;
  });
}

/** Public keys the JWKS serves: the current key and the most recently retired one. */
export async function publishedLtiKeys(ex: Executor): Promise<StoredJwk[]> {
  const current = await currentLtiKey(ex);
  const [previous] = await ex
    .select()
    .from(ltiKeys)
    .where(isNotNull(ltiKeys.retiredAt))
    .orderBy(desc(ltiKeys.retiredAt), desc(ltiKeys.createdAt))
    .limit(1);
  return [current, previous].filter((k): k is LtiKey => k !== undefined).map((k) => k.publicJwk);
}
