import { createHash } from 'node:crypto';
import {
  createUser,
  getUserByEmail,
  linkLtiIdentity,
  ltiIdentityUser,
  ltiSubjectOf,
  markEmailVerifiedByProvider,
  type Transaction,
} from '@critic/db';
import { ApiError } from '../api-error';

/** An LMS person as a launch or the roster service describes them. */
export interface LmsPerson {
  issuer: string;
  subject: string;
  email: string | undefined;
  name: string;
}

/**
 * The Critic user of an LMS person: the one already linked to (issuer, subject); else the account
 * with the email the LMS asserts (the institution's LMS is the authority on its users' emails; an
 * account already linked to another person of the same LMS is never taken over, and the address
 * counts as verified from then on); else a new account without a password (placeholder `@lms.invalid` address when the LMS shares no email).
 */
export async function userForLmsPerson(tx: Transaction, p: LmsPerson): Promise<string> {
  const linked = await ltiIdentityUser(tx, p.issuer, p.subject);
  if (linked !== undefined) return linked;
  const email = p.email?.toLowerCase();
  if (email !== undefined) {
    const existing = await getUserByEmail(tx, email);
    if (existing !== undefined) {
      const other = await ltiSubjectOf(tx, p.issuer, existing.id);
      if (other !== undefined && other !== p.subject) {
        throw new ApiError(
          409,
          'lti_email_taken',
          `the Critic account ${email} is already linked to another person of ${p.issuer}`,
          { field: 'email' },
        );
      }
      // The LMS vouches for the address: it counts as verified, and sign-up links nobody confirmed for
      // it (someone else's password for this address) are voided.
      await markEmailVerifiedByProvider(tx, existing.id);
      return linkLtiIdentity(tx, { issuer: p.issuer, subject: p.subject, userId: existing.id });
    }
  }
  const hash = createHash('sha256').update(`${p.issuer}|${p.subject}`).digest('hex').slice(0, 20);
  const user = await createUser(tx, {
    email: email ?? `lti-${hash}@lms.invalid`,
    name: p.name,
    // A real address comes from the LMS, which vouches for it; the placeholder is never mailed.
    ...(email !== undefined ? { emailVerifiedAt: new Date() } : {}),
  });
  return linkLtiIdentity(tx, { issuer: p.issuer, subject: p.subject, userId: user.id });
}
