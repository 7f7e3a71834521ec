import { getSubmission, submissionEvaluations } from '@critic/db';
import { loadPythonRuntime } from '@critic/runner';
import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { gradeSubmission } from '../src/grading/grade-submission';
import { seedAssignment, submit, submitAndGrade, useHarness } from './support/harness';

// Python agents through the whole grader: stored artifact, real Postgres, the real Python sandbox.

const h = useHarness();

const enc = (s: string) => new TextEncoder().encode(s);
const CONTROLLER = 'def act(obs):\n    return 1 if obs[2] + 0.5 * obs[3] > 0 else 0\n';

describe('gradeSubmission of python-agent submissions', () => {
  it('agent.py scores 500 everywhere, and the evaluation stores the Python runtime versions', async () => {
    const seed = await seedAssignment(h.db);
    const { outcome, submission } = await submitAndGrade(h, seed, 'python-agent', CONTROLLER);
    expect(outcome).toMatchObject({
      status: 'succeeded',
      verdict: 'ok',
      scores: { public: 500, private: 500 },
    });
    const evals = await submissionEvaluations(h.db, submission.id);
    expect(evals).toHaveLength(2);
    const rt = loadPythonRuntime();
    for (const e of evals) {
      expect(e.runtimeVersion).toBe(
        `python ${rt.pythonVersion} (numpy ${rt.packages.numpy}, torch ${rt.packages.torch}, jax ${rt.packages.jax}, jaxlib ${rt.packages.jaxlib}, gymnasium 1.3.0, mujoco 3.14.0, onnxruntime ${rt.packages.onnxruntime}, scipy ${rt.packages.scipy})`,
      );
    }
  }, 120_000);

  it('a zip with act_batch and a helper module scores 500', async () => {
    const seed = await seedAssignment(h.db);
    const zip = zipSync({
      'agent.py': enc(
        'from policy import choose\ndef act(obs):\n    return choose(obs)\ndef act_batch(b):\n    return [choose(o) for o in b]\n',
      ),
      'policy.py': enc('def choose(o):\n    return int(o[2] + 0.5 * o[3] > 0)\n'),
    });
    const { job } = await submit(h, seed, 'python-agent', zip);
    const outcome = await gradeSubmission(job.payload, { db: h.db, blobs: h.blobs });
    expect(outcome).toMatchObject({ status: 'succeeded', scores: { public: 500, private: 500 } });
  }, 120_000);

  it('a failing agent ends with its verdict, its own frames and its console output', async () => {
    const seed = await seedAssignment(h.db);
    const source =
      'def helper(obs):\n    print("thinking about", len(obs))\n    return obs[99]\ndef act(obs):\n    return helper(obs)\n';
    const { outcome, submission } = await submitAndGrade(h, seed, 'python-agent', source);
    expect(outcome).toMatchObject({ status: 'failed', verdict: 'runtime_error' });
    const s = await getSubmission(h.db, submission.id);
    expect(s.errorClass).toBe('runtime_error');
    expect(s.errorMessage).toMatch(/act\(\) raised IndexError: index 99 is out of bounds/);
    expect(s.errorMessage).toMatch(
      /File "agent\.py", line 5, in act\n.*\n {2}File "agent\.py", line 3, in helper/,
    );
    expect(s.errorMessage).not.toMatch(/critic_sandbox|child\.py|site-packages/);
    expect(s.consoleOutput).toContain('thinking about 4');
  }, 120_000);

  it('an agent importing a package the runtime lacks is invalid_artifact', async () => {
    const seed = await seedAssignment(h.db);
    const { job } = await submit(h, seed, 'python-agent', 'import tensorflow\ndef act(obs):\n    return 0\n');
    const outcome = await gradeSubmission(job.payload, { db: h.db, blobs: h.blobs });
    expect(outcome).toMatchObject({ status: 'failed', verdict: 'invalid_artifact' });
    expect(outcome.message).toMatch(/imports `tensorflow`/);
  }, 120_000);
});
