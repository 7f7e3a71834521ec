import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { envSpec, registration } from '../registry';
import type { DiscreteModelEnv } from './discrete-model-env';
import type { Transition } from './transition-model';

/** One env of shared/reference/gym/toy_text.json (recorded from Gymnasium 1.4.0). */
interface ReferenceTable {
  env_id: string;
  kwargs: Record<string, unknown>;
  n_states: number;
  n_actions: number;
  max_episode_steps: number | null;
  reward_threshold: number | null;
  map: string[] | null;
  initial_state_distrib: number[];
  P: Record<string, Record<string, [number, number, number, boolean][]>>;
}

const here = dirname(fileURLToPath(import.meta.url));
// the project's shared reference when checked out beside the repo, else the vendored copy
const file = [
  resolve(here, '../../../../../shared/reference/gym/toy_text.json'),
  resolve(here, '../../test/fixtures/gym/toy_text.json'),
].find((f) => existsSync(f))!;
const tables = (JSON.parse(readFileSync(file, 'utf8')) as { envs: Record<string, ReferenceTable> }).envs;

function build(ref: ReferenceTable): DiscreteModelEnv {
  return registration(ref.env_id).create({ ...ref.kwargs }) as DiscreteModelEnv;
}

/** Every difference between our table and the reference, as readable lines. */
function tableDifferences(
  ours: readonly (readonly (readonly Transition[])[])[],
  ref: ReferenceTable,
): string[] {
  const out: string[] = [];
  for (let s = 0; s < ref.n_states; s++) {
    for (let a = 0; a < ref.n_actions; a++) {
      const want = ref.P[String(s)]![String(a)]!;
      const got = ours[s]?.[a] ?? [];
      if (got.length !== want.length) {
        out.push(`P[${s}][${a}] has ${got.length} outcomes, expected ${want.length}`);
        continue;
      }
      want.forEach(([p, next, reward, terminated], i) => {
        const [gp, gnext, greward, gterm] = got[i]!;
        if (Math.abs(gp - p) > 1e-12 || gnext !== next || greward !== reward || gterm !== terminated) {
          out.push(`P[${s}][${a}][${i}] = ${JSON.stringify(got[i])}, expected ${JSON.stringify(want[i])}`);
        }
      });
    }
  }
  return out;
}

describe("transition tables equal Gymnasium 1.4.0's env.unwrapped.P (toy_text.json)", () => {
  test('the reference covers the five table envs', () => {
    expect(Object.keys(tables).sort()).toEqual([
      'CliffWalking-v1',
      'FrozenLake-v1',
      'FrozenLake-v1?is_slippery=False',
      'FrozenLake8x8-v1',
      'Taxi-v4',
    ]);
  });

  for (const [key, ref] of Object.entries(tables)) {
    describe(key, () => {
      const env = build(ref);

      test('every P[s][a] entry: probability (1e-12), next state, reward and terminated flag', () => {
        expect(env.P).toHaveLength(ref.n_states);
        expect(env.P.every((row) => row.length === ref.n_actions)).toBe(true);
        expect(tableDifferences(env.P, ref)).toEqual([]);
      });

      test('spaces, initial-state distribution, map and registration', () => {
        expect(env.observationSpace.toSpec()).toEqual({ type: 'Discrete', n: ref.n_states, start: 0 });
        expect(env.actionSpace.toSpec()).toEqual({ type: 'Discrete', n: ref.n_actions, start: 0 });
        expect(env.initialStateDistribution).toHaveLength(ref.n_states);
        ref.initial_state_distrib.forEach((p, s) => {
          expect(Math.abs(env.initialStateDistribution[s]! - p), `state ${s}`).toBeLessThanOrEqual(1e-12);
        });
        if (ref.map && 'desc' in env) expect(env.desc).toEqual(ref.map);
        expect(envSpec(ref.env_id)).toMatchObject({
          maxEpisodeSteps: ref.max_episode_steps ?? undefined,
          rewardThreshold: ref.reward_threshold ?? undefined,
        });
      });

      test('step() follows the table: from every (s, a) it lands on one of its outcomes with info.prob', () => {
        env.reset({ seed: 3 });
        for (let s = 0; s < ref.n_states; s++) {
          for (let a = 0; a < ref.n_actions; a++) {
            env.setState([s]);
            const r = env.step(a);
            const hit = env.P[s]![a]!.find(
              ([p, next, reward, terminated]) =>
                next === r.obs && reward === r.reward && terminated === r.terminated && p === r.info.prob,
            );
            expect(hit, `step from ${s} with action ${a} gave ${JSON.stringify(r)}`).toBeDefined();
            expect(r.truncated).toBe(false);
          }
        }
      });
    });
  }
});
