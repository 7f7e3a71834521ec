import { Hono } from 'hono';
import type { GraderDeps } from '../grading/grade-submission';
import { type GraderLogger, silentGraderLogger } from '../logger';
import type { GraderMetrics } from '../metrics/grader-metrics';
import type { ScaleInProtection } from '../worker/scale-in-protection';
import { GraderHttpError } from './grader-http-error';
import { healthzRoutes } from './routes/healthz';
import { jobsRoutes } from './routes/jobs';
import { metricsRoutes } from './routes/metrics';

/** What the grader's HTTP app serves with. */
export interface GraderAppDeps {
  grader: GraderDeps;
  metrics: GraderMetrics;
  /** Queue of the jobs pushed to `POST /jobs/:id` (and counted in /metrics). */
  queue: string;
  /** Shared bearer secret of `POST /jobs/:id`; undefined refuses every push. */
  secret: string | undefined;
  /** Lease of a pushed job while it is graded. */
  leaseMs: number;
  /** Written to the job's `locked_by`. */
  workerId: string;
  /** Protects the task from scale-in while a pushed job runs; default none. */
  protection?: ScaleInProtection;
}

/** The grader's Hono app: `GET /healthz`, `GET /metrics`, `POST /jobs/:id`; errors as `{ error }` JSON. */
export function createGraderApp(deps: GraderAppDeps): Hono {
  const logger: GraderLogger = deps.grader.logger ?? silentGraderLogger;
  const app = new Hono();
  app.route('/', healthzRoutes());
  app.route('/', metricsRoutes({ db: deps.grader.db, queue: deps.queue, metrics: deps.metrics, logger }));
  app.route(
    '/',
    jobsRoutes({
      grader: deps.grader,
      queue: deps.queue,
      secret: deps.secret,
      leaseMs: deps.leaseMs,
      workerId: deps.workerId,
      metrics: deps.metrics,
      ...(deps.protection ? { protection: deps.protection } : {}),
    }),
  );
  app.notFound((c) => c.json({ error: `no route ${c.req.method} ${c.req.path}` }, 404));
  app.onError((err, c) => {
    if (err instanceof GraderHttpError) return c.json({ error: err.message }, err.status);
    logger.error('request failed', { path: c.req.path, error: String(err) });
    return c.json({ error: 'internal error in the grader; the job, if any, will be retried' }, 500);
  });
  return app;
}
