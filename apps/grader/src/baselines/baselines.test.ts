import {
  BASELINE_QUEUE,
  baselineRows,
  enqueueBaselineJobs,
  evaluationHistory,
  GRADE_QUEUE,
  getLearningCurve,
  getSubmission,
  listEpisodes,
} from '@critic/db';
import { getJob, type Job, queueDepth } from '@critic/db/queue';
import { checkCustomEnv, checkPythonEnv, pythonEnvCustomReport } from '@critic/runner';
import {
  LINE_WALK,
  LINE_WALK_TS,
  WALK_ENV_PY,
  walkEnvFiles,
  walkEnvPyStepping,
  walkEnvZip,
} from '@critic/runner/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { approvedCustomEnvProject } from '../../test/support/custom-env-project';
import { type Harness, openHarness, seedAssignment } from '../../test/support/harness';
import { runWorkLoop } from '../worker/work-loop';
import { type BaselineJobEnd, runBaselineJob } from './run-baseline-job';

let h: Harness;
beforeAll(async () => {
  h = await openHarness();
});
afterAll(async () => {
  await h?.close();
});

async function queueEmpty(queue: string): Promise<boolean> {
  const d = await queueDepth(h.db, queue);
  return d.ready + d.delayed + d.running === 0;
}

/** Runs a baseline worker and a grading worker until both queues are empty; returns the baseline jobs' ends. */
async function work(deadlineMs = 60_000): Promise<BaselineJobEnd[]> {
  const stop = new AbortController();
  const ends: BaselineJobEnd[] = [];
  const common = { workerId: 'test', leaseMs: 5_000, pollMs: 50, stop: stop.signal, graceMs: 30_000 };
  const loops = Promise.all([
    runWorkLoop(
      { db: h.db, blobs: h.blobs },
      {
        ...common,
        queue: BASELINE_QUEUE,
        concurrency: 1,
        handle: async (job: Job, deps, o) => {
          const end = await runBaselineJob(job, deps, o);
          ends.push(end);
          return end;
        },
      },
    ),
    runWorkLoop({ db: h.db, blobs: h.blobs }, { ...common, queue: GRADE_QUEUE, concurrency: 2 }),
  ]);
  const deadline = Date.now() + deadlineMs;
  // A baseline job enqueues a grading job in the transaction that completes it, so both empty means done.
  while (!((await queueEmpty(BASELINE_QUEUE)) && (await queueEmpty(GRADE_QUEUE)))) {
    if (Date.now() > deadline) throw new Error('timed out waiting for the baseline and grade queues');
    await new Promise((r) => setTimeout(r, 50));
  }
  stop.abort();
  await loops;
  return ends;
}

const made = (ends: BaselineJobEnd[]) =>
  ends.flatMap((e) => (e.kind === 'made' ? [e] : [])).sort((a, b) => a.baseline.localeCompare(b.baseline));

describe('baseline jobs', () => {
  it('random: a seeded js-agent, graded like any agent; the same seed makes the same module and scores', async () => {
    const seed = await seedAssignment(h.db, { publicEpisodes: 6, privateEpisodes: 6 });
    const enqueue = () =>
      enqueueBaselineJobs(h.db, seed.assignment.id, {
        requestedBy: seed.instructor.id,
        kinds: ['random'],
        seed: 3,
      });
    await enqueue();
    await enqueue();
    const ends = made(await work());
    expect(ends).toHaveLength(2);
    const [a, b] = await Promise.all(ends.map((e) => getSubmission(h.db, e.submissionId)));
    expect(a).toMatchObject({ status: 'succeeded', baseline: 'random', teamId: null, format: 'js-agent' });
    expect(b!.artifactSha256).toBe(a!.artifactSha256);
    expect(b!.privateScore).toBe(a!.privateScore);
    // Random CartPole play: episodes of about 10-50 steps, not all alike (each episode has its own stream).
    const [evaluation] = (await evaluationHistory(h.db, a!.id)).filter((e) => e.split === 'private');
    expect(evaluation!.mean).toBeGreaterThan(8);
    expect(evaluation!.mean).toBeLessThan(80);
    expect(evaluation!.std).toBeGreaterThan(0);
    const rows = await baselineRows(h.db, { assignmentId: seed.assignment.id, split: 'private' });
    expect(rows.map((r) => [r.baseline, r.n, r.score])).toEqual([['random', 6, a!.privateScore]]);
  });

  it('random on a Box action space (Pendulum) stays inside the bounds, so it is graded, not refused', async () => {
    const seed = await seedAssignment(h.db, { envId: 'Pendulum-v1', publicEpisodes: 2, privateEpisodes: 2 });
    await enqueueBaselineJobs(h.db, seed.assignment.id, {
      requestedBy: seed.instructor.id,
      kinds: ['random'],
    });
    const [end] = made(await work());
    const s = await getSubmission(h.db, end!.submissionId);
    expect(s).toMatchObject({ status: 'succeeded', errorClass: null });
    // Random torques on Pendulum lose roughly 900-1700 per 200-step episode.
    expect(s.privateScore).toBeLessThan(-500);
  });

  it('random on a Python-backed env (Hopper-v5, real Gymnasium + MuJoCo): graded in the sandbox, versions stored', async () => {
    const seed = await seedAssignment(h.db, { envId: 'Hopper-v5', publicEpisodes: 2, privateEpisodes: 3 });
    await enqueueBaselineJobs(h.db, seed.assignment.id, {
      requestedBy: seed.instructor.id,
      kinds: ['random'],
    });
    const ends = await work();
    const [random] = made(ends);
    expect(made(ends).map((e) => e.baseline)).toEqual(['random']);
    const s = await getSubmission(h.db, random!.submissionId);
    expect(s).toMatchObject({ status: 'succeeded', errorClass: null });
    const [evaluation] = (await evaluationHistory(h.db, s.id)).filter((e) => e.split === 'private');
    expect(evaluation!.n).toBe(3);
    expect(evaluation!.envVersion).toBe('gymnasium 1.3.0, numpy 2.4.6, mujoco 3.14.0');
    // Random Hopper falls within a few dozen steps: small positive returns, not all alike.
    expect(evaluation!.mean).toBeGreaterThan(0);
    expect(evaluation!.mean).toBeLessThan(200);
    expect(evaluation!.std).toBeGreaterThan(0);
  }, 180_000);

  it('ppo on InvertedPendulum-v5: trained by core through the Python env (synchronous pipe), graded in the sandbox', async () => {
    const seed = await seedAssignment(h.db, {
      envId: 'InvertedPendulum-v5',
      publicEpisodes: 2,
      privateEpisodes: 3,
    });
    await enqueueBaselineJobs(h.db, seed.assignment.id, {
      requestedBy: seed.instructor.id,
      kinds: ['ppo'],
      budgetSteps: 4096,
      seed: 2,
    });
    const [end] = made(await work());
    expect(end).toMatchObject({ baseline: 'ppo', format: 'tfjs-layers' });
    const s = await getSubmission(h.db, end!.submissionId);
    expect(s).toMatchObject({ status: 'succeeded', errorClass: null });
    // The training curve came from Gymnasium's episodes: InvertedPendulum pays 1 per balanced step.
    const curve = await getLearningCurve(h.db, s.id);
    expect(curve!.length).toBeGreaterThan(20);
    expect(
      curve!.every((p) => p.step > 0 && p.step <= 4096 && Number.isInteger(p.return) && p.return >= 0),
    ).toBe(true);
    const [evaluation] = (await evaluationHistory(h.db, s.id)).filter((e) => e.split === 'private');
    expect(evaluation!.envVersion).toBe('gymnasium 1.3.0, numpy 2.4.6, mujoco 3.14.0');
    expect(evaluation!.mean).toBeGreaterThan(0);
  }, 300_000);

  it('ppo with a tiny budget: trained in a child, stored as a tfjs-layers zip, graded on the board', async () => {
    const seed = await seedAssignment(h.db, { publicEpisodes: 3, privateEpisodes: 3 });
    await enqueueBaselineJobs(h.db, seed.assignment.id, {
      requestedBy: seed.instructor.id,
      kinds: ['ppo'],
      budgetSteps: 1024,
      seed: 5,
    });
    const [end] = made(await work());
    expect(end).toMatchObject({ baseline: 'ppo', format: 'tfjs-layers' });
    const s = await getSubmission(h.db, end!.submissionId);
    expect(s).toMatchObject({ status: 'succeeded', baseline: 'ppo', errorClass: null });
    const rows = await baselineRows(h.db, { assignmentId: seed.assignment.id, split: 'public' });
    expect(rows.map((r) => [r.baseline, r.n])).toEqual([['ppo', 3]]);
    expect(rows[0]!.score).toBeGreaterThan(0);
    // The training curve travels with it: episodes ended within the 1024 training steps.
    const curve = await getLearningCurve(h.db, s.id);
    expect(curve!.length).toBeGreaterThan(5);
    expect(curve!.every((p) => p.step > 0 && p.step <= 1024 && p.return >= 1)).toBe(true);
  });

  it('dqn on a Box action space can never work: the job is dead-lettered at once, naming the reason', async () => {
    const seed = await seedAssignment(h.db, { envId: 'Pendulum-v1', publicEpisodes: 1, privateEpisodes: 1 });
    const [job] = await enqueueBaselineJobs(h.db, seed.assignment.id, {
      requestedBy: seed.instructor.id,
      kinds: ['dqn'],
      budgetSteps: 100,
    });
    const ends = await work();
    expect(ends).toEqual([
      { kind: 'retry', status: 'dead', error: expect.stringMatching(/Discrete action space/) },
    ]);
    expect(await getJob(h.db, job!.id)).toMatchObject({ status: 'dead', attempts: 1 });
    expect(await baselineRows(h.db, { assignmentId: seed.assignment.id, split: 'public' })).toEqual([]);
  });
});

/**
 * A custom/line-walk project made from `source`, checked as LINE_WALK (so a source that breaks only
 * while stepping still has the good report and spaces); approval enqueues random and 1024-step PPO.
 */
async function approvedLineWalkProject(source: string) {
  const { assignment } = await approvedCustomEnvProject(h, source, {
    report: await checkCustomEnv({ source: LINE_WALK }),
    publicEpisodes: 3,
    privateEpisodes: 3,
    baselines: { kinds: ['random', 'ppo'], budgetSteps: 1024, seed: 5 },
  });
  return assignment;
}

async function readText(sha: string): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of await h.blobs.get(sha)) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** A Python walk project (env.py and goal.json zipped, `envPy` if given), checked as the clean walk. */
async function approvedWalkProject(
  envPy: string,
  baselines: { kinds: ('random' | 'ppo' | 'dqn')[]; budgetSteps: number; seed: number },
) {
  const report = pythonEnvCustomReport(await checkPythonEnv(walkEnvFiles(WALK_GOAL)));
  expect(report.passed).toBe(true);
  const { assignment } = await approvedCustomEnvProject(h, walkEnvZip(WALK_GOAL, envPy), {
    report,
    publicEpisodes: 2,
    privateEpisodes: 20,
    baselines,
    language: 'python',
  });
  return assignment;
}

/** The walk's goal: from a start in [0, 4), walking right arrives in 5 to 8 steps (return 3 to 6). */
const WALK_GOAL = 8;
const PPO_BUDGET = 4096;

describe("baseline jobs in a group's Python env (env.py)", () => {
  it('random, PPO and DQN: trained by core through env.py in the Python sandbox, graded there; PPO beats random clearly', async () => {
    const assignment = await approvedWalkProject(WALK_ENV_PY, {
      kinds: ['random', 'ppo', 'dqn'],
      budgetSteps: PPO_BUDGET,
      seed: 5,
    });
    const ends = made(await work(240_000));
    expect(ends.map((e) => [e.baseline, e.format])).toEqual([
      ['dqn', 'tfjs-layers'],
      ['ppo', 'tfjs-layers'],
      ['random', 'js-agent'],
    ]);
    // DQN takes the same path (its budget is too small to promise a score); PPO's is checked below.
    const [dqn, ppo, random] = await Promise.all(ends.map((e) => getSubmission(h.db, e.submissionId)));
    for (const s of [dqn!, ppo!, random!]) expect(s).toMatchObject({ status: 'succeeded', errorClass: null });
    expect(await readText(random!.artifactSha256)).toMatch(/uniform actions over Discrete\(2, start 0\)/);
    // The training curve came from env.py's episodes: −1 a step, +10 on arrival, cut at 40 steps.
    const curve = await getLearningCurve(h.db, ppo!.id);
    expect(curve!.length).toBeGreaterThan(20);
    expect(
      curve!.every(
        (p) =>
          p.step > 0 &&
          p.step <= PPO_BUDGET &&
          Number.isInteger(p.return) &&
          p.return >= -40 &&
          p.return <= 6,
      ),
    ).toBe(true);
    const rows = await baselineRows(h.db, { assignmentId: assignment.id, split: 'private' });
    expect(rows.map((r) => [r.baseline, r.n])).toEqual([
      ['dqn', 20],
      ['ppo', 20],
      ['random', 20],
    ]);
    const score = Object.fromEntries(rows.map((r) => [r.baseline, r.score!]));
    // PPO learned to walk right from every start: each private episode arrives, in 11 − return steps.
    const [ppoPrivate] = (await evaluationHistory(h.db, ppo!.id)).filter((e) => e.split === 'private');
    const episodes = await listEpisodes(h.db, ppoPrivate!.id);
    expect(episodes.map((e) => [e.terminated, e.return + e.length])).toEqual(episodes.map(() => [true, 11]));
    expect(score.ppo).toBeGreaterThanOrEqual(3);
    // A random walk mostly wanders until the 40-step cut: about −28 an episode (σ ≈ 15), so the mean
    // of 20 stays far below PPO's (above −14 in none of 20,000 simulated runs).
    expect(score.random).toBeLessThan(-10);
  }, 300_000);

  it('an env.py that throws, loops, exits or asks for too much memory while PPO trains fails its job, blamed on the env; the worker goes on', async () => {
    const hostile: [string, string, string][] = [
      [
        'throws',
        '        if self.x >= 3:\n            raise RuntimeError("off the map")',
        'env.step() raised RuntimeError: off the map',
      ],
      [
        'loops',
        '        while self.x >= 3:\n            pass',
        'env.step() used more than its CPU time limit of 10000 ms',
      ],
      [
        'exits',
        '        if self.x >= 3:\n            import os\n            os._exit(3)',
        'the Python process ended while running env.step(), without answering',
      ],
      [
        'asks for a terabyte',
        '        hog = bytearray(1 << 40)',
        'env.step() ran out of memory (the sandbox allows 4096 MiB of address space)',
      ],
    ];
    const assignments: string[] = [];
    for (const [, python] of hostile) {
      const a = await approvedWalkProject(walkEnvPyStepping(python), {
        kinds: ['ppo'],
        budgetSteps: 1024,
        seed: 5,
      });
      assignments.push(a.id);
    }
    const ends = await work(240_000);
    // Each job failed for good on its own env, and the one before did not stop the worker.
    expect(ends).toHaveLength(hostile.length);
    for (const [name, , message] of hostile) {
      expect(ends, name).toContainEqual({
        kind: 'retry',
        status: 'dead',
        error: expect.stringContaining(
          `training ppo on custom/line-walk for 1024 steps: the environment custom/line-walk failed (a fault of the environment, not of the agent): ${message}`,
        ),
      });
    }
    for (const assignmentId of assignments)
      expect(await baselineRows(h.db, { assignmentId, split: 'public' })).toEqual([]);
  }, 300_000);
});

describe('baseline jobs in a custom env', () => {
  it('approval of a custom-env project (a TypeScript module) makes a graded random baseline (its action space from the check report) and a graded PPO baseline', async () => {
    const assignment = await approvedLineWalkProject(LINE_WALK_TS);
    const ends = made(await work());
    expect(ends.map((e) => [e.baseline, e.format])).toEqual([
      ['ppo', 'tfjs-layers'],
      ['random', 'js-agent'],
    ]);
    const [ppo, random] = await Promise.all(ends.map((e) => getSubmission(h.db, e.submissionId)));
    for (const s of [ppo!, random!]) expect(s).toMatchObject({ status: 'succeeded', errorClass: null });
    // The random agent draws over the env's Discrete(2) action space, read from the stored report.
    expect(await readText(random!.artifactSha256)).toMatch(/uniform actions over Discrete\(2, start 0\)/);
    // Each step costs 1 and the goal pays 10, episodes are cut at 40 steps: returns lie in [-40, 10].
    const rows = await baselineRows(h.db, { assignmentId: assignment.id, split: 'private' });
    expect(rows.map((r) => [r.baseline, r.n])).toEqual([
      ['ppo', 3],
      ['random', 3],
    ]);
    for (const r of rows) {
      expect(r.score).toBeGreaterThanOrEqual(-40);
      expect(r.score).toBeLessThanOrEqual(10);
    }
    // PPO's training curve came from the sandboxed env: 8 envs × 128 steps, episodes of at most 40 steps.
    const curve = await getLearningCurve(h.db, ppo!.id);
    expect(curve!.length).toBeGreaterThan(8);
    expect(curve!.every((p) => p.step > 0 && p.step <= 1024 && p.return >= -40 && p.return <= 10)).toBe(true);
  });

  it('an env that throws while PPO trains dead-letters the job with a message naming the env; the worker goes on', async () => {
    const broken = LINE_WALK.replace(
      'step(action) {',
      'step(action) { if (x >= 3) throw new RangeError("off the map");',
    );
    const assignment = await approvedLineWalkProject(broken);
    const ends = await work();
    const failed = ends.filter((e) => e.kind !== 'made');
    expect(failed).toEqual([
      {
        kind: 'retry',
        status: 'dead',
        error: expect.stringContaining(
          'training ppo on custom/line-walk for 1024 steps: the environment custom/line-walk failed (a fault of the environment, not of the agent): step() threw RangeError: off the map',
        ),
      },
    ]);
    // The random baseline never runs the env's code in the worker: it is made, and its grading fails on the env.
    const rows = await baselineRows(h.db, { assignmentId: assignment.id, split: 'public' });
    expect(rows.map((r) => r.baseline)).not.toContain('ppo');
    expect(made(ends).map((e) => e.baseline)).toEqual(['random']);
  });
});
