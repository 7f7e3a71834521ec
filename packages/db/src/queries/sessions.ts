import { createHash, randomBytes } from 'node:crypto';
import { and, eq, gt, lt, sql } from 'drizzle-orm';
import type { Executor } from '../db';
import { DbError, mapDbErrors } from '../errors';
import { sessions } from '../schema/access';
import { users } from '../schema/people';
import { assertUuid } from '../validate';

const sha256 = (token: string) => createHash('sha256').update(token, 'utf8').digest('hex');

/** Starts a session; the returned token goes into an httpOnly cookie and is never stored in plain. */
export async function createSession(
  ex: Executor,
  input: { userId: string; ttlMs: number },
): Promise<{ token: string; expiresAt: Date }> {
  assertUuid('session', 'userId', input.userId);
  if (!(input.ttlMs > 0)) {
    throw new DbError('invalid', `session: ttlMs must be > 0, got ${input.ttlMs}`, {
      entity: 'session',
      field: 'ttlMs',
    });
  }
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(Date.now() + input.ttlMs);
  await mapDbErrors('sessions', () =>
    ex.insert(sessions).values({ tokenHash: sha256(token), userId: input.userId, expiresAt }),
  );
  return { token, expiresAt };
}

/** The signed-in user of a session token, or undefined when unknown or expired. */
export async function resolveSession(
  ex: Executor,
  token: string,
): Promise<{ userId: string; email: string; name: string; expiresAt: Date } | undefined> {
  const [row] = await ex
    .select({ userId: users.id, email: users.email, name: users.name, expiresAt: sessions.expiresAt })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.tokenHash, sha256(token)), gt(sessions.expiresAt, sql`now()`)))
    .limit(1);
  return row;
}

/** Signs out one session (no error if it was already gone). */
export async function deleteSession(ex: Executor, token: string): Promise<void> {
  await ex.delete(sessions).where(eq(sessions.tokenHash, sha256(token)));
}

/** Signs a user out everywhere (e.g. after a password change); returns how many sessions ended. */
export async function deleteUserSessions(ex: Executor, userId: string): Promise<number> {
  assertUuid('session', 'userId', userId);
  const rows = await ex.delete(sessions).where(eq(sessions.userId, userId)).returning({ u: sessions.userId });
  return rows.length;
}

/** Removes expired sessions; returns how many. */
export async function purgeExpiredSessions(ex: Executor): Promise<number> {
  const rows = await ex
    .delete(sessions)
    .where(lt(sessions.expiresAt, sql`now()`))
    .returning({ u: sessions.userId });
  return rows.length;
}

/** Stores a new password hash (computed by the auth layer with a slow KDF). */
export async function setPasswordHash(ex: Executor, userId: string, passwordHash: string): Promise<void> {
  assertUuid('user', 'id', userId);
  if (passwordHash.length < 20) {
    throw new DbError('invalid', 'user: passwordHash looks too short to be a KDF output', {
      entity: 'user',
      field: 'passwordHash',
    });
  }
  const rows = await ex
    .update(users)
    .set({ passwordHash })
    .where(eq(users.id, userId))
    .returning({ id: users.id });
  if (rows.length === 0) throw DbError.notFound('user', userId);
}
