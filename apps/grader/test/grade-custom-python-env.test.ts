import { getSubmission, listEpisodes, submissionEvaluations } from '@critic/db';
import { checkPythonEnv, pythonEnvCustomReport } from '@critic/runner';
import { walkEnvFiles, walkEnvPyStepping, walkEnvZip } from '@critic/runner/testing';
import { describe, expect, it } from 'vitest';
import { gradeSubmission } from '../src/grading/grade-submission';
import { approvedCustomEnvProject } from './support/custom-env-project';
import { submit, useHarness } from './support/harness';

const h = useHarness();

/** The walk fixture: start x in [0, 5) from the seed, +1 per step right, −1 a step, the goal at 10 pays 10. */
const GOAL = 10;

describe("grading in a group's Python env (env.py)", () => {
  it('checked by check_env, then an agent is graded in it (stored versions), and a hostile env is blamed', async () => {
    const report = pythonEnvCustomReport(await checkPythonEnv(walkEnvFiles(GOAL)));
    expect(report).toMatchObject({
      passed: true,
      observationSpace: { type: 'Box', shape: [1], low: [0], high: [10] },
      actionSpace: { type: 'Discrete', n: 2, start: 0 },
    });
    const seed = await approvedCustomEnvProject(h, walkEnvZip(GOAL), {
      report,
      publicEpisodes: 2,
      privateEpisodes: 3,
      baselines: false,
      language: 'python',
    });
    const { submission, job } = await submit(h, seed, 'js-agent', 'export function act() { return 1; }');
    expect(await gradeSubmission(job.payload, { db: h.db, blobs: h.blobs })).toMatchObject({
      status: 'succeeded',
      verdict: 'ok',
    });
    const priv = (await submissionEvaluations(h.db, submission.id)).find((e) => e.split === 'private')!;
    expect(priv.envVersion).toMatch(/^gymnasium 1\.3\.0, numpy /);
    // From start x: 10 − x steps, −1 each but the last pays 10: return 10 − (9 − x) = x + 1.
    for (const e of await listEpisodes(h.db, priv.id)) {
      expect(e.terminated).toBe(true);
      expect(e.return).toBe(11 - e.length);
    }
    expect((await getSubmission(h.db, submission.id)).status).toBe('succeeded');

    const hostile = walkEnvPyStepping('        while True:\n            pass');
    const bad = await approvedCustomEnvProject(h, walkEnvZip(GOAL, hostile), {
      report,
      publicEpisodes: 1,
      privateEpisodes: 1,
      baselines: false,
      language: 'python',
    });
    const second = await submit(h, bad, 'js-agent', 'export function act() { return 1; }');
    const outcome = await gradeSubmission(second.job.payload, { db: h.db, blobs: h.blobs });
    expect(outcome).toMatchObject({
      status: 'failed',
      verdict: 'runtime_error',
      message: expect.stringMatching(
        /^the environment custom\/line-walk failed \(a fault of the environment, not of the agent\)/,
      ),
    });
  }, 300_000);
});
