import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { buildMlp, exportPolicy } from '@critic/core';
import { Rng } from '@critic/envs';
import { describe, expect, it } from 'vitest';
import { writePolicyFiles } from '../src/train/write-policy';
import { critic, tempFiles } from './run-cli';

/** A tfjs-layers policy computing logits [0, θ + 0.5·θ̇] (argmax: the balancing controller), written to disk. */
async function balancingModelDir(): Promise<string> {
  const mlp = buildMlp(
    {
      name: 'actor',
      inputSize: 4,
      hidden: [],
      outputSize: 2,
      activation: 'tanh',
      hiddenGain: 1,
      outputGain: 1,
    },
    new Rng(0),
  );
  const artifacts = await exportPolicy(mlp.model, { env: 'CartPole-v1', policy: 'argmax' });
  mlp.model.dispose();
  // Kernel (4×2, row-major by input) then bias (2), float32.
  const weights = new Float32Array(10);
  weights[2 * 2 + 1] = 1;
  weights[3 * 2 + 1] = 0.5;
  expect(artifacts.weightData.byteLength).toBe(weights.byteLength);
  const dir = tempFiles({});
  writePolicyFiles(dir, { ...artifacts, weightData: weights.buffer });
  return dir;
}

describe('critic eval of a tfjs-layers model.json', () => {
  it('reads model.json with its shard and critic.json beside it and scores 500', async () => {
    const dir = await balancingModelDir();
    const run = await critic`eval ${join(dir, 'model.json')} --env CartPole-v1 --episodes 3`;
    expect(run.stderr).not.toContain('critic eval:');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/mean\s+500 ± 0/);
  });

  it('a missing weight shard is invalid_artifact naming the file (exit 1)', async () => {
    const dir = await balancingModelDir();
    rmSync(join(dir, 'weights.bin'));
    const run = await critic`eval ${dir} --env CartPole-v1 --episodes 2`;
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('critic eval: invalid_artifact');
    expect(run.stderr).toContain('weights.bin');
  });
});
