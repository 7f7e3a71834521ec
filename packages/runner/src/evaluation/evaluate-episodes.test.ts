import { make, replayEpisode } from '@critic/envs';
import { strToU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { makeMlp } from '../../test/fixtures/mlp';
import { openPolicy, type Policy } from '../host/open-policy';
import { type PolicySpec, policySpecFromSpaces } from '../spec';
import { RunnerError } from '../verdict';
import { type EpisodeProgress, runEpisodes } from './evaluate-episodes';
import { evaluateSplits } from './evaluate-splits';
import { publicSeeds } from './public-seeds';

const env = make('CartPole-v1');
const cartPole: PolicySpec = policySpecFromSpaces('CartPole-v1', env.observationSpace, env.actionSpace);

const controller = 'export function act(obs: number[]): number { return obs[2] + 0.5 * obs[3] > 0 ? 1 : 0; }';
// A uniformly random agent with its own deterministic generator (mulberry32); reset() restarts it.
const randomAgent = `
let s = 12345;
export function reset() { s = 12345; }
export function act() {
  s = (s + 0x6d2b79f5) >>> 0;
  let z = Math.imul(s ^ (s >>> 15), s | 1);
  z ^= z + Math.imul(z ^ (z >>> 7), z | 61);
  return ((z ^ (z >>> 14)) >>> 0) < 0x80000000 ? 0 : 1;
}`;

async function withAgent<T>(source: string, batchSize: number, f: (p: Policy) => Promise<T>): Promise<T> {
  const policy = await openPolicy({ format: 'js-agent', source, filename: 'agent.ts' }, cartPole, {
    batchSize,
  });
  try {
    return await f(policy);
  } finally {
    await policy.close();
  }
}

describe('runEpisodes on CartPole-v1 (all episodes in one vector env, one actBatch per step)', () => {
  it('the balancing controller scores 500 on every episode; actions replay to the same return', async () => {
    const seeds = publicSeeds('eval-test', 16);
    const progress: EpisodeProgress[] = [];
    const episodes = await withAgent(controller, 16, (p) =>
      runEpisodes(p, { envId: 'CartPole-v1', seeds, onProgress: (x) => progress.push(x) }),
    );
    expect(episodes.map((e) => e.return)).toEqual(new Array(16).fill(500));
    expect(episodes.every((e) => e.length === 500 && e.truncated && !e.terminated)).toBe(true);
    expect(episodes.map((e) => e.seed)).toEqual(seeds);
    expect(progress.at(-1)).toEqual({ done: 16, total: 16 });
    const replay = replayEpisode('CartPole-v1', seeds[3]!, episodes[3]!.actions as number[]);
    expect(replay.return).toBe(500);
    expect(replay.steps.at(-1)!.truncated).toBe(true);
  });

  it('a random agent scores about 22, bit-identically on rerun, and in batches smaller than the split', async () => {
    const seeds = publicSeeds('random-agent', 40);
    const run = (batchSize: number) =>
      withAgent(randomAgent, batchSize, (p) => runEpisodes(p, { envId: 'CartPole-v1', seeds }));
    const a = await run(40);
    const b = await run(40);
    expect(b).toEqual(a);
    const mean = a.reduce((s, e) => s + e.return, 0) / a.length;
    expect(mean).toBeGreaterThan(15);
    expect(mean).toBeLessThan(30);
    expect(a.every((e) => e.terminated && e.length === e.actions.length)).toBe(true);
    for (const e of a.slice(0, 5)) {
      const replay = replayEpisode('CartPole-v1', e.seed, e.actions as number[]);
      expect(replay.return).toBe(e.return);
      expect(replay.steps.at(-1)!.terminated).toBe(true);
    }
    // 40 episodes in batches of 16, 16 and 8, with reset() before each batch: the same episodes.
    const chunked = await run(16);
    expect(chunked).toEqual(a);
  });

  it('each episode starts from a reset agent: a split after another gives the episodes it gives alone', async () => {
    const a = publicSeeds('first-split', 3);
    const b = publicSeeds('second-split', 5);
    const both = await withAgent(randomAgent, 5, (p) =>
      evaluateSplits(p, {
        envId: 'CartPole-v1',
        splits: [
          { split: 'public', seeds: a },
          { split: 'private', seeds: b },
        ],
      }),
    );
    const alone = await withAgent(randomAgent, 5, (p) => runEpisodes(p, { envId: 'CartPole-v1', seeds: b }));
    expect(both[1]!.episodes).toEqual(alone);
    expect(both[0]!.episodes.map((e) => e.index)).toEqual([0, 1, 2]);
  });

  it('steps continuous (Pendulum-v1) and three-action (MountainCar-v0) envs; a Box action outside its bounds is invalid', async () => {
    const pendulum = make('Pendulum-v1');
    const boxSpec = policySpecFromSpaces('Pendulum-v1', pendulum.observationSpace, pendulum.actionSpace);
    const torque = await openPolicy(
      {
        format: 'js-agent',
        source: 'export const act = (obs: number[]) => [-2 * obs[1]];',
        filename: 'agent.ts',
      },
      boxSpec,
      { batchSize: 3 },
    );
    let episodes: Awaited<ReturnType<typeof runEpisodes>>;
    try {
      episodes = await runEpisodes(torque, { envId: 'Pendulum-v1', seeds: [1, 2, 3] });
    } finally {
      await torque.close();
    }
    expect(episodes.map((e) => [e.length, e.truncated])).toEqual([
      [200, true],
      [200, true],
      [200, true],
    ]);
    const first = episodes[0]!.actions as number[][];
    expect(first[0]).toHaveLength(1);
    expect(replayEpisode('Pendulum-v1', 1, first).return).toBe(episodes[0]!.return);
    const tooStrong = await openPolicy(
      { format: 'js-agent', source: 'export const act = () => [5];' },
      boxSpec,
      {
        batchSize: 2,
      },
    );
    try {
      const e = await runEpisodes(tooStrong, { envId: 'Pendulum-v1', seeds: [7, 8] }).catch(
        (x: unknown) => x,
      );
      expect((e as RunnerError).verdict).toBe('invalid_action');
      expect((e as RunnerError).message).toMatch(/^episode 0 \(seed 7\), step 0: .*5/);
    } finally {
      await tooStrong.close();
    }
    const car = make('MountainCar-v0');
    const carSpec = policySpecFromSpaces('MountainCar-v0', car.observationSpace, car.actionSpace);
    // Push in the direction of the velocity: reaches the flag well before the 200-step limit.
    const pusher = await openPolicy(
      {
        format: 'js-agent',
        source: 'export const act = (obs: number[]) => (obs[1] < 0 ? 0 : 2);',
        filename: 'agent.ts',
      },
      carSpec,
      { batchSize: 4 },
    );
    try {
      const runs = await runEpisodes(pusher, { envId: 'MountainCar-v0', seeds: [0, 1, 2, 3] });
      expect(runs.every((e) => e.terminated && e.length < 200 && e.return === -e.length)).toBe(true);
      expect(new Set(runs.flatMap((e) => e.actions as number[]))).toEqual(new Set([0, 2]));
    } finally {
      await pusher.close();
    }
  });

  it('invalid_action names the episode, its seed, the step and the value', async () => {
    const seeds = [5, 6, 7];
    const bad = 'let k = 0; export function act(obs) { k++; return k === 4 ? Number.NaN : 1; }';
    const err = await withAgent(bad, 3, (p) => runEpisodes(p, { envId: 'CartPole-v1', seeds })).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(RunnerError);
    const e = err as RunnerError;
    expect(e.verdict).toBe('invalid_action');
    // Every row's instance returns NaN on its own 4th call, i.e. at step 3; the first row reported is episode 0.
    expect(e.message).toMatch(/^episode 0 \(seed 5\), step 3: .*NaN/);
  });

  it('a sampled ONNX policy draws from each episode’s seeded PRNG: reruns are bit-identical', async () => {
    const mlp = await makeMlp([4, 16, 2], 3);
    const manifest = strToU8(JSON.stringify({ env: 'CartPole-v1', policy: 'sample' }));
    const seeds = publicSeeds('sampled', 12);
    const once = async () => {
      const p = await openPolicy({ format: 'onnx', model: mlp.onnx, manifest }, cartPole, { batchSize: 12 });
      try {
        expect(p.output).toBe('logits');
        return await evaluateSplits(p, { envId: 'CartPole-v1', splits: [{ split: 'public', seeds }] });
      } finally {
        await p.close();
      }
    };
    const [a] = await once();
    const [b] = await once();
    expect(b).toEqual(a);
    expect(a!.stats.n).toBe(12);
    // Sampling really happens: with stochastic actions the episodes are not all the same length.
    expect(new Set(a!.episodes.map((e) => e.length)).size).toBeGreaterThan(1);
  });
});
