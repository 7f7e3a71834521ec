import type { Database } from '@critic/db';
import { queueDepth } from '@critic/db/queue';
import { Hono } from 'hono';
import type { GraderLogger } from '../../logger';
import type { GraderMetrics } from '../../metrics/grader-metrics';

/** `GET /metrics`: Prometheus text; the queue depth is read at scrape time (left out if the DB is unreachable). */
export function metricsRoutes(deps: {
  db: Database;
  queue: string;
  metrics: GraderMetrics;
  logger: GraderLogger;
}): Hono {
  return new Hono().get('/metrics', async (c) => {
    const depth = await queueDepth(deps.db, deps.queue).catch((e: unknown) => {
      deps.logger.warn('metrics: queue depth unavailable', { error: String(e) });
      return undefined;
    });
    return c.text(deps.metrics.render(depth), 200, {
      'content-type': 'text/plain; version=0.0.4; charset=utf-8',
    });
  });
}
