import { createHash, randomBytes } from 'node:crypto';
import { and, desc, eq, gt, isNull, or, sql } from 'drizzle-orm';
import type { Executor } from '../db';
import { DbError, mapDbErrors } from '../errors';
import { apiTokens } from '../schema/access';
import { users } from '../schema/people';
import { assertUuid } from '../validate';

export type ApiToken = Omit<typeof apiTokens.$inferSelect, 'tokenHash'>;

const TOKEN_PREFIX = 'crt_';

function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Issues a token for the CLI. The plain token is returned once; only its sha256 is stored. */
export async function createApiToken(
  ex: Executor,
  input: { userId: string; name: string; expiresAt?: Date },
): Promise<{ token: string; record: ApiToken }> {
  assertUuid('api token', 'userId', input.userId);
  if (input.name.trim() === '')
    throw new DbError('invalid', 'api token: name must not be empty', { entity: 'api_token', field: 'name' });
  const token = TOKEN_PREFIX + randomBytes(32).toString('base64url');
  const [row] = await mapDbErrors('api_tokens', () =>
    ex
      .insert(apiTokens)
      .values({
        userId: input.userId,
        name: input.name.trim(),
        prefix: token.slice(0, TOKEN_PREFIX.length + 6),
        tokenHash: hashToken(token),
        expiresAt: input.expiresAt,
      })
      .returning(),
  );
  const { tokenHash: _omit, ...record } = row!;
  return { token, record };
}

/** The user a token belongs to, or undefined when it is unknown, revoked or expired; marks it used. */
export async function verifyApiToken(
  ex: Executor,
  token: string,
): Promise<{ userId: string; email: string; tokenId: string } | undefined> {
  if (!token.startsWith(TOKEN_PREFIX)) return undefined;
  const [row] = await ex
    .update(apiTokens)
    .set({ lastUsedAt: sql`now()` })
    .from(users)
    .where(
      and(
        eq(apiTokens.tokenHash, hashToken(token)),
        eq(users.id, apiTokens.userId),
        isNull(apiTokens.revokedAt),
        or(isNull(apiTokens.expiresAt), gt(apiTokens.expiresAt, sql`now()`)),
      ),
    )
    .returning({ userId: apiTokens.userId, email: users.email, tokenId: apiTokens.id });
  return row;
}

export async function listApiTokens(ex: Executor, userId: string): Promise<ApiToken[]> {
  assertUuid('api token', 'userId', userId);
  return ex
    .select({
      id: apiTokens.id,
      userId: apiTokens.userId,
      name: apiTokens.name,
      prefix: apiTokens.prefix,
      createdAt: apiTokens.createdAt,
      lastUsedAt: apiTokens.lastUsedAt,
      expiresAt: apiTokens.expiresAt,
      revokedAt: apiTokens.revokedAt,
    })
    .from(apiTokens)
    .where(eq(apiTokens.userId, userId))
    .orderBy(desc(apiTokens.createdAt));
}

/** Revokes one of the user's tokens (not_found when it is not theirs). */
export async function revokeApiToken(
  ex: Executor,
  input: { userId: string; tokenId: string },
): Promise<void> {
  assertUuid('api token', 'id', input.tokenId);
  const rows = await ex
    .update(apiTokens)
    .set({ revokedAt: sql`now()` })
    .where(
      and(eq(apiTokens.id, input.tokenId), eq(apiTokens.userId, input.userId), isNull(apiTokens.revokedAt)),
    )
    .returning({ id: apiTokens.id });
  if (rows.length === 0) throw DbError.notFound('api token', input.tokenId);
}
