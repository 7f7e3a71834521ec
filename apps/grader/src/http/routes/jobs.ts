import { DbError } from '@critic/db';
import { claimJobById, getJob, type Job } from '@critic/db/queue';
import { Hono } from 'hono';
import type { GraderDeps } from '../../grading/grade-submission';
import type { GraderMetrics } from '../../metrics/grader-metrics';
import { runClaimedJob } from '../../worker/run-job';
import { noScaleInProtection, type ScaleInProtection } from '../../worker/scale-in-protection';
import { bearerAuth } from '../bearer-auth';
import { GraderHttpError } from '../grader-http-error';

/** What the jobs route needs. */
export interface JobsRouteDeps {
  grader: GraderDeps;
  queue: string;
  secret: string | undefined;
  leaseMs: number;
  workerId: string;
  metrics: GraderMetrics;
  /** Protects the task from scale-in while a pushed job runs; default none. */
  protection?: ScaleInProtection;
}

/** Why a job that exists in this queue could not be claimed (it is not done). */
function refusalMessage(job: Job): string {
  if (job.status === 'dead') return `job ${job.id} is dead-lettered: ${job.lastError ?? 'no error recorded'}`;
  if (job.status === 'running') return `job ${job.id} is being graded by ${job.lockedBy ?? 'another worker'}`;
  return `job ${job.id} is waiting for a retry until ${job.availableAt.toISOString()}`;
}

/**
 * `POST /jobs/:id` (push / serverless mode): claims that queue job and grades it, answering when done.
 * 200 with the outcome (also for a job already done: pushes may repeat); 401 without the secret;
 * 404 for an unknown job; 409 when another worker holds it, it is backing off before a retry, or it is
 * dead-lettered; 503 when grading
 * failed on the platform side (the job is back in the queue; the caller should retry later).
 */
export function jobsRoutes(deps: JobsRouteDeps): Hono {
  const app = new Hono();
  app.use('/jobs/*', bearerAuth(deps.secret));
  app.post('/jobs/:id', async (c) => {
    const raw = c.req.param('id');
    if (!/^[1-9][0-9]{0,15}$/.test(raw))
      throw new GraderHttpError(400, `job id must be a positive integer, got "${raw}"`);
    const id = Number(raw);
    const current = await getJob<Record<string, unknown>>(deps.grader.db, id).catch((e: unknown) => {
      if (e instanceof DbError && e.code === 'not_found')
        throw new GraderHttpError(404, `job ${id} does not exist`);
      throw e;
    });
    if (current.queue !== deps.queue)
      throw new GraderHttpError(404, `job ${id} is not in queue "${deps.queue}"`);
    const job = await claimJobById<Record<string, unknown>>(deps.grader.db, {
      jobId: id,
      queue: deps.queue,
      workerId: deps.workerId,
      leaseMs: deps.leaseMs,
    });
    if (job === undefined) {
      const now = await getJob(deps.grader.db, id);
      if (now.status === 'done') return c.json({ jobId: id, status: 'done', alreadyDone: true });
      throw new GraderHttpError(409, refusalMessage(now));
    }
    const release = await (deps.protection ?? noScaleInProtection).hold();
    const end = await runClaimedJob(job, deps.grader, {
      leaseMs: deps.leaseMs,
      metrics: deps.metrics,
    }).finally(release);
    if (end.kind === 'graded') return c.json({ jobId: id, status: 'done', outcome: end.outcome });
    if (end.kind === 'checked') return c.json({ jobId: id, status: 'done', check: end });
    if (end.kind === 'lease_lost') throw new GraderHttpError(409, `job ${id}: lease lost to another worker`);
    throw new GraderHttpError(
      503,
      `job ${id} failed on our side and was ${end.status === 'dead' ? 'dead-lettered' : 'requeued'}: ${end.error}`,
    );
  });
  return app;
}
