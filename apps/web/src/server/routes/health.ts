import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { sql } from 'drizzle-orm';
import type { ApiEnv } from '../context';

const health = createRoute({
  method: 'get',
  path: '/health',
  tags: ['meta'],
  summary: 'Liveness and database reachability',
  responses: {
    200: {
      description: 'The API answers and its database is reachable',
      content: {
        'application/json': { schema: z.object({ ok: z.literal(true), database: z.literal('up') }) },
      },
    },
  },
});

/** `GET /api/health`: used by load balancers and by `npm start` to know the site is up. */
export function healthRoutes() {
  return new OpenAPIHono<ApiEnv>().openapi(health, async (c) => {
    await c.get('deps').db.execute(sql`select 1`);
    return c.json({ ok: true as const, database: 'up' as const }, 200);
  });
}
