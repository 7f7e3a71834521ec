import { createHash, timingSafeEqual } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { GraderHttpError } from './grader-http-error';

const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();

/** True when `presented` equals `secret`, compared in constant time (over digests, so lengths leak nothing). */
export function secretMatches(presented: string, secret: string): boolean {
  return timingSafeEqual(digest(presented), digest(secret));
}

/**
 * Requires `Authorization: Bearer <secret>`. With no secret configured every request is refused
 * (503): a grader never runs jobs for anyone unauthenticated.
 */
export function bearerAuth(secret: string | undefined): MiddlewareHandler {
  return async (c, next) => {
    if (secret === undefined) {
      throw new GraderHttpError(503, 'push mode is disabled: CRITIC_GRADER_SECRET is not set on this grader');
    }
    const header = c.req.header('authorization') ?? '';
    const m = /^Bearer (.+)$/.exec(header);
    if (!m || !secretMatches(m[1]!, secret)) {
      throw new GraderHttpError(401, 'missing or wrong bearer token (Authorization: Bearer <shared secret>)');
    }
    await next();
  };
}
