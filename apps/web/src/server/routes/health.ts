import { OpenAPIHono, z } from '@hono/zod-openapi';
import { sql } from 'drizzle-orm';
import { errorResponses, jsonResponse } from '../accounts/schemas';
import { ApiError } from '../api-error';
import type { ApiEnv } from '../context';
import { taggedRoutes } from '../tagged-routes';

const route = taggedRoutes('meta');

const health = route.get('/health', {
  summary: 'Liveness and database reachability',
  responses: {
    200: jsonResponse(
      'The API answers and its database is reachable',
      z.object({ ok: z.literal(true), database: z.literal('up') }),
    ),
    503: { ...errorResponses(503)[503], description: 'The API answers but its database does not' },
  },
});

/** `GET /api/health`: used by load balancers and by `npm start` to know the site is up. */
export function healthRoutes() {
  return new OpenAPIHono<ApiEnv>().openapi(health, async (c) => {
    const deps = c.get('deps');
    try {
      await deps.db.execute(sql`select 1`);
    } catch (err) {
      deps.logger.warn('health check: database unreachable', { error: String(err) });
      throw new ApiError(503, 'unavailable', 'the database is unreachable', { cause: err });
    }
    return c.json({ ok: true as const, database: 'up' as const }, 200);
  });
}
