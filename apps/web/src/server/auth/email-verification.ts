import { createEmailVerification } from '@critic/db';
import type { Context } from 'hono';
import type { ApiEnv } from '../context';

/** The path of the link that verifies an address (the API answers it with a redirect to the site). */
export const VERIFY_EMAIL_PATH = '/api/auth/verify-email';

/** Sends the user a link proving their current email (valid for `config.emailVerifyMs`). */
export async function sendVerificationLink(c: Context<ApiEnv>, userId: string): Promise<void> {
  const { db, config, mailer, now } = c.get('deps');
  const { token, email } = await createEmailVerification(db, {
    userId,
    ttlMs: config.emailVerifyMs,
    now: now(),
  });
  const link = `${config.origin}${VERIFY_EMAIL_PATH}?token=${token}`;
  await mailer.send({
    to: email,
    subject: 'Confirm your email for Critic',
    text: `Open this link to confirm that this address is yours (your course's roster seats are granted once it is):\n${link}\n`,
    link,
  });
}
