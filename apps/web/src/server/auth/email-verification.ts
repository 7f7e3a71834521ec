import { createEmailVerification } from '@critic/db';
import type { Context } from 'hono';
import type { ApiEnv } from '../context';

/** The path of the link that verifies an address (the API answers it with a redirect to the site). */
export const VERIFY_EMAIL_PATH = '/api/auth/verify-email';

/**
 * Mails the user a link proving their current email (valid for `config.emailVerifyMs`); a sign-up's
 * `credentials` become the account's when it is opened (a resend carries the latest sign-up's).
 */
export async function sendVerificationLink(
  c: Context<ApiEnv>,
  userId: string,
  credentials?: { passwordHash: string; name: string },
): Promise<void> {
  const { db, config, mailer, now } = c.get('deps');
  const { token, email } = await createEmailVerification(db, {
    userId,
    ttlMs: config.emailVerifyMs,
    now: now(),
    ...(credentials === undefined ? {} : { credentials }),
  });
  const who = credentials === undefined ? '' : ` as "${credentials.name}"`;
  const link = `${config.origin}${VERIFY_EMAIL_PATH}?token=${token}`;
  await mailer.send({
    to: email,
    subject: 'Confirm your email for Critic',
    text: `Someone (you, we hope) signed up for Critic${who} with this address. Open this link to confirm it and sign in (your course's roster seats are granted then); if it was not you, ignore this mail:\n${link}\n`,
    link,
  });
}
