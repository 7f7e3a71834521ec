import { getSubmission, listEpisodes, submissionEvaluations } from '@critic/db';
import { checkPythonEnv, pythonEnvCustomReport } from '@critic/runner';
import { describe, expect, it } from 'vitest';
import { gradeSubmission } from '../src/grading/grade-submission';
import { approvedCustomEnvProject } from './support/custom-env-project';
import { submit, useHarness } from './support/harness';

const h = useHarness();

/** A line walk as a Gymnasium env: start x in [0, 5) from the seed, +1 per step right, goal 10 pays 10. */
const LINE_WALK_PY = `
import numpy as np
import gymnasium as gym

class LineWalk(gym.Env):
    def __init__(self):
        self.observation_space = gym.spaces.Box(0.0, 10.0, (1,), np.float32)
        self.action_space = gym.spaces.Discrete(2)

    def reset(self, *, seed=None, options=None):
        super().reset(seed=seed)
        self.x = int(self.np_random.integers(0, 5))
        return np.array([self.x], dtype=np.float32), {}

    def step(self, action):
        self.x = min(10, max(0, self.x + (1 if action == 1 else -1)))
        done = self.x == 10
        return np.array([self.x], dtype=np.float32), 10.0 if done else -1.0, done, False, {}
`;

const enc = (s: string) => new TextEncoder().encode(s);

describe("grading in a group's Python env (env.py)", () => {
  it('checked by check_env, then an agent is graded in it (stored versions), and a hostile env is blamed', async () => {
    const report = pythonEnvCustomReport(await checkPythonEnv({ 'env.py': enc(LINE_WALK_PY) }));
    expect(report).toMatchObject({
      passed: true,
      observationSpace: { type: 'Box', shape: [1], low: [0], high: [10] },
      actionSpace: { type: 'Discrete', n: 2, start: 0 },
    });
    const seed = await approvedCustomEnvProject(h, LINE_WALK_PY, {
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

    const hostile = LINE_WALK_PY.replace(
      '    def step(self, action):\n',
      '    def step(self, action):\n        while True:\n            pass\n',
    );
    const bad = await approvedCustomEnvProject(h, hostile, {
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
