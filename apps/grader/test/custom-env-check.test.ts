import { createCustomEnv, getCustomEnv } from '@critic/db';
import { getJob } from '@critic/db/queue';
import { BROKEN_ENVS, LINE_WALK } from '@critic/runner/testing';
import { describe, expect, it } from 'vitest';
import { runWorkLoop } from '../src/worker/work-loop';
import { seedAssignment, useHarness } from './support/harness';
import { sandboxChildren } from './support/sandbox-children';
import { gradeQueueDrained, testLoopOptions, until } from './support/work-loop';

const h = useHarness();

/** Stores an env module as an upload does (the web route stores it and queues its check, nothing more). */
async function upload(seed: Awaited<ReturnType<typeof seedAssignment>>, name: string, source: string) {
  const blob = await h.blobs.put(new TextEncoder().encode(source));
  return createCustomEnv(h.db, {
    courseId: seed.course.id,
    teamId: seed.team.id,
    envId: `custom/${name}`,
    sourceSha256: blob.sha256,
    maxEpisodeSteps: 50,
    uploadedBy: seed.student.id,
  });
}

/** One env-check worker, as the grader runs it (concurrency 1). */
const envCheckLoop = (stop: AbortSignal) => testLoopOptions(stop, { concurrency: 1, workerId: 'env-check' });

async function drain(): Promise<void> {
  const stop = new AbortController();
  const running = runWorkLoop({ db: h.db, blobs: h.blobs }, envCheckLoop(stop.signal));
  await until('the queue to drain', () => gradeQueueDrained(h.db));
  stop.abort();
  await running;
}

describe('a custom env is checked by a grader job, never in the web tier', () => {
  it('queued at upload, then refused with the exact reason or accepted by the worker', async () => {
    const seed = await seedAssignment(h.db);
    const nan = await upload(seed, 'nan-v0', BROKEN_ENVS.nanReward);
    const loop = await upload(seed, 'loop-v0', BROKEN_ENVS.infiniteStep);
    const good = await upload(seed, 'line-walk', LINE_WALK);
    for (const e of [nan, loop, good]) expect([e.status, e.report]).toEqual(['queued', null]);
    await drain();
    const nanRow = await getCustomEnv(h.db, nan.id);
    expect(nanRow.status).toBe('rejected');
    expect(nanRow.report!.checks.find((c) => !c.passed)).toEqual({
      name: 'reward-finite',
      passed: false,
      message: expect.stringMatching(
        /^step 0 of the random rollout: step\([01]\) returned reward NaN; rewards must be finite numbers$/,
      ),
    });
    const loopRow = await getCustomEnv(h.db, loop.id);
    expect(loopRow.status).toBe('rejected');
    expect(loopRow.report!.checks.filter((c) => !c.passed)).toEqual([
      {
        name: 'time_limit',
        passed: false,
        message: 'step() ran longer than its time limit (100 ms per call)',
      },
    ]);
    const goodRow = await getCustomEnv(h.db, good.id);
    expect(goodRow.status).toBe('accepted');
    expect(goodRow.report!.checks.length).toBeGreaterThan(3);
    expect(goodRow.report!.checks.every((c) => c.passed)).toBe(true);
  });

  it('shows running while the worker checks it; a sandbox killed mid-check is retried, then the env is accepted', async () => {
    const seed = await seedAssignment(h.db);
    const env = await upload(seed, 'line-walk', LINE_WALK);
    const [job] = await h.sql<
      { id: number }[]
    >`select id from jobs where payload->>'customEnvId' = ${env.id}`;
    const stop = new AbortController();
    const running = runWorkLoop({ db: h.db, blobs: h.blobs }, envCheckLoop(stop.signal));
    let killed = false;
    let sawRunning = false;
    for (;;) {
      const row = await getCustomEnv(h.db, env.id);
      if (row.status === 'running') sawRunning = true;
      const child = sandboxChildren()[0];
      if (!killed && row.status === 'running' && child !== undefined) {
        process.kill(child, 'SIGKILL');
        killed = true;
      }
      if (row.status === 'accepted' || row.status === 'rejected') break;
      await new Promise((r) => setTimeout(r, 10));
    }
    stop.abort();
    await running;
    expect(sawRunning).toBe(true);
    expect((await getCustomEnv(h.db, env.id)).status).toBe('accepted');
    expect(killed).toBe(true);
    expect(await getJob(h.db, job!.id)).toMatchObject({ status: 'done', attempts: 2 });
  });
});
