import {
  createUser,
  DbError,
  deleteSession,
  getUserByEmail,
  hitRateLimit,
  refundRateLimit,
  setPasswordHash,
} from '@critic/db';
import { OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { errorResponses, jsonBody, jsonResponse, UserSchema } from '../accounts/schemas';
import { ApiError } from '../api-error';
import { clientAddress } from '../auth/client-address';
import { sendVerificationLink } from '../auth/email-verification';
import { hashPassword, needsRehash, verifyAgainstDummy, verifyPassword } from '../auth/password';
import { clearSessionCookie, sessionToken } from '../auth/session-cookie';
import { startSession } from '../auth/session-start';
import type { ApiEnv } from '../context';
import { taggedRoutes } from '../tagged-routes';

const SignUpBody = z
  .object({
    email: z.email().max(254),
    name: z.string().trim().min(1).max(200),
    password: z.string().min(10, 'at least 10 characters').max(1024),
  })
  .openapi('SignUp');

const SignInBody = z
  .object({ email: z.string().min(1).max(254), password: z.string().min(1).max(1024) })
  .openapi('SignIn');

const UserBody = z.object({ user: UserSchema });

const SignUpAnswer = z
  .object({
    status: z.literal('verification_sent'),
    email: z.string(),
    message: z.string(),
  })
  .openapi('SignUpAnswer');

const route = taggedRoutes('auth');

const signUp = route.post('/auth/signup', {
  summary:
    'Sign up: a link that confirms the address and signs in is mailed to it (the same answer whether or not the address has an account; rate-limited per address)',
  description:
    "Always 202: a new address, or an account that never confirmed its address, is mailed a link carrying this sign-up (its password and name become the account's when the link is opened, which also signs in); a confirmed account gets a mail saying someone tried to sign up with it. The roster seats of the address are granted when the link is opened.",
  request: { body: jsonBody(SignUpBody) },
  responses: {
    202: jsonResponse('A mail was sent to the address', SignUpAnswer),
    ...errorResponses(400, 403, 429),
  },
});

const signIn = route.post('/auth/signin', {
  summary: 'Sign in with email and password (rate-limited per email and per address)',
  request: { body: jsonBody(SignInBody) },
  responses: {
    200: jsonResponse('Signed in; the session cookie is set', UserBody),
    ...errorResponses(400, 401, 403, 429),
  },
});

const signOut = route.post('/auth/signout', {
  summary: 'Sign out: end the session and clear its cookie',
  responses: { 204: { description: 'Signed out' }, ...errorResponses(403) },
});

/** The one answer to a failed sign-in, whatever failed. */
export const INVALID_CREDENTIALS =
  'email or password is wrong (a new account signs in first with the link mailed to it)';

function costOf(c: Context<ApiEnv>) {
  return { logN: c.get('deps').config.passwordScryptLogN, r: 8, p: 1 };
}

/**
 * Counts a sign-in attempt against the email's and the client address's windows (429 when either is
 * full) and returns a refund for when the attempt succeeds: only failures use up the limit, so a
 * classroom behind one NAT address can sign in, while parallel guesses are still counted up front.
 */
async function limitSignIn(c: Context<ApiEnv>, email: string): Promise<() => Promise<void>> {
  const { db, config, now } = c.get('deps');
  const at = now();
  const keys = [`signin:email:${email}`, `signin:addr:${clientAddress(c)}`];
  const counted: string[] = [];
  const refund = async () => {
    for (const key of counted)
      await refundRateLimit(db, { key, windowMs: config.signinLimit.windowMs, now: at });
  };
  for (const key of keys) {
    const hit = await hitRateLimit(db, { key, ...config.signinLimit, now: at });
    counted.push(key);
    if (!hit.allowed) {
      throw new ApiError(
        429,
        'rate_limited',
        `too many failed sign-in attempts; try again in ${hit.retryAfterSeconds} s`,
        { retryAfterSeconds: hit.retryAfterSeconds },
      );
    }
  }
  return refund;
}

/** `POST /api/auth/signup`, `/signin`, `/signout`: password accounts and cookie sessions. */
export function authRoutes() {
  return new OpenAPIHono<ApiEnv>()
    .openapi(signUp, async (c) => {
      const { db, config, now, mailer } = c.get('deps');
      const body = c.req.valid('json');
      // Every sign-up costs a slow hash: a client address gets `signupLimit` per window.
      const hit = await hitRateLimit(db, {
        key: `signup:addr:${clientAddress(c)}`,
        ...config.signupLimit,
        now: now(),
      });
      if (!hit.allowed) {
        throw new ApiError(
          429,
          'rate_limited',
          `too many sign-ups from this address; try again in ${hit.retryAfterSeconds} s`,
          {
            retryAfterSeconds: hit.retryAfterSeconds,
          },
        );
      }
      // Hashed whatever the outcome, so an existing address does not answer faster than a new one.
      const passwordHash = await hashPassword(body.password, costOf(c));
      const email = body.email.toLowerCase();
      const existing = await getUserByEmail(db, email);
      let sendLinkTo: string | undefined;
      if (existing === undefined) {
        // No password on the account yet: the link carries this sign-up's, applied when it is opened.
        const created = await createUser(db, { email, name: body.name }).catch((e: unknown) => {
          // Signed up by another request meanwhile: answered like any existing address.
          if (e instanceof DbError && e.code === 'conflict') return undefined;
          throw e;
        });
        sendLinkTo = created?.id;
      } else if (existing.emailVerifiedAt === null) {
        // Nobody has proven this address: this sign-up gets its own link (with its own password).
        sendLinkTo = existing.id;
      }
      if (sendLinkTo !== undefined) {
        await sendVerificationLink(c, sendLinkTo, { passwordHash, name: body.name });
      } else {
        await mailer.send({
          to: email,
          subject: 'Someone tried to sign up for Critic with your address',
          text: `This address already has a Critic account. If that sign-up was you, sign in at ${config.origin}/signin instead; otherwise ignore this mail.\n`,
        });
      }
      return c.json(
        {
          status: 'verification_sent' as const,
          email,
          message: `check ${email}: we sent a link that confirms the address and signs you in`,
        },
        202,
      );
    })
    .openapi(signIn, async (c) => {
      const { db } = c.get('deps');
      const body = c.req.valid('json');
      const email = body.email.trim().toLowerCase();
      const refund = await limitSignIn(c, email);
      const user = await getUserByEmail(db, email);
      const ok =
        user?.passwordHash == null
          ? await verifyAgainstDummy(body.password, costOf(c))
          : await verifyPassword(body.password, user.passwordHash);
      // An account signs in once its address is confirmed (the mailed link signs in the first time);
      // before that it is answered like a wrong password, so no one learns which addresses signed up.
      if (!ok || user === undefined || user.emailVerifiedAt === null) {
        throw new ApiError(401, 'invalid_credentials', INVALID_CREDENTIALS);
      }
      await refund();
      if (user.passwordHash !== null && needsRehash(user.passwordHash, costOf(c))) {
        await setPasswordHash(db, user.id, await hashPassword(body.password, costOf(c)));
      }
      await startSession(c, user.id);
      return c.json({ user: { id: user.id, email: user.email, name: user.name } }, 200);
    })
    .openapi(signOut, async (c) => {
      const token = sessionToken(c);
      if (token !== undefined) {
        await deleteSession(c.get('deps').db, token);
        c.get('caches').viewers.delete(`cookie:${token}`);
      }
      clearSessionCookie(c);
      return c.body(null, 204);
    });
}
