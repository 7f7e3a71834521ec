import { createHash } from 'node:crypto';
import { getSubmission, listEpisodes, submissionEvaluations } from '@critic/db';
import { checkCustomEnv, openCustomEnv, renderTrajectory } from '@critic/runner';
import { LINE_WALK, LINE_WALK_TS } from '@critic/runner/testing';
import { describe, expect, it } from 'vitest';
import { gradeSubmission } from '../src/grading/grade-submission';
import { approvedCustomEnvProject } from './support/custom-env-project';
import { submit, submitAndGrade, useHarness } from './support/harness';

const h = useHarness();

// Always walks right: from start x the goal at 10 is reached after 10 − x steps, return −(9 − x) + 10 = x + 1.
const WALK_RIGHT = 'export function act(obs: number[]): number { return 1; }';

async function readJson(sha: string): Promise<{ env: string; seed: number; actions: number[] }> {
  const chunks: Buffer[] = [];
  for await (const c of await h.blobs.get(sha)) chunks.push(c as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString('utf8'));
}

/** A course whose team's approved project runs in a custom env made from `source` (checked unless told not to). */
async function projectInCustomEnv(source: string, check = true) {
  const report = check ? await checkCustomEnv({ source }) : { passed: true, checks: [] };
  const seed = await approvedCustomEnvProject(h, source, {
    report,
    publicEpisodes: 3,
    privateEpisodes: 5,
    baselines: false,
  });
  return { ...seed, report };
}

describe('grading in a custom env', () => {
  it('a checked env is accepted and an agent is graded in it end to end: returns by hand, replays by its render', async () => {
    const seed = await projectInCustomEnv(LINE_WALK);
    expect(seed.report.passed).toBe(true);
    expect(seed.assignment.customEnvId).not.toBeNull();
    const { outcome, submission } = await submitAndGrade(h, seed, 'js-agent', WALK_RIGHT);
    expect(outcome).toMatchObject({ status: 'succeeded', verdict: 'ok' });
    expect((await getSubmission(h.db, submission.id)).progressDone).toBe(8);
    const evals = await submissionEvaluations(h.db, submission.id);
    const priv = evals.find((e) => e.split === 'private')!;
    // A custom env's version is the hash of its source: the content that defines its dynamics.
    expect(priv.envVersion).toBe(
      `custom/line-walk@sha256:${createHash('sha256').update(LINE_WALK).digest('hex')}`,
    );
    const episodes = await listEpisodes(h.db, priv.id);
    expect(episodes).toHaveLength(5);
    // The start position of each seed, read from the env itself: return x + 1 in 10 − x steps.
    const env = await openCustomEnv({ source: LINE_WALK }, {});
    const starts: number[] = [];
    for (const e of episodes) starts.push((await env.reset([e.seed]))[0]!);
    await env.close();
    expect(episodes.map((e) => [e.return, e.length, e.terminated])).toEqual(
      starts.map((x) => [x + 1, 10 - x, true]),
    );
    expect(priv.mean).toBeCloseTo(starts.reduce((s, x) => s + x + 1, 0) / starts.length, 12);
    // The stored trajectory replays through the env's own render: one frame per state, ending at the goal.
    const t = await readJson(episodes[0]!.trajectoryKey!);
    expect(t.env).toBe('custom/line-walk');
    const frames = await renderTrajectory({ source: LINE_WALK }, t.seed, t.actions);
    expect(frames).toHaveLength(t.actions.length + 1);
    expect((frames.at(-1)!.shapes[1] as { center: [number, number] }).center[0]).toBe(10);
  });

  it('a TypeScript env (checked as env.ts) is graded as TypeScript too', async () => {
    const report = await checkCustomEnv({ source: LINE_WALK_TS, filename: 'env.ts' });
    expect(report.passed).toBe(true);
    const seed = await approvedCustomEnvProject(h, LINE_WALK_TS, {
      report,
      publicEpisodes: 2,
      privateEpisodes: 2,
      baselines: false,
    });
    const { job } = await submit(h, seed, 'js-agent', WALK_RIGHT);
    const outcome = await gradeSubmission(job.payload, { db: h.db, blobs: h.blobs });
    expect(outcome).toMatchObject({ status: 'succeeded', verdict: 'ok' });
  });

  it('an env that breaks during grading fails the submission as runtime_error naming the env', async () => {
    const broken = LINE_WALK.replace(
      'step(action) {',
      'step(action) { if (x >= 3) throw new RangeError("off the map");',
    );
    const seed = await projectInCustomEnv(broken, false);
    const { job } = await submit(h, seed, 'js-agent', WALK_RIGHT);
    const outcome = await gradeSubmission(job.payload, { db: h.db, blobs: h.blobs });
    expect(outcome).toMatchObject({
      status: 'failed',
      verdict: 'runtime_error',
      message:
        'the environment custom/line-walk failed (a fault of the environment, not of the agent): step() threw RangeError: off the map',
    });
  });
});
