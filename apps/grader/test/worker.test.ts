import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { countSubmissionsOnDay, evaluationHistory, getSubmission } from '@critic/db';
import { getJob } from '@critic/db/queue';
import { describe, expect, it } from 'vitest';
import { GraderMetrics } from '../src/metrics/grader-metrics';
import { ecsTaskProtection } from '../src/worker/scale-in-protection';
import { runWorkLoop } from '../src/worker/work-loop';
import { CONTROLLER, RANDOM_AGENT } from './support/agents';
import { startEcsAgentStub } from './support/ecs-agent-stub';
import { seedAssignment, submit, useHarness } from './support/harness';
import { sandboxChildren } from './support/sandbox-children';
import { gradeQueueDrained, testLoopOptions as loopOptions, until } from './support/work-loop';

const h = useHarness();

// The controller, slowed to ~2 ms of busy work per call: 2 episodes of 500 steps take about a second.
const SLOW_CONTROLLER = `export function act(obs: number[]): number {
  const until = Date.now() + 2; while (Date.now() < until) {}
  return obs[2] + 0.5 * obs[3] > 0 ? 1 : 0;
}`;

const drained = () => gradeQueueDrained(h.db);

describe('work mode', () => {
  it('grades queued jobs in parallel, each to its verdict, and survives a hostile agent', async () => {
    const seed = await seedAssignment(h.db, { publicEpisodes: 3, privateEpisodes: 3, actTimeMs: 50 });
    const good = await submit(h, seed, 'js-agent', CONTROLLER);
    const loop = await submit(h, seed, 'js-agent', 'export function act() { while (true) {} }');
    const rand = await submit(h, seed, 'js-agent', RANDOM_AGENT);
    const stop = new AbortController();
    const metrics = new GraderMetrics();
    const running = runWorkLoop({ db: h.db, blobs: h.blobs }, loopOptions(stop.signal, { metrics }));
    await until('the queue to drain', drained);
    stop.abort();
    expect(await running).toBe(3);
    expect((await getSubmission(h.db, good.submission.id)).privateScore).toBe(500);
    expect(await getSubmission(h.db, loop.submission.id)).toMatchObject({
      status: 'failed',
      errorClass: 'time_limit',
    });
    expect((await getSubmission(h.db, rand.submission.id)).status).toBe('succeeded');
    expect(metrics.count('ok')).toBe(2);
    expect(metrics.count('time_limit')).toBe(1);
    for (const j of [good.job, loop.job, rand.job]) expect((await getJob(h.db, j.id)).status).toBe('done');
  });

  it('a platform failure on the last attempt dead-letters the job; the submission does not count toward the limit', async () => {
    const seed = await seedAssignment(h.db, { publicEpisodes: 1, privateEpisodes: 1 });
    const { submission, job } = await submit(h, seed, 'js-agent', `${CONTROLLER} // lost ${Date.now()}`);
    await h.blobs.delete(submission.artifactSha256);
    await h.sql.unsafe('update jobs set max_attempts = 1 where id = $1', [job.id]);
    const stop = new AbortController();
    const metrics = new GraderMetrics();
    const running = runWorkLoop({ db: h.db, blobs: h.blobs }, loopOptions(stop.signal, { metrics }));
    await until('the queue to drain', drained);
    stop.abort();
    await running;
    expect((await getJob(h.db, job.id)).status).toBe('dead');
    expect(await getSubmission(h.db, submission.id)).toMatchObject({
      status: 'failed',
      errorClass: 'platform_error',
      countsTowardLimit: false,
    });
    expect(metrics.count('platform_error')).toBe(1);
  });

  it('a sandbox child SIGKILLed mid-grading (OOM killer, operator) is retried: the honest submission scores 500, the daily count unchanged', async () => {
    const seed = await seedAssignment(h.db, { publicEpisodes: 4, privateEpisodes: 4, actTimeMs: 1000 });
    const { submission, job } = await submit(
      h,
      seed,
      'js-agent',
      `${SLOW_CONTROLLER} // killed ${Date.now()}`,
    );
    const day = {
      assignmentId: seed.assignment.id,
      teamId: seed.team.id,
      userId: seed.student.id,
      at: new Date(),
    };
    expect(await countSubmissionsOnDay(h.db, day)).toEqual({ team: 1, student: 1 });
    const stop = new AbortController();
    const metrics = new GraderMetrics();
    const running = runWorkLoop(
      { db: h.db, blobs: h.blobs },
      loopOptions(stop.signal, { metrics, concurrency: 1 }),
    );
    let victim: number | undefined;
    await until('the sandbox child to run the agent', async () => {
      const s = await getSubmission(h.db, submission.id);
      victim = sandboxChildren()[0];
      return s.status === 'running' && victim !== undefined;
    });
    process.kill(victim!, 'SIGKILL');
    await until('the queue to drain', drained);
    stop.abort();
    await running;
    expect(await getJob(h.db, job.id)).toMatchObject({ status: 'done', attempts: 2 });
    expect(await getSubmission(h.db, submission.id)).toMatchObject({
      status: 'succeeded',
      errorClass: null,
      privateScore: 500,
      countsTowardLimit: true,
    });
    expect(metrics.count('platform_error')).toBe(1);
    expect(metrics.count('ok')).toBe(1);
    expect(await countSubmissionsOnDay(h.db, day)).toEqual({ team: 1, student: 1 });
  });

  it('protects its ECS task from scale-in while it runs a job, and lifts it when idle', async () => {
    const agent = await startEcsAgentStub();
    try {
      const seed = await seedAssignment(h.db, { publicEpisodes: 1, privateEpisodes: 1, actTimeMs: 1000 });
      const { submission } = await submit(
        h,
        seed,
        'js-agent',
        `${SLOW_CONTROLLER} // protected ${Date.now()}`,
      );
      const stop = new AbortController();
      const protection = ecsTaskProtection({ agentUri: agent.uri, expiresInMinutes: 60 });
      const running = runWorkLoop({ db: h.db, blobs: h.blobs }, loopOptions(stop.signal, { protection }));
      let protectedWhileRunning = false;
      await until('the job to finish', async () => {
        const s = await getSubmission(h.db, submission.id);
        if (s.status === 'running' && agent.protected()) protectedWhileRunning = true;
        return s.status === 'succeeded';
      });
      await until('the protection to be lifted', async () => !agent.protected());
      stop.abort();
      await running;
      expect(protectedWhileRunning).toBe(true);
      expect(agent.requests).toEqual([
        { ProtectionEnabled: true, ExpiresInMinutes: 60 },
        { ProtectionEnabled: false },
      ]);
    } finally {
      await agent.close();
    }
  });

  it('on shutdown a running job may finish within the grace period', async () => {
    const seed = await seedAssignment(h.db, { publicEpisodes: 1, privateEpisodes: 1, actTimeMs: 1000 });
    const { submission } = await submit(h, seed, 'js-agent', SLOW_CONTROLLER);
    const stop = new AbortController();
    const running = runWorkLoop({ db: h.db, blobs: h.blobs }, loopOptions(stop.signal));
    await until(
      'the job to start',
      async () => (await getSubmission(h.db, submission.id)).status === 'running',
    );
    stop.abort();
    expect(await running).toBe(1);
    expect((await getSubmission(h.db, submission.id)).status).toBe('succeeded');
  });

  it('after the grace period a running job goes back to the queue and a later worker completes it once', async () => {
    const seed = await seedAssignment(h.db, { publicEpisodes: 1, privateEpisodes: 1, actTimeMs: 1000 });
    const { submission, job } = await submit(h, seed, 'js-agent', SLOW_CONTROLLER);
    const stop = new AbortController();
    const running = runWorkLoop({ db: h.db, blobs: h.blobs }, loopOptions(stop.signal, { graceMs: 100 }));
    await until(
      'the job to start',
      async () => (await getSubmission(h.db, submission.id)).status === 'running',
    );
    stop.abort();
    await running;
    expect(await getJob(h.db, job.id)).toMatchObject({ status: 'queued', lockToken: null });
    const s = await getSubmission(h.db, submission.id);
    expect(s.status).toBe('running');
    expect(s.errorClass).toBeNull();
    expect(await evaluationHistory(h.db, submission.id)).toHaveLength(0);
    const stop2 = new AbortController();
    const again = runWorkLoop({ db: h.db, blobs: h.blobs }, loopOptions(stop2.signal));
    await until('the queue to drain', drained);
    stop2.abort();
    await again;
    expect(await getSubmission(h.db, submission.id)).toMatchObject({
      status: 'succeeded',
      privateScore: 500,
    });
    expect(await evaluationHistory(h.db, submission.id)).toHaveLength(2);
    expect(await getJob(h.db, job.id)).toMatchObject({ status: 'done', attempts: 2 });
  });

  it('a worker process killed mid-job: the job is retried after its lease and completes once', async () => {
    // 8 + 8 episodes of the slowed controller: a job long enough that the kill lands mid-job on any machine.
    const seed = await seedAssignment(h.db, { publicEpisodes: 8, privateEpisodes: 8, actTimeMs: 1000 });
    const { submission, job } = await submit(h, seed, 'js-agent', SLOW_CONTROLLER);
    const main = fileURLToPath(new URL('../src/main.ts', import.meta.url));
    const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', main, 'work'], {
      env: {
        PATH: process.env.PATH,
        DATABASE_URL: h.url,
        CRITIC_BLOB_DIR: h.blobDir,
        CRITIC_DB_MIGRATE_ON_START: 'false',
        CRITIC_GRADER_LEASE_MS: '3000',
        CRITIC_GRADER_POLL_MS: '100',
        CRITIC_GRADER_CONCURRENCY: '1',
      },
      stdio: 'ignore',
    });
    try {
      await until('the worker process to start the job', async () => {
        return (await getSubmission(h.db, submission.id)).status === 'running';
      });
      child.kill('SIGKILL');
      await new Promise((r) => child.once('exit', r));
    } finally {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    }
    expect((await getJob(h.db, job.id)).status).toBe('running');
    const stop = new AbortController();
    const rescue = runWorkLoop({ db: h.db, blobs: h.blobs }, loopOptions(stop.signal));
    await until('the queue to drain', drained);
    stop.abort();
    await rescue;
    expect(await getJob(h.db, job.id)).toMatchObject({ status: 'done', attempts: 2 });
    expect(await getSubmission(h.db, submission.id)).toMatchObject({
      status: 'succeeded',
      privateScore: 500,
    });
    expect(await evaluationHistory(h.db, submission.id)).toHaveLength(2);
  });
});
