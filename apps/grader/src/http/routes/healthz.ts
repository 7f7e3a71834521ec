import { Hono } from 'hono';

/** `GET /healthz`: the process is up and serving (no database round trip: a slow DB must not kill the task). */
export function healthzRoutes(): Hono {
  return new Hono().get('/healthz', (c) => c.json({ ok: true }));
}
