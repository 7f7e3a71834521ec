import { createMiddleware } from 'hono/factory';
import { ApiError } from '../api-error';
import type { ApiEnv } from '../context';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const LTI_CROSS_SITE = new Set(['/api/lti/login', '/api/lti/launch']);

/**
 * CSRF protection for cookie-authenticated requests: an unsafe method must carry an `Origin` (or, failing
 * that, a `Referer`) equal to the site's origin. Token-authenticated requests (the CLI) carry no ambient
 * credentials and pass. Together with `SameSite=Lax` session cookies this is OWASP's origin-verification
 * defence.
 */
export const csrfGuard = createMiddleware<ApiEnv>(async (c, next) => {
  if (SAFE_METHODS.has(c.req.method) || c.req.header('authorization') !== undefined) return next();
  // The LMS posts these cross-site by design; they carry their own proof (a signed id_token, a one-use state).
  if (LTI_CROSS_SITE.has(c.req.path)) return next();
  const expected = c.get('deps').config.origin;
  const origin = c.req.header('origin') ?? refererOrigin(c.req.header('referer'));
  if (origin !== expected) {
    throw new ApiError(
      403,
      'csrf',
      `cross-site request refused: Origin ${origin === undefined ? 'is missing' : `"${origin}"`}; expected "${expected}"`,
    );
  }
  return next();
});

function refererOrigin(referer: string | undefined): string | undefined {
  if (referer === undefined) return undefined;
  try {
    return new URL(referer).origin;
  } catch {
    return undefined;
  }
}
