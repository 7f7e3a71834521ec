import { randomBytes } from 'node:crypto';
import { createLtiLogin, findLtiPlatform, getAssignment, getLtiPlatform, listAssignments } from '@critic/db';
import { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import { ApiError } from '../api-error';
import { INSTRUCTORS, requireCourseRole, requireViewer } from '../auth/require';
import { startSession } from '../auth/session-start';
import type { ApiEnv } from '../context';
import { acceptLaunch } from '../lti/accept-launch';
import { ensureLineItem } from '../lti/ags';
import { CLAIM } from '../lti/claims';
import { type DeepLinkSession, DL_PURPOSE, deepLinkingResponse } from '../lti/deep-linking';
import { autoPost, esc, page } from '../lti/html';
import { publicJwks } from '../lti/keys';
import { registerDynamically, toolUrls } from '../lti/registration';
import { REGISTRATION_PURPOSE } from '../lti/registration-link';
import { readSelfToken, signSelfToken } from '../lti/self-tokens';
import { verifyLaunch } from '../lti/verify-launch';

/** How long a login initiation's state and nonce stay valid. */
const LOGIN_TTL_MS = 10 * 60_000;
/** Cookie binding a login's state to the browser (only set over https: it must be SameSite=None). */
const STATE_COOKIE = 'critic_lti_state';

/** A request's parameters from the query (GET) or the form body (POST). */
async function params(c: Context<ApiEnv>): Promise<Record<string, string>> {
  const out: Record<string, string> = { ...c.req.query() };
  if (c.req.method === 'POST') {
    const body = await c.req.parseBody().catch(() => {
      throw new ApiError(400, 'invalid', 'expected a form body (application/x-www-form-urlencoded)');
    });
    for (const [k, v] of Object.entries(body)) if (typeof v === 'string') out[k] = v;
  }
  return out;
}

function required(p: Record<string, string>, name: string): string {
  const v = p[name];
  if (v === undefined || v === '') throw new ApiError(400, 'invalid', `${name}: required`, { field: name });
  return v;
}

/**
 * The deep-linking session `token` carries, when it was opened by `viewerId` and they still instruct its
 * course: an expired, forged or someone else's session is refused with 400 (naming `session`).
 */
async function instructorsDeepLinkSession(
  c: Context<ApiEnv>,
  viewerId: string,
  token: string,
): Promise<DeepLinkSession> {
  const s = (await readSelfToken(c.get('deps'), DL_PURPOSE, token)) as DeepLinkSession | undefined;
  if (s === undefined || s.userId !== viewerId) {
    throw new ApiError(
      400,
      'lti_deep_link_expired',
      'this deep-linking session is invalid or expired; start again from the LMS',
      { field: 'session' },
    );
  }
  await requireCourseRole(c, s.courseId, INSTRUCTORS);
  return s;
}

/** OIDC third-party login initiation: remember a fresh state + nonce, send the browser to the platform. */
async function loginInitiation(c: Context<ApiEnv>) {
  const { db, config, now } = c.get('deps');
  const p = await params(c);
  const iss = required(p, 'iss');
  const loginHint = required(p, 'login_hint');
  const target = required(p, 'target_link_uri');
  const platform = await findLtiPlatform(db, iss, p.client_id);
  if (platform === undefined) {
    throw new ApiError(
      400,
      'lti_unknown_platform',
      `LTI login refused: no platform with issuer "${iss}"${p.client_id ? ` and client id "${p.client_id}"` : ''} is registered with Critic`,
      { field: 'iss' },
    );
  }
  if (!URL.canParse(target, config.origin) || new URL(target, config.origin).origin !== config.origin) {
    throw new ApiError(400, 'invalid', `target_link_uri: must be on ${config.origin}`, {
      field: 'target_link_uri',
    });
  }
  const state = randomBytes(24).toString('base64url');
  const nonce = randomBytes(24).toString('base64url');
  await createLtiLogin(db, {
    state,
    nonce,
    platformId: platform.id,
    targetLinkUri: target,
    expiresAt: new Date(now().getTime() + LOGIN_TTL_MS),
  });
  // The launch comes back as a cross-site POST: only a SameSite=None (hence Secure, https) cookie is
  // sent with it. Over plain http the stored, single-use state row alone binds the launch.
  if (config.cookieSecure) {
    setCookie(c, STATE_COOKIE, state, {
      httpOnly: true,
      secure: true,
      sameSite: 'None',
      path: '/api/lti',
      maxAge: LOGIN_TTL_MS / 1000,
    });
  }
  const auth = new URL(platform.authLoginUrl);
  const q: Record<string, string> = {
    scope: 'openid',
    response_type: 'id_token',
    response_mode: 'form_post',
    prompt: 'none',
    client_id: platform.clientId,
    redirect_uri: toolUrls(config.origin).launch,
    login_hint: loginHint,
    state,
    nonce,
    ...(p.lti_message_hint === undefined ? {} : { lti_message_hint: p.lti_message_hint }),
  };
  for (const [k, v] of Object.entries(q)) auth.searchParams.set(k, v);
  return c.redirect(auth.toString(), 302);
}

/** `/api/lti/*`: Critic's side of LTI 1.3 (JWKS, login, launch, dynamic registration, deep-link picker). */
export function ltiRoutes() {
  return (
    new OpenAPIHono<ApiEnv>()
      .get('/lti/jwks', async (c) => c.json(await publicJwks(c.get('deps').db)))
      .get('/lti/login', loginInitiation)
      .post('/lti/login', loginInitiation)
      .post('/lti/launch', async (c) => {
        const deps = c.get('deps');
        const p = await params(c);
        const verified = await verifyLaunch(deps, {
          idToken: required(p, 'id_token'),
          state: required(p, 'state'),
          stateCookie: getCookie(c, STATE_COOKIE),
        });
        const accepted = await acceptLaunch(deps, verified);
        await startSession(c, accepted.userId);
        const { claims, platform } = verified;
        if (claims[CLAIM.messageType] === 'LtiDeepLinkingRequest') {
          const settings = claims[CLAIM.deepLinking];
          if (settings === undefined || accepted.role !== 'instructor') {
            throw new ApiError(
              403,
              'forbidden',
              'adding Critic assignments to the LMS needs the instructor role',
            );
          }
          const session: DeepLinkSession = {
            platformId: platform.id,
            deploymentId: claims[CLAIM.deploymentId],
            returnUrl: settings.deep_link_return_url,
            data: settings.data,
            courseId: accepted.courseId,
            userId: accepted.userId,
          };
          const token = await signSelfToken(deps, DL_PURPOSE, { ...session }, 3600);
          return c.redirect(`/api/lti/deep-link?session=${encodeURIComponent(token)}`, 303);
        }
        if (accepted.assignmentId !== undefined) {
          // The gradebook column: the platform's (from the launch) or one Critic creates. A platform that is
          // down now does not stop the student; the next launch tries again.
          const link = claims[CLAIM.resourceLink];
          await ensureLineItem(deps.db, {
            platformId: platform.id,
            contextId: accepted.contextId,
            assignmentId: accepted.assignmentId,
            ...(link === undefined ? {} : { resourceLinkId: link.id }),
            now: deps.now(),
          }).catch((e: unknown) => deps.logger.warn('lti line item not created', { error: String(e) }));
          return c.redirect(`/assignments/${accepted.assignmentId}`, 303);
        }
        const staff = accepted.role !== 'student';
        return c.redirect(
          staff ? `/courses/${accepted.courseId}/admin` : `/courses/${accepted.courseId}`,
          303,
        );
      })
      .get('/lti/deep-link', async (c) => {
        const deps = c.get('deps');
        const viewer = requireViewer(c);
        const token = c.req.query('session') ?? '';
        const s = await instructorsDeepLinkSession(c, viewer.id, token);
        const assignments = await listAssignments(deps.db, s.courseId);
        const options = assignments
          .map(
            (a, i) =>
              `<label><input type="radio" name="assignmentId" value="${esc(a.id)}"${i === 0 ? ' checked' : ''}> ${esc(a.title)} <span class="muted">(${a.kind})</span></label>`,
          )
          .join('');
        return c.html(
          page(
            'Add a Critic assignment',
            `<h1>Add a Critic assignment to the LMS</h1>
<form method="post" action="/api/lti/deep-link"><input type="hidden" name="session" value="${esc(token)}">
${assignments.length === 0 ? '<p>This course has no assignments yet.</p>' : options}
<button type="submit"${assignments.length === 0 ? ' disabled' : ''}>Add to the LMS</button></form>`,
          ),
        );
      })
      .post('/lti/deep-link', async (c) => {
        const deps = c.get('deps');
        const viewer = requireViewer(c);
        const p = await params(c);
        const s = await instructorsDeepLinkSession(c, viewer.id, required(p, 'session'));
        const assignment = await getAssignment(deps.db, required(p, 'assignmentId'));
        if (assignment.courseId !== s.courseId) {
          throw new ApiError(404, 'not_found', `assignment "${assignment.id}" not found in this course`, {
            field: 'assignmentId',
          });
        }
        const platform = await getLtiPlatform(deps.db, s.platformId);
        const jwt = await deepLinkingResponse(deps, platform, s, [assignment]);
        return c.html(autoPost(s.returnUrl, { JWT: jwt }, `Adding "${assignment.title}" to the LMS`));
      })
      // Dynamic Registration: the LMS opens the registration URL an instructor copied from Critic, adding
      // `openid_configuration` and `registration_token`.
      .get('/lti/register', async (c) => {
        const deps = c.get('deps');
        const reg = await readSelfToken(deps, REGISTRATION_PURPOSE, c.req.query('reg') ?? '');
        if (reg === undefined || typeof reg.courseId !== 'string' || typeof reg.userId !== 'string') {
          throw new ApiError(
            400,
            'lti_registration_link_invalid',
            'this registration URL is invalid or expired: copy a new one from the course settings',
            {
              field: 'reg',
            },
          );
        }
        const platform = await registerDynamically(deps, {
          openidConfiguration: c.req.query('openid_configuration') ?? '',
          registrationToken: c.req.query('registration_token'),
          courseId: reg.courseId,
          userId: reg.userId,
        });
        return c.html(
          page(
            'Critic registered',
            `<h1>Critic is registered</h1><p id="registered">Registered with ${esc(platform.issuer)} as client ${esc(platform.clientId)}.</p>
<script>(window.opener || window.parent).postMessage({ subject: 'org.imsglobal.lti.close' }, '*');</script>`,
          ),
        );
      })
  );
}
