import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  actionSpecOf,
  EVALUATION_DEFAULTS,
  evaluatePolicy,
  evaluationSeed,
  loadPolicy,
  type PolicyArtifacts,
} from '@critic/core';
import { makeVec } from '@critic/envs';
import { afterAll, describe, expect, it } from 'vitest';
import { critic, runCli } from '../../test/run-cli';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'critic-train-'));
  dirs.push(d);
  return d;
}

function readArtifacts(dir: string): PolicyArtifacts {
  const bin = readFileSync(join(dir, 'weights.bin'));
  return {
    modelJson: JSON.parse(readFileSync(join(dir, 'model.json'), 'utf8')),
    weightData: bin.buffer.slice(bin.byteOffset, bin.byteOffset + bin.byteLength),
    manifest: JSON.parse(readFileSync(join(dir, 'critic.json'), 'utf8')),
  };
}

describe('critic train', () => {
  it('trains PPO on CartPole and writes metrics, a learning curve and a loadable policy', async () => {
    const out = tempDir();
    const r = await critic`train ppo --env CartPole-v1 --steps 768 --seed 1 --out ${out}`;
    expect(r.stderr).toMatch(/ppo on CartPole-v1, 8 envs, 768 steps, seed 1/);
    expect(r.stderr).toMatch(/100% 768\/768 steps/);
    expect(r.code).toBe(0);
    for (const f of ['metrics.jsonl', 'learning-curve.svg', 'model.json', 'weights.bin', 'critic.json']) {
      expect(existsSync(join(out, f))).toBe(true);
    }
    const lines = readFileSync(join(out, 'metrics.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.some((l) => typeof l['charts/episodic_return'] === 'number')).toBe(true);
    const updates = lines.filter((l) => 'losses/policy_loss' in l);
    expect(updates.map((l) => l.step)).toEqual([256, 512, 768]);
    const svg = readFileSync(join(out, 'learning-curve.svg'), 'utf8');
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toMatch(/<path d="M/);
    expect(svg).toMatch(/threshold 475/);
    const policy = await loadPolicy(readArtifacts(out));
    expect(policy.manifest).toEqual({ env: 'CartPole-v1', policy: 'argmax' });
    const actions = policy.act(new Float32Array(8), 2);
    for (const a of actions) expect([0, 1]).toContain(a);
    policy.dispose();
  }, 60_000);

  it('evaluates during training and exports the best evaluated policy', async () => {
    const out = tempDir();
    const r = await critic`train ppo --steps 4096 --seed 2 --eval-every 1024 --eval-episodes 3 --out ${out}`;
    expect(r.code).toBe(0);
    const evals = readFileSync(join(out, 'metrics.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l))
      .filter((l) => 'eval/mean_return' in l);
    expect(evals.map((l) => l.step)).toEqual([1024, 2048, 3072, 4096]);
    const best = Math.max(...evals.map((l) => l['eval/mean_return'] as number));
    const first = evals.find((l) => l['eval/mean_return'] === best)!;
    expect(r.stderr).toContain(
      `exported the best evaluated policy: step ${first.step}, mean return ${best.toFixed(1)} over 3 episodes`,
    );
    // the exported policy replays the best evaluation's episodes to the same mean return
    const policy = await loadPolicy(readArtifacts(out));
    const env = makeVec('CartPole-v1', EVALUATION_DEFAULTS.numEnvs);
    const replay = evaluatePolicy(env, (o, n) => policy.act(o, n), {
      episodes: 3,
      seed: evaluationSeed(2),
      action: actionSpecOf(env.singleActionSpace),
    });
    expect(replay.meanReturn).toBe(best);
    policy.dispose();
  }, 120_000);

  it('is reproducible: the same seed writes the same weights', async () => {
    const a = tempDir();
    const b = tempDir();
    const args = ['train', 'a2c', '--steps', '400', '--seed', '3', '--num-envs', '2'];
    expect((await runCli([...args, '--out', a])).code).toBe(0);
    expect((await runCli([...args, '--out', b])).code).toBe(0);
    expect(readFileSync(join(a, 'weights.bin')).equals(readFileSync(join(b, 'weights.bin')))).toBe(true);
  }, 60_000);

  it('refuses unknown algorithms, envs, flags and bad values with exit code 2', async () => {
    const cases: [string[], RegExp][] = [
      [['train', 'sac'], /unknown algorithm "sac"; expected one of ppo, a2c, dqn, reinforce/],
      [['train', 'ppo', '--env', 'CartPole-v9'], /Unknown env id "CartPole-v9" \(did you mean "CartPole-v1"/],
      [['train', 'ppo', '--lr', '3'], /Unknown option '--lr'.*known options: --env/],
      [['train', 'ppo', '--steps', '1e5'], /--steps must be an integer ≥ 1, found "1e5"/],
      [['train', 'ppo', '--seed', '-1'], /Option '--seed' argument is ambiguous/],
      [
        ['train', 'ppo', '--config', '{"gamma": 2}'],
        /PPO config: gamma must be a number in \[0, 1\], found 2/,
      ],
      [['train', 'dqn', '--env', 'Pendulum-v1'], /Discrete action space, found a Box/],
      [['train'], /expected one algorithm/],
      [['fly'], /unknown command "fly"/],
    ];
    for (const [args, message] of cases) {
      const r = await runCli([...args, '--out', tempDir()]);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(message);
    }
  }, 60_000);

  it('prints help', async () => {
    const r = await critic`train --help`;
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Usage: critic train <algorithm>/);
  });
});
