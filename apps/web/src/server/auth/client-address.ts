import type { Context } from 'hono';
import type { ApiEnv } from '../context';

/**
 * The caller's address for rate limiting: the first entry of `X-Forwarded-For` (set by the load
 * balancer in front of the site), or `local` when the request did not pass one.
 */
export function clientAddress(c: Context<ApiEnv>): string {
  const first = c.req.header('x-forwarded-for')?.split(',')[0]?.trim();
  return first === undefined || first === '' ? 'local' : first;
}
