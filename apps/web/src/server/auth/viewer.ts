import { getUser, resolveSession, verifyApiToken } from '@critic/db';
import { getCookie } from 'hono/cookie';
import { createMiddleware } from 'hono/factory';
import { ApiError } from '../api-error';
import type { ApiEnv } from '../context';
import { SESSION_COOKIE } from './cookies';

/**
 * Resolves the caller: `Authorization: Bearer crt_…` (an API token; a bad one is a 401, never a silent
 * anonymous request) or the session cookie (an expired one just means anonymous).
 */
export const resolveViewer = createMiddleware<ApiEnv>(async (c, next) => {
  const { db } = c.get('deps');
  const auth = c.req.header('authorization');
  if (auth !== undefined) {
    const m = /^Bearer\s+(\S+)$/i.exec(auth);
    if (m === null)
      throw new ApiError(401, 'unauthenticated', 'Authorization header must be "Bearer <api token>"');
    const token = await verifyApiToken(db, m[1]!);
    if (token === undefined) {
      throw new ApiError(
        401,
        'unauthenticated',
        'API token is unknown, revoked or expired; create a new one on the site',
      );
    }
    const user = await getUser(db, token.userId);
    c.set('viewer', { id: user.id, email: user.email, name: user.name, via: 'token' });
    return next();
  }
  const cookie = getCookie(c, SESSION_COOKIE);
  const session = cookie === undefined ? undefined : await resolveSession(db, cookie);
  c.set(
    'viewer',
    session === undefined
      ? null
      : { id: session.userId, email: session.email, name: session.name, via: 'session' },
  );
  return next();
});
