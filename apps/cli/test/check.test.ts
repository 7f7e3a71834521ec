import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { critic, tempFiles } from './run-cli';

// G_t = r_t + γ·(1 − d_t)·G_{t+1}, written here as a student would.
const correct = `export function discountedReturn(rewards: number[], dones: number[], gamma: number): number[] {
  const out = new Array<number>(rewards.length);
  let next = 0;
  for (let t = rewards.length - 1; t >= 0; t--) {
    next = rewards[t] + (dones[t] === 1 ? 0 : gamma * next);
    out[t] = next;
  }
  return out;
}
`;

// The classic mistake: the sum runs across episode boundaries.
const ignoresDones = `export function discountedReturn(rewards, dones, gamma) {
  const out = [];
  let next = 0;
  for (let t = rewards.length - 1; t >= 0; t--) {
    next = rewards[t] + gamma * next;
    out[t] = next;
  }
  return out;
}
`;

describe('critic check', () => {
  it('passes a correct discounted return on its visible cases (exit 0) with a progress bar', async () => {
    const dir = tempFiles({ 'homework.ts': correct });
    const run =
      await critic`check ${join(dir, 'homework.ts')} --homework hw1-returns --only discountedReturn`;
    expect(run.stdout).toMatch(/PASS discounted-return \(discountedReturn\): 3\/3 visible cases/);
    expect(run.stdout).toContain('adds hidden cases');
    expect(run.stderr).toContain('3/3 cases');
    expect(run.code).toBe(0);
  });

  it('fails a discounted return that ignores dones and names the mistake, with expected and got (exit 1)', async () => {
    const dir = tempFiles({ 'homework.js': ignoresDones });
    const run =
      await critic`check ${join(dir, 'homework.js')} --homework hw1-returns --only discounted-return --seed 7`;
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('FAIL discounted-return');
    expect(run.stdout).toContain('without resetting at episode ends');
    expect(run.stdout).toMatch(/diagnosis: .*without resetting at episode ends/);
    expect(run.stdout).toMatch(/expected: \[/);
    expect(run.stdout).toMatch(/got: {6}\[/);
    expect(run.stdout).toContain('dones = [');
  });

  it('--json carries every visible case with its verdict', async () => {
    const dir = tempFiles({ 'homework.js': ignoresDones });
    const run =
      await critic`check ${join(dir, 'homework.js')} --homework hw1-returns --only discountedReturn --json`;
    const out = JSON.parse(run.stdout) as {
      allPassed: boolean;
      checks: { checkId: string; results: { visible: boolean; verdict: string; mistakeId?: string }[] }[];
    };
    expect(out.allPassed).toBe(false);
    expect(out.checks.map((c) => c.checkId)).toEqual(['discounted-return']);
    expect(out.checks[0]!.results.every((r) => r.visible)).toBe(true);
    expect(out.checks[0]!.results.some((r) => r.mistakeId === 'no-reset-at-done')).toBe(true);
  });

  it('without --only a module missing homework functions is invalid_artifact naming them (exit 1)', async () => {
    const dir = tempFiles({ 'homework.ts': correct });
    const run = await critic`check ${join(dir, 'homework.ts')} --homework hw1-returns`;
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/critic check: invalid_artifact: .*tdTarget/);
    expect(run.stderr).toContain('--only');
  });

  it('an unknown homework id is a usage error listing the known ids', async () => {
    const dir = tempFiles({ 'homework.ts': correct });
    const run = await critic`check ${join(dir, 'homework.ts')} --homework hw9-nothing`;
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('unknown homework id "hw9-nothing"');
    expect(run.stderr).toMatch(/hw1-returns, hw2-policy-gradient, hw3-ppo/);
  });

  it('--only outside the homework lists its checks; --list shows homeworks and their functions', async () => {
    const dir = tempFiles({ 'homework.ts': correct });
    const only = await critic`check ${join(dir, 'homework.ts')} --homework hw3-ppo --only gae`;
    expect(only.code).toBe(2);
    expect(only.stderr).toContain('is not a check of hw3-ppo');
    const list = await critic`check --list`;
    expect(list.code).toBe(0);
    expect(list.stdout).toContain('hw1-returns');
    expect(list.stdout).toContain(
      'export function discountedReturn(rewards: number[], dones: number[], gamma: number): number[]',
    );
    expect(list.stdout).toContain('def discounted_returns(rewards, dones, gamma)');
    expect(list.stdout).toContain('def gae(rewards, values, next_values, terminated, truncated, gamma, lam)');
  });
});

const PY_FIXTURES = join(import.meta.dirname, '../../../packages/runner/test/fixtures/python-homework');

describe('critic check with a Python module', () => {
  it('passes a correct numpy hw1.py on every visible case in the Python sandbox (exit 0)', {
    timeout: 120_000,
  }, async () => {
    const run = await critic`check ${join(PY_FIXTURES, 'numpy/hw1.py')} --homework hw1-returns`;
    expect(run.stderr).toContain('15/15 cases');
    expect(run.stdout).toMatch(/PASS discounted-return \(discounted_returns\): 3\/3 visible cases/);
    expect(run.stdout).toMatch(/PASS gae \(gae\): 3\/3 visible cases/);
    expect(run.stdout).toContain('15/15 visible cases passed');
    expect(run.code).toBe(0);
  });

  it('fails a torch TD target that bootstraps through terminal steps, naming the mistake with Python argument names (exit 1)', {
    timeout: 120_000,
  }, async () => {
    const run =
      await critic`check ${join(PY_FIXTURES, 'mistakes/bootstrap_terminal.py')} --homework hw1-returns --only td_targets --seed 4`;
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('FAIL td-target (td_targets)');
    expect(run.stdout).toContain('bootstrap from V(s′) at terminal steps');
    expect(run.stdout).toMatch(/ {7}next_values = \[/);
  });

  it('refuses a module without the homework’s functions, naming them (exit 1)', {
    timeout: 120_000,
  }, async () => {
    const run = await critic`check ${join(PY_FIXTURES, 'numpy/hw1.py')} --homework hw3-ppo`;
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(
      /invalid_artifact: homework\.py does not define ppo_kl_penalty_loss\(\), ppo_clip_loss\(\), ppo_clip_kl_entropy_loss\(\)/,
    );
  });

  it('--unsandboxed runs a .py module without bubblewrap (for a machine without it), graded the same', {
    timeout: 120_000,
  }, async () => {
    const run = await critic`check ${join(PY_FIXTURES, 'jax/hw3.py')} --homework hw3-ppo --unsandboxed`;
    expect(run.stdout).toContain('9/9 visible cases passed');
    expect(run.code).toBe(0);
  });
});
