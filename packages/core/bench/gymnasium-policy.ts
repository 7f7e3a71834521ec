import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeVec } from '@critic/envs';
import type * as tf from '@tensorflow/tfjs';
import { toEnvActions } from '../src/algorithms/env-actions';
import { actionSpecOf } from '../src/policies/action-space';
import type { LoadedPolicy } from '../src/policies/export';

/**
 * The Python that runs Gymnasium: `$CRITIC_PYTHON`, else the pinned runtime at
 * `<repo>/.data/python/bin/python`, else `python3` (as packages/envs/bench/find-python.ts).
 */
export function findPython(repoRoot: string): string {
  const fromEnv = process.env.CRITIC_PYTHON;
  if (fromEnv !== undefined && fromEnv !== '') return fromEnv;
  const pinned = join(repoRoot, '.data', 'python', 'bin', 'python');
  return existsSync(pinned) ? pinned : 'python3';
}

/** The exported dense model's layers as plain arrays (kernel in × out), for numpy. */
function denseLayers(model: tf.LayersModel): { kernel: number[][]; bias: number[]; activation: string }[] {
  return model.layers.map((layer) => {
    const [kernel, bias] = layer.getWeights();
    const config = layer.getConfig() as { activation?: string };
    return {
      kernel: kernel!.arraySync() as number[][],
      bias: Array.from(bias!.dataSync()),
      activation: config.activation ?? 'linear',
    };
  });
}

/**
 * One greedy episode per seed of an exported policy in real Gymnasium (gymnasium_eval.py through
 * Python); `{ error }` when Python or Gymnasium is unavailable or the script fails.
 */
export function evaluateInGymnasium(
  python: string,
  policy: LoadedPolicy,
  envId: string,
  seeds: readonly number[],
): { returns: number[]; gymnasium: string } | { error: string } {
  const dir = mkdtempSync(join(tmpdir(), 'critic-gym-eval-'));
  try {
    const file = join(dir, 'policy.json');
    writeFileSync(
      file,
      JSON.stringify({
        env: envId,
        policy: policy.manifest.policy,
        obsNormalization: policy.manifest.obsNormalization ?? null,
        layers: denseLayers(policy.model),
        seeds,
      }),
    );
    const r = spawnSync(python, [join(import.meta.dirname, 'gymnasium_eval.py'), file], {
      encoding: 'utf8',
      timeout: 600_000,
      maxBuffer: 16 * 1024 * 1024,
    });
    if (r.error) return { error: `${python}: ${r.error.message}` };
    if (r.status !== 0) {
      return {
        error: `${python} exited with ${r.status}: ${(r.stderr || r.stdout).trim().split('\n').slice(-2).join(' | ')}`,
      };
    }
    const out = JSON.parse(r.stdout.trim().split('\n').pop() ?? '{}') as {
      returns: number[];
      gymnasium: string;
    };
    return out;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** One greedy episode per seed of an exported policy in Critic's env (sub-env i reset with seeds[i]). */
export function evaluateInCritic(policy: LoadedPolicy, envId: string, seeds: readonly number[]): number[] {
  const env = makeVec(envId, seeds.length);
  const spec = actionSpecOf(env.singleActionSpace);
  let obs = Float32Array.from(env.reset({ seed: [...seeds] }).obs);
  const returns = new Array<number | undefined>(seeds.length).fill(undefined);
  let left = seeds.length;
  while (left > 0) {
    const res = env.step(toEnvActions(spec, policy.act(obs, seeds.length)));
    for (const ep of res.episodes) {
      if (returns[ep.env] === undefined) {
        returns[ep.env] = ep.return;
        left--;
      }
    }
    obs = Float32Array.from(res.obs);
  }
  env.close();
  return returns as number[];
}
