import { createHash, randomBytes } from 'node:crypto';
import { and, desc, eq, gt, inArray, isNull, lt } from 'drizzle-orm';
import type { Executor } from '../db';
import { DbError, mapDbErrors } from '../errors';
import { emailVerifications, sessions } from '../schema/access';
import type { CourseRole } from '../schema/enums';
import { users } from '../schema/people';
import { assertUuid } from '../validate';
import { claimRosterInvitations } from './enrollment';

const sha256 = (token: string) => createHash('sha256').update(token, 'utf8').digest('hex');

/**
 * Starts a proof of the user's current email: a single-use token (for a link sent to that address)
 * valid for `ttlMs`; only its hash is stored. `credentials` (a sign-up's password hash and name) are
 * applied when the link is opened; without them, those of the user's latest pending link are carried
 * over (a resent link).
 */
export async function createEmailVerification(
  ex: Executor,
  input: { userId: string; ttlMs: number; now: Date; credentials?: { passwordHash: string; name: string } },
): Promise<{ token: string; email: string; expiresAt: Date }> {
  assertUuid('email verification', 'userId', input.userId);
  const [user] = await ex.select({ email: users.email }).from(users).where(eq(users.id, input.userId));
  if (user === undefined) throw DbError.notFound('user', input.userId);
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(input.now.getTime() + input.ttlMs);
  await mapDbErrors('email_verifications', async () => {
    // Expired proofs of anyone are dropped on the way.
    await ex.delete(emailVerifications).where(lt(emailVerifications.expiresAt, input.now));
    let credentials = input.credentials;
    if (credentials === undefined) {
      const [latest] = await ex
        .select({ passwordHash: emailVerifications.passwordHash, name: emailVerifications.name })
        .from(emailVerifications)
        .where(eq(emailVerifications.userId, input.userId))
        .orderBy(desc(emailVerifications.createdAt))
        .limit(1);
      if (latest?.passwordHash != null && latest.name != null) {
        credentials = { passwordHash: latest.passwordHash, name: latest.name };
      }
    }
    await ex.insert(emailVerifications).values({
      tokenHash: sha256(token),
      userId: input.userId,
      email: user.email,
      expiresAt,
      ...(credentials === undefined
        ? {}
        : { passwordHash: credentials.passwordHash, name: credentials.name }),
    });
  });
  return { token, email: user.email, expiresAt };
}

/**
 * Redeems a verification token: marks the account's email verified (when it is still the address the
 * link went to) and turns its roster invitations into enrollments, in one transaction. Not found for
 * an unknown, used or expired token.
 */
export async function verifyEmail(
  ex: Executor,
  input: { token: string; now: Date },
): Promise<{ userId: string; email: string; joined: { courseId: string; role: CourseRole }[] }> {
  return mapDbErrors('email_verifications', () =>
    ex.transaction(async (tx) => {
      const [proof] = await tx
        .delete(emailVerifications)
        .where(
          and(
            eq(emailVerifications.tokenHash, sha256(input.token)),
            gt(emailVerifications.expiresAt, input.now),
          ),
        )
        .returning();
      if (proof === undefined) {
        throw new DbError(
          'not_found',
          'this verification link is unknown, used or expired; ask for a new one',
          {
            entity: 'email_verification',
            field: 'token',
          },
        );
      }
      const [user] = await tx
        .update(users)
        .set({
          emailVerifiedAt: input.now,
          // The sign-up that sent this link sets the password (and name): its sender read the mail.
          ...(proof.passwordHash === null ? {} : { passwordHash: proof.passwordHash }),
          ...(proof.name === null ? {} : { name: proof.name }),
        })
        .where(and(eq(users.id, proof.userId), eq(users.email, proof.email)))
        .returning({ id: users.id, email: users.email });
      if (user === undefined) {
        throw new DbError(
          'conflict',
          'the account’s email changed since this link was sent; ask for a new one',
          {
            entity: 'email_verification',
            field: 'token',
          },
        );
      }
      if (proof.passwordHash !== null) {
        // New credentials: sessions opened before (with others) end, and the other pending links go.
        await tx.delete(sessions).where(eq(sessions.userId, user.id));
        await tx.delete(emailVerifications).where(eq(emailVerifications.userId, user.id));
      }
      const joined = await claimRosterInvitations(tx, { userId: user.id, email: user.email });
      return { userId: user.id, email: user.email, joined };
    }),
  );
}

/** Whether the user's email is verified. */
export async function isEmailVerified(ex: Executor, userId: string): Promise<boolean> {
  assertUuid('user', 'id', userId);
  const [row] = await ex
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.id, userId), isNull(users.emailVerifiedAt)));
  return row === undefined;
}

/** Which of these addresses have an account, and whether it has verified its address (for a roster view). */
export async function accountsByEmail(
  ex: Executor,
  emails: readonly string[],
): Promise<Map<string, { userId: string; verified: boolean }>> {
  if (emails.length === 0) return new Map();
  const rows = await ex
    .select({ id: users.id, email: users.email, verifiedAt: users.emailVerifiedAt })
    .from(users)
    .where(
      inArray(
        users.email,
        emails.map((e) => e.toLowerCase()),
      ),
    );
  return new Map(rows.map((r) => [r.email, { userId: r.id, verified: r.verifiedAt !== null }]));
}

/**
 * Records that an identity provider the course trusts (an LMS over LTI) vouched for the user's
 * address: the address counts as verified from `now`, and any pending sign-up links for it are voided
 * (a password someone set by signing up with that address, never confirmed, can no longer take effect).
 */
export async function markEmailVerifiedByProvider(
  ex: Executor,
  userId: string,
  now: Date = new Date(),
): Promise<void> {
  assertUuid('user', 'id', userId);
  await mapDbErrors('users', async () => {
    await ex
      .update(users)
      .set({ emailVerifiedAt: now })
      .where(and(eq(users.id, userId), isNull(users.emailVerifiedAt)));
    await ex.delete(emailVerifications).where(eq(emailVerifications.userId, userId));
  });
}
