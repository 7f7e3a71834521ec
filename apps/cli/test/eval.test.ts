import { join } from 'node:path';
import { encodeOnnxMlp, publicSeeds } from '@critic/runner';
import { describe, expect, it } from 'vitest';
import { critic, tempFiles } from './run-cli';

const balancing = 'export function act(obs) { return obs[2] + 0.5 * obs[3] > 0 ? 1 : 0; }\n';

describe('critic eval', () => {
  it('scores the balancing controller 500 on every public CartPole-v1 episode, with progress on stderr', async () => {
    const dir = tempFiles({ 'agent.js': balancing });
    const run = await critic`eval ${join(dir, 'agent.js')} --env CartPole-v1 --episodes 5`;
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/mean\s+500 ± 0/);
    expect(run.stdout).toMatch(/IQM\s+500/);
    expect(run.stdout).toMatch(/min\s+500/);
    expect(run.stdout).toContain('0 terminated, 5 truncated');
    expect(run.stderr).toContain('5/5 episodes');
  });

  it('--json gives the statistics and the episodes of the published seeds of the key', async () => {
    const dir = tempFiles({ 'agent.ts': balancing });
    const run =
      await critic`eval ${join(dir, 'agent.ts')} --env CartPole-v1 --episodes 3 --seed-key assignment-42 --json`;
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as {
      seedKey: string;
      stats: { n: number; mean: number; std: number };
      episodes: { seed: number; return: number; actions?: unknown }[];
    };
    expect(report.seedKey).toBe('assignment-42');
    expect(report.stats).toMatchObject({ n: 3, mean: 500, std: 0 });
    expect(report.episodes.map((e) => e.seed)).toEqual(publicSeeds('assignment-42', 3));
    expect(report.episodes[0]?.actions).toBeUndefined();
  });

  it('runs an .onnx file of the same controller (argmax of [0, θ + 0.5·θ̇]) to the same score', async () => {
    const weight = new Float32Array(4 * 2);
    weight[2 * 2 + 1] = 1; // obs[2] → logit 1
    weight[3 * 2 + 1] = 0.5; // obs[3] → logit 1
    const model = encodeOnnxMlp([
      { inSize: 4, outSize: 2, weight, bias: new Float32Array(2), activation: 'linear' },
    ]);
    const dir = tempFiles({ 'policy.onnx': model });
    const run = await critic`eval ${join(dir, 'policy.onnx')} --env CartPole-v1 --episodes 3`;
    expect(run.stderr).not.toContain('critic eval:');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/mean\s+500 ± 0/);
  });

  it('an agent without act is invalid_artifact: exit 1 and a message naming the missing export', async () => {
    const dir = tempFiles({ 'agent.js': 'export const policy = 1;\n' });
    const run = await critic`eval ${join(dir, 'agent.js')} --env CartPole-v1 --episodes 2`;
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/critic eval: invalid_artifact: .*act/);
    expect(run.stdout).toBe('');
  });

  it('a throwing agent is runtime_error with the student stack', async () => {
    const source =
      'function deep(o) { throw new Error("no idea what to do with " + o.length); }\nexport function act(obs) { return deep(obs); }\n';
    const dir = tempFiles({ 'agent.js': source });
    const run = await critic`eval ${join(dir, 'agent.js')} --env CartPole-v1 --episodes 2`;
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('critic eval: runtime_error');
    expect(run.stderr).toContain('no idea what to do with 4');
    expect(run.stderr).toMatch(/deep/);
  });

  it('refuses bad arguments with exit 2 and says which', async () => {
    const dir = tempFiles({ 'agent.js': balancing });
    const agent = join(dir, 'agent.js');
    expect((await critic`eval ${agent}`).stderr).toContain('--env <id> is required');
    expect((await critic`eval ${agent} --env CartPole-v1 --episodes 0`).stderr).toContain(
      '--episodes must be an integer from 1 to 10000, got "0"',
    );
    const badFormat = await critic`eval ${agent} --env CartPole-v1 --format pickle`;
    expect(badFormat.code).toBe(2);
    expect(badFormat.stderr).toContain(
      '--format must be one of tfjs-layers, onnx, js-agent, python-agent, got "pickle"',
    );
    const missing = await critic`eval ${join(dir, 'nope.js')} --env CartPole-v1`;
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('does not exist');
    const unknownEnv = await critic`eval ${agent} --env CartPole-v9`;
    expect(unknownEnv.code).toBe(2);
    expect(unknownEnv.stderr).toContain('CartPole-v9');
  });
});
