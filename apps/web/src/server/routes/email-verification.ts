import {
  accountsByEmail,
  getUserByEmail,
  hitRateLimit,
  listRosterInvitations,
  verifyEmail,
} from '@critic/db';
import { OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { errorResponses, jsonBody, jsonResponse, RoleSchema, uuidParam } from '../accounts/schemas';
import { ApiError } from '../api-error';
import { sendVerificationLink } from '../auth/email-verification';
import { INSTRUCTORS, requireCourseRole } from '../auth/require';
import { startSession } from '../auth/session-start';
import type { ApiEnv } from '../context';
import { taggedRoutes } from '../tagged-routes';

const TokenSchema = z.string().min(20).max(200);

const Verified = z.object({
  email: z.string(),
  joined: z.array(z.object({ courseId: z.uuid(), role: RoleSchema })),
});

const authRoute = taggedRoutes('auth');
const courseRoute = taggedRoutes('courses');

const verifyLink = authRoute.get('/auth/verify-email', {
  summary:
    'The link mailed to an address: verifies it (granting its roster seats), then redirects to the site',
  request: { query: z.object({ token: TokenSchema }) },
  responses: {
    303: { description: 'Verified; on to the site' },
    ...errorResponses(400, 404, 409),
  },
});

const verifyToken = authRoute.post('/auth/verify-email', {
  summary: "Confirm an address with the token of its link and sign in (for clients that don't follow links)",
  request: { body: jsonBody(z.object({ token: TokenSchema })) },
  responses: {
    200: jsonResponse('Verified, and the courses whose roster seats were granted', Verified),
    ...errorResponses(400, 404, 409),
  },
});

const resend = authRoute.post('/auth/verify-email/resend', {
  summary:
    'Mail a new confirmation link to an address whose account has not confirmed it (the same answer for any address)',
  request: { body: jsonBody(z.object({ email: z.email().max(254) })) },
  responses: {
    202: jsonResponse('Sent, if the address has an unconfirmed account', z.object({ email: z.string() })),
    ...errorResponses(400, 429),
  },
});

const InvitationSchema = z
  .object({
    email: z.string(),
    name: z.string().nullable(),
    role: RoleSchema,
    externalId: z.string().nullable(),
    /** `none`: no account yet; `unverified`: an account whose address is not verified yet. */
    account: z.enum(['none', 'unverified']),
    /** The latest verification link sent to the address, when the site's mailer keeps them (log mailer). */
    verificationLink: z.string().nullable(),
  })
  .openapi('RosterInvitation');

const invitations = courseRoute.get('/courses/{courseId}/roster/invitations', {
  summary: 'Roster seats not granted yet (instructor): the address must sign up and verify itself first',
  request: { params: uuidParam('courseId') },
  responses: { 200: jsonResponse('By email', z.array(InvitationSchema)), ...errorResponses(401, 403, 404) },
});

/** Redeems a token and drops this instance's cached roles of the courses it joined. */
async function redeem(c: Context<ApiEnv>, token: string) {
  const { db, now } = c.get('deps');
  const result = await verifyEmail(db, { token, now: now() });
  for (const j of result.joined) c.get('caches').roles.delete(`${j.courseId}:${result.userId}`);
  return result;
}

/** Email verification: the mailed link, its token form, a resend, and the roster's pending seats. */
export function emailVerificationRoutes() {
  return new OpenAPIHono<ApiEnv>()
    .openapi(verifyLink, async (c) => {
      const r = await redeem(c, c.req.valid('query').token);
      await startSession(c, r.userId);
      return c.redirect('/courses', 303);
    })
    .openapi(verifyToken, async (c) => {
      const r = await redeem(c, c.req.valid('json').token);
      await startSession(c, r.userId);
      return c.json(
        { email: r.email, joined: r.joined.map((j) => ({ courseId: j.courseId, role: j.role })) },
        200,
      );
    })
    .openapi(resend, async (c) => {
      const { db, config, now } = c.get('deps');
      const email = c.req.valid('json').email.toLowerCase();
      const hit = await hitRateLimit(db, { key: `verify:email:${email}`, ...config.signinLimit, now: now() });
      if (!hit.allowed) {
        throw new ApiError(
          429,
          'rate_limited',
          `too many links asked for; try again in ${hit.retryAfterSeconds} s`,
          {
            retryAfterSeconds: hit.retryAfterSeconds,
          },
        );
      }
      const user = await getUserByEmail(db, email);
      if (user !== undefined && user.emailVerifiedAt === null) await sendVerificationLink(c, user.id);
      return c.json({ email }, 202);
    })
    .openapi(invitations, async (c) => {
      const { courseId } = c.req.valid('param');
      await requireCourseRole(c, courseId, INSTRUCTORS);
      const { db, mailer } = c.get('deps');
      const rows = await listRosterInvitations(db, courseId);
      const accounts = await accountsByEmail(
        db,
        rows.map((r) => r.email),
      );
      return c.json(
        rows.map((r) => {
          const account = accounts.get(r.email);
          return {
            email: r.email,
            name: r.name,
            role: r.role,
            externalId: r.externalId,
            account: account === undefined ? ('none' as const) : ('unverified' as const),
            verificationLink: account === undefined ? null : (mailer.lastLinkTo(r.email) ?? null),
          };
        }),
        200,
      );
    });
}
