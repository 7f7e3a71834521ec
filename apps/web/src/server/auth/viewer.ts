import { getUser, resolveSession, verifyApiToken } from '@critic/db';
import { getCookie } from 'hono/cookie';
import { createMiddleware } from 'hono/factory';
import { ApiError } from '../api-error';
import type { ApiEnv } from '../context';
import { SESSION_COOKIE } from './cookies';

/**
 * Resolves the caller: `Authorization: Bearer crt_…` (an API token; a bad one is a 401, never a silent
 * anonymous request) or the session cookie (an expired one just means anonymous). Known viewers are
 * cached briefly (`cacheMs.auth`); sign-out and token revocation drop them at once in this process.
 */
export const resolveViewer = createMiddleware<ApiEnv>(async (c, next) => {
  const { db } = c.get('deps');
  const { viewers } = c.get('caches');
  const auth = c.req.header('authorization');
  if (auth !== undefined) {
    const m = /^Bearer\s+(\S+)$/i.exec(auth);
    if (m === null)
      throw new ApiError(401, 'unauthenticated', 'Authorization header must be "Bearer <api token>"');
    const token = m[1]!;
    const viewer = await viewers.get(
      `token:${token}`,
      async () => {
        const found = await verifyApiToken(db, token);
        if (found === undefined) return null;
        const user = await getUser(db, found.userId);
        return { id: user.id, email: user.email, name: user.name, via: 'token' as const };
      },
      (v) => v !== null,
    );
    if (viewer === null) {
      throw new ApiError(
        401,
        'unauthenticated',
        'API token is unknown, revoked or expired; create a new one on the site',
      );
    }
    c.set('viewer', viewer);
    return next();
  }
  const cookie = getCookie(c, SESSION_COOKIE);
  const viewer =
    cookie === undefined
      ? null
      : await viewers.get(
          `cookie:${cookie}`,
          async () => {
            const session = await resolveSession(db, cookie);
            return session === undefined
              ? null
              : { id: session.userId, email: session.email, name: session.name, via: 'session' as const };
          },
          (v) => v !== null,
        );
  c.set('viewer', viewer);
  return next();
});
