import { join } from 'node:path';
import { encodeOnnxMlp } from '@critic/runner';
import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { critic, runCli, tempFiles } from './run-cli';

/** Logits [0, θ + 0.5·θ̇]: argmax is the balancing controller. */
function balancingOnnx(): Uint8Array {
  const weight = new Float32Array(8);
  weight[2 * 2 + 1] = 1;
  weight[3 * 2 + 1] = 0.5;
  return encodeOnnxMlp([{ inSize: 4, outSize: 2, weight, bias: new Float32Array(2), activation: 'linear' }]);
}

describe('critic eval of a .zip and reruns', () => {
  it('a zip holding one .onnx is run as ONNX', async () => {
    const dir = tempFiles({ 'submission.zip': zipSync({ 'policy.onnx': balancingOnnx() }) });
    const run = await critic`eval ${join(dir, 'submission.zip')} --env CartPole-v1 --episodes 2`;
    expect(run.stderr).not.toContain('critic eval:');
    expect(run.stdout).toMatch(/mean\s+500 ± 0/);
  });

  it('a folder holding policy.onnx and critic.json is run as ONNX with that manifest', async () => {
    const dir = tempFiles({
      'policy.onnx': balancingOnnx(),
      'critic.json': '{"env":"CartPole-v1","policy":"argmax"}',
    });
    const run = await critic`eval ${dir} --env CartPole-v1 --episodes 2`;
    expect(run.stderr).not.toContain('critic eval:');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/mean\s+500 ± 0/);
    // The manifest is read: one naming another env is refused.
    const wrongEnv = tempFiles({
      'policy.onnx': balancingOnnx(),
      'critic.json': '{"env":"Pendulum-v1","policy":"argmax"}',
    });
    const refused = await critic`eval ${wrongEnv} --env CartPole-v1 --episodes 2`;
    expect(refused.code).toBe(1);
    expect(refused.stdout + refused.stderr).toMatch(/Pendulum-v1/);
  });

  it('a zip escaping its folder is refused as invalid_artifact (exit 1)', async () => {
    const zip = zipSync({ '../model.json': new TextEncoder().encode('{}') });
    const dir = tempFiles({ 'submission.zip': zip });
    const run = await critic`eval ${join(dir, 'submission.zip')} --env CartPole-v1 --format tfjs-layers`;
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('critic eval: invalid_artifact');
  });

  it('the same agent on the same seeds gives bit-identical JSON on rerun (an agent whose returns vary)', async () => {
    // A deterministic but score-varying agent: pushes by the sign of the cart velocity.
    const dir = tempFiles({ 'agent.js': 'export function act(obs) { return obs[1] > 0 ? 0 : 1; }\n' });
    const args = ['eval', join(dir, 'agent.js'), '--env', 'CartPole-v1', '--episodes', '8', '--json'];
    const first = await runCli(args);
    const second = await runCli(args);
    expect(first.code).toBe(0);
    expect(second.stdout).toBe(first.stdout);
    const report = JSON.parse(first.stdout) as { stats: { min: number; max: number } };
    expect(report.stats.max).toBeLessThan(500);
  });
});
