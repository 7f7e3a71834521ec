import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type EpisodePolicy, runEpisodes } from '../evaluation/evaluate-episodes';
import { loadPythonRuntime } from '../python/python-runtime';
import { openPythonEnvPool } from './python-env-pool';

const DIRECT = join(import.meta.dirname, 'fixtures', 'gym_direct.py');

interface DirectEpisode {
  obs: number[][];
  rewards: number[];
  terminated: boolean[];
  truncated: boolean[];
}

/** Float32 actions inside [low, high] from a fixed xorshift stream (the same for both sides). */
function scriptedActions(episodes: number, steps: number, low: number[], high: number[]): number[][][] {
  let x = 0x9e3779b9;
  const u = () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 2 ** 32;
  };
  return Array.from({ length: episodes }, () =>
    Array.from({ length: steps }, () => low.map((lo, j) => Math.fround(lo + (high[j]! - lo) * u()))),
  );
}

/** Gymnasium itself, in the same runtime, outside Critic. */
function stepDirectly(env: string, seeds: number[], actions: number[][][]): DirectEpisode[] {
  const out = execFileSync(loadPythonRuntime().python, [DIRECT], {
    input: JSON.stringify({ env, seeds, actions }),
    maxBuffer: 256 * 1024 * 1024,
    env: { OMP_NUM_THREADS: '1' },
  });
  return JSON.parse(out.toString('utf8')) as DirectEpisode[];
}

describe('Python-backed MuJoCo envs: stepped through Critic = stepped by Gymnasium', () => {
  for (const envId of ['InvertedPendulum-v5', 'HalfCheetah-v5', 'Hopper-v5']) {
    it(`${envId}: identical observations, rewards and flags on seeded episodes`, async () => {
      const seeds = [0, 7, 12345];
      // Two children (one with 2 episodes, one with 1): the pool's split is part of what is checked.
      const pool = await openPythonEnvPool(envId, { instances: seeds.length, processes: 2 });
      try {
        const spec = pool.policySpec;
        if (spec.action.type !== 'box') throw new Error('MuJoCo actions are a Box');
        const { low, high, size } = spec.action;
        const maxSteps = pool.description.maxEpisodeSteps ?? 1000;
        const actions = scriptedActions(seeds.length, maxSteps, low, high);
        const seen: DirectEpisode[] = seeds.map(() => ({
          obs: [],
          rewards: [],
          terminated: [],
          truncated: [],
        }));
        const done = new Uint8Array(seeds.length);
        let t = 0;
        const policy: EpisodePolicy = {
          batchSize: seeds.length,
          obsSize: pool.obsSize,
          actionSize: size,
          output: 'action',
          reset: async () => {},
          actBatch: async (_obs, n) => {
            const out = new Float32Array(n * size);
            for (let i = 0; i < n; i++) out.set(actions[i]![t]!, i * size);
            t++;
            return out;
          },
        };
        const records = await runEpisodes(policy, {
          envId,
          seeds,
          vecEnv: (n) => {
            const vec = pool.vecEnv(n);
            const rows = () => {
              const raw = vec.rawObservations();
              for (let i = 0; i < n; i++)
                if (!done[i])
                  seen[i]!.obs.push(Array.from(raw.subarray(i * pool.obsSize, (i + 1) * pool.obsSize)));
            };
            return {
              ...vec,
              async reset(o) {
                const r = await vec.reset(o);
                rows();
                return r;
              },
              async step(a) {
                const r = await vec.step(a);
                rows();
                for (let i = 0; i < n; i++) {
                  if (done[i]) continue;
                  seen[i]!.rewards.push(r.rewards[i]!);
                  seen[i]!.terminated.push(r.terminated[i] === 1);
                  seen[i]!.truncated.push(r.truncated[i] === 1);
                  if (r.terminated[i] || r.truncated[i]) done[i] = 1;
                }
                return r;
              },
            };
          },
        });
        const direct = stepDirectly(envId, seeds, actions);
        for (let i = 0; i < seeds.length; i++) {
          expect(seen[i]!.rewards.length).toBe(direct[i]!.rewards.length);
          expect(seen[i]).toEqual(direct[i]); // bit-identical float64 observations and rewards, same flags
          expect(records[i]!.length).toBe(direct[i]!.rewards.length);
          expect(records[i]!.return).toBe(direct[i]!.rewards.reduce((a, b) => a + b, 0));
          expect(records[i]!.truncated).toBe(direct[i]!.truncated.at(-1));
        }
        // The episodes differ (seeds and actions matter), and HalfCheetah runs to its time limit.
        expect(direct[0]!.obs[0]).not.toEqual(direct[1]!.obs[0]);
        if (envId === 'HalfCheetah-v5') expect(direct.every((e) => e.rewards.length === 1000)).toBe(true);
      } finally {
        await pool.close();
      }
    }, 300_000);
  }
});
