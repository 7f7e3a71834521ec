import { getJob } from '@critic/db/queue';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGraderApp } from '../src/http/app';
import { secretMatches } from '../src/http/bearer-auth';
import { GraderMetrics } from '../src/metrics/grader-metrics';
import { CONTROLLER } from './support/agents';
import { type Harness, openHarness, seedAssignment, submit } from './support/harness';

const SECRET = 'a-shared-secret-of-some-length';
let h: Harness;
let metrics: GraderMetrics;
let app: ReturnType<typeof createGraderApp>;

beforeAll(async () => {
  h = await openHarness();
  metrics = new GraderMetrics();
  app = createGraderApp({
    grader: { db: h.db, blobs: h.blobs },
    metrics,
    queue: 'grade',
    secret: SECRET,
    leaseMs: 30_000,
    workerId: 'http-test',
  });
});
afterAll(async () => {
  await h?.close();
});

const post = (id: string | number, secret?: string) =>
  app.request(`/jobs/${id}`, {
    method: 'POST',
    headers: secret ? { authorization: `Bearer ${secret}` } : {},
  });

describe('grader HTTP app', () => {
  it('GET /healthz answers ok', async () => {
    const res = await app.request('/healthz');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true });
  });

  it('POST /jobs/:id refuses a missing or wrong secret, then 404s an unknown job and 400s a bad id', async () => {
    expect((await post(1)).status).toBe(401);
    const wrong = await post(1, `${SECRET}x`);
    expect(wrong.status).toBe(401);
    expect(((await wrong.json()) as { error: string }).error).toMatch(/bearer token/);
    const unknown = await post(987654, SECRET);
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({ error: 'job 987654 does not exist' });
    expect((await post('abc', SECRET)).status).toBe(400);
  });

  it('POST /jobs/:id grades the job, completes it, and a repeated push answers done without regrading', async () => {
    const seed = await seedAssignment(h.db, { publicEpisodes: 2, privateEpisodes: 2 });
    const { job } = await submit(h, seed, 'js-agent', CONTROLLER);
    const res = await post(job.id, SECRET);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { outcome: { verdict: string; scores: Record<string, number> } };
    expect(body.outcome).toMatchObject({ verdict: 'ok', scores: { public: 500, private: 500 } });
    const after = await getJob(h.db, job.id);
    expect(after).toMatchObject({ status: 'done', attempts: 1, lockToken: null });
    const again = await post(job.id, SECRET);
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ status: 'done', alreadyDone: true });
    expect((await getJob(h.db, job.id)).attempts).toBe(1);
  });

  it('POST /jobs/:id answers 503 on a platform failure and puts the job back for a retry', async () => {
    const seed = await seedAssignment(h.db, { publicEpisodes: 1, privateEpisodes: 1 });
    const { submission, job } = await submit(h, seed, 'js-agent', `${CONTROLLER} // missing ${Date.now()}`);
    await h.blobs.delete(submission.artifactSha256);
    const res = await post(job.id, SECRET);
    expect(res.status).toBe(503);
    expect(((await res.json()) as { error: string }).error).toMatch(/requeued/);
    expect(await getJob(h.db, job.id)).toMatchObject({ status: 'queued', attempts: 1, lockToken: null });
    // Out of the queue, so the queue depth checked below counts only its own job.
    await h.sql.unsafe("update jobs set status = 'done' where id = $1", [job.id]);
  });

  it('GET /metrics is Prometheus text with jobs by outcome, a duration histogram and the queue depth', async () => {
    const seed = await seedAssignment(h.db, { publicEpisodes: 1, privateEpisodes: 1 });
    await submit(h, seed, 'js-agent', `${CONTROLLER} // queued, not graded`);
    const res = await app.request('/metrics');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await res.text();
    expect(text).toContain('# TYPE critic_grader_jobs_total counter');
    expect(text).toMatch(/^critic_grader_jobs_total\{outcome="ok"\} 1$/m);
    expect(text).toMatch(/^critic_grader_jobs_total\{outcome="platform_error"\} 1$/m);
    expect(text).toMatch(/^critic_grader_failures_total\{class="time_limit"\} 0$/m);
    expect(text).toContain('# TYPE critic_grader_job_duration_seconds histogram');
    expect(text).toMatch(/^critic_grader_job_duration_seconds_bucket\{le="\+Inf"\} 2$/m);
    expect(text).toMatch(/^critic_grader_job_duration_seconds_count 2$/m);
    expect(text).toMatch(/^critic_grader_queue_depth\{state="ready"\} 1$/m);
    // Every sample line is `name{labels} value` or `name value`.
    for (const line of text
      .trim()
      .split('\n')
      .filter((l) => !l.startsWith('#'))) {
      expect(line).toMatch(/^[a-z_]+(\{[a-z]+="[^"]*"\})? [0-9.e+-]+$/);
    }
  });

  it('refuses every push when no secret is configured; the secret compare is exact', async () => {
    const open = createGraderApp({
      grader: { db: h.db, blobs: h.blobs },
      metrics: new GraderMetrics(),
      queue: 'grade',
      secret: undefined,
      leaseMs: 30_000,
      workerId: 'x',
    });
    const res = await open.request('/jobs/1', {
      method: 'POST',
      headers: { authorization: 'Bearer anything' },
    });
    expect(res.status).toBe(503);
    expect(secretMatches(SECRET, SECRET)).toBe(true);
    expect(secretMatches(SECRET.slice(0, -1), SECRET)).toBe(false);
    expect((await open.request('/nope')).status).toBe(404);
  });
});
