import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import {
  type Action,
  BlackjackEnv,
  type DiscreteModelEnv,
  decodeBlackjackObs,
  decodeTaxi,
  type Env,
  MountainCarContinuousEnv,
  make,
  Rng,
  type StatefulEnv,
  type TaxiEnv,
  type Wrapper,
} from '@critic/envs';
import { describe, expect, it } from 'vitest';
import { loadPythonRuntime } from '../python/python-runtime';

/**
 * Every TS port of packages/envs against its Gymnasium twin in the pinned runtime (Gymnasium itself,
 * run by fixtures/gym_twin.py). The PRNGs differ (xoshiro vs numpy), so: classic control compares
 * each step of seeded TS episodes from the identical state; toy-text compares the transition tables
 * `P` and initial-state distributions (they are the dynamics); Blackjack replays each step from the
 * same hands with the cards the TS env drew.
 */
const TWIN = join(import.meta.dirname, 'fixtures', 'gym_twin.py');

function gymnasium<T>(request: object): T {
  const out = execFileSync(loadPythonRuntime().python, [TWIN], {
    input: JSON.stringify(request),
    maxBuffer: 256 * 1024 * 1024,
    env: { OMP_NUM_THREADS: '1' },
  });
  return JSON.parse(out.toString('utf8')) as T;
}

/** The env under make()'s wrappers (envs without a time limit come unwrapped). */
function unwrapped<T>(env: Env<unknown, unknown>): T {
  return ((env as unknown as Partial<Wrapper<unknown, unknown>>).unwrapped ?? env) as unknown as T;
}

interface StepCase {
  state: number[];
  action: number | number[];
  float32: boolean;
}
interface StepAnswer {
  obs: number[];
  reward: number;
  terminated: boolean;
  state: number[];
}

const CLASSIC = ['CartPole-v1', 'Acrobot-v1', 'MountainCar-v0', 'MountainCarContinuous-v0', 'Pendulum-v1'];

describe('TS classic-control ports step like Gymnasium from the same state', () => {
  for (const id of CLASSIC) {
    it(`${id}: every step of 5 seeded episodes (random actions)`, () => {
      const cases: StepCase[] = [];
      const ts: { obs: number[]; reward: number; terminated: boolean; state: number[] }[] = [];
      for (let seed = 0; seed < 5; seed++) {
        const env = make<Float32Array, Action>(id);
        const inner = unwrapped<StatefulEnv>(env);
        const rng = new Rng(1000 + seed);
        env.reset({ seed });
        for (let t = 0; t < 120; t++) {
          const state = inner.getState();
          const action = env.actionSpace.sample(rng) as Action;
          const r = env.step(action);
          cases.push({
            state,
            action: typeof action === 'number' ? action : Array.from(action),
            float32: inner instanceof MountainCarContinuousEnv && t > 0,
          });
          ts.push({
            obs: Array.from(r.obs),
            reward: r.reward,
            terminated: r.terminated,
            state: inner.getState(),
          });
          if (r.terminated || r.truncated) break;
        }
      }
      const gym = gymnasium<StepAnswer[]>({ kind: 'step', env: id, cases });
      expect(gym).toHaveLength(cases.length);
      const bad: string[] = [];
      for (const [i, g] of gym.entries()) {
        const t = ts[i]!;
        const obsOk = g.obs.every((w, j) => Math.abs(t.obs[j]! - w) <= 1e-6 * Math.max(1, Math.abs(w)));
        const stateOk = g.state.every(
          (w, j) => Math.abs(t.state[j]! - w) <= 1e-12 * Math.max(1, Math.abs(w)),
        );
        const rewardOk =
          id === 'Pendulum-v1'
            ? Math.abs(t.reward - g.reward) <= 1e-9 * Math.abs(g.reward)
            : t.reward === g.reward;
        if (!(obsOk && stateOk && rewardOk && t.terminated === g.terminated))
          bad.push(`step ${i}: ts ${JSON.stringify(t)} gymnasium ${JSON.stringify(g)}`);
      }
      expect(bad.slice(0, 3)).toEqual([]);
      // Episodes long enough to mean something: more than a handful of steps were compared.
      expect(cases.length).toBeGreaterThan(50);
    }, 120_000);
  }
});

type Table = [number, number, number, boolean][][][];

describe('TS toy-text ports have Gymnasium transition tables', () => {
  const variants: [string, Record<string, unknown>][] = [
    ['FrozenLake-v1', {}],
    ['FrozenLake-v1', { is_slippery: false }],
    ['FrozenLake8x8-v1', {}],
    ['Taxi-v4', {}],
    ['Taxi-v4', { is_rainy: true }],
    ['CliffWalking-v1', {}],
    ['CliffWalking-v1', { is_slippery: true }],
  ];
  for (const [id, kwargs] of variants) {
    it(`${id} ${JSON.stringify(kwargs)}: P[s][a] and the initial-state distribution`, () => {
      const env = unwrapped<DiscreteModelEnv>(make(id, { envOptions: kwargs }));
      const gym = gymnasium<{ P: Table; isd: number[] }>({ kind: 'tables', env: id, kwargs });
      const P = env.P as unknown as Table;
      expect(P.length).toBe(gym.P.length);
      const bad: string[] = [];
      for (let s = 0; s < gym.P.length; s++) {
        for (let a = 0; a < gym.P[s]!.length; a++) {
          const want = gym.P[s]![a]!;
          const got = P[s]![a]!;
          const same =
            got.length === want.length &&
            got.every(
              (o, k) =>
                Math.abs(o[0] - want[k]![0]) <= 1e-12 &&
                o[1] === want[k]![1] &&
                o[2] === want[k]![2] &&
                o[3] === want[k]![3],
            );
          if (!same) bad.push(`P[${s}][${a}]: ts ${JSON.stringify(got)} gymnasium ${JSON.stringify(want)}`);
        }
      }
      expect(bad.slice(0, 3)).toEqual([]);
      expect(env.initialStateDistribution.map((p, i) => Math.abs(p - gym.isd[i]!) <= 1e-12)).not.toContain(
        false,
      );
    }, 120_000);
  }
});

describe('TS Taxi fickle passenger changes destination like Gymnasium', () => {
  it('every state × action, with and without a pending fickle step: next state, reward, flags, mask', () => {
    const env = make<number, number>('Taxi-v4', { envOptions: { fickle_passenger: true } });
    const inner = unwrapped<TaxiEnv>(env);
    const cases: { s: number; a: number; fickle: boolean; choice: number }[] = [];
    const ts: { s: number; reward: number; terminated: boolean; fickle: boolean; mask: number[] }[] = [];
    for (let s = 0; s < 500; s++) {
      for (let a = 0; a < 6; a++) {
        for (const fickle of [false, true]) {
          env.reset({ seed: s * 12 + a * 2 + Number(fickle) });
          inner.setState([s]);
          inner.setFickleStep(fickle);
          const r = env.step(a);
          const before = decodeTaxi(s).destination;
          const after = decodeTaxi(r.obs).destination;
          const others = [0, 1, 2, 3].filter((d) => d !== before);
          cases.push({ s, a, fickle, choice: after === before ? 0 : others.indexOf(after) });
          ts.push({
            s: r.obs,
            reward: r.reward,
            terminated: r.terminated,
            fickle: inner.fickleStepPending,
            mask: r.info.action_mask as number[],
          });
        }
      }
    }
    expect(gymnasium<typeof ts>({ kind: 'taxi-fickle', kwargs: { fickle_passenger: true }, cases })).toEqual(
      ts,
    );
    // The passenger did change destination in some of these steps.
    expect(
      cases.filter((c, i) => decodeTaxi(ts[i]!.s).destination !== decodeTaxi(c.s).destination).length,
    ).toBeGreaterThan(100);
  }, 120_000);
});

describe('TS Blackjack plays like Gymnasium from the same hands and cards', () => {
  const rules: Record<string, unknown>[] = [{ sab: true }, { natural: true }, {}];
  for (const kwargs of rules) {
    it(`Blackjack-v1 ${JSON.stringify(kwargs)}: observation tuple, reward and termination of every step`, () => {
      const cases: { player: number[]; dealer: number[]; action: number; draws: number[] }[] = [];
      const ts: { obs: number[]; reward: number; terminated: boolean; left: number }[] = [];
      for (let seed = 0; seed < 300; seed++) {
        const env = make<number, number>('Blackjack-v1', { envOptions: { sab: false, ...kwargs } });
        const inner = unwrapped<BlackjackEnv>(env);
        env.reset({ seed });
        const rng = new Rng(seed);
        for (;;) {
          const before = inner.hands;
          const action = rng.integer(2);
          const r = env.step(action);
          const after = inner.hands;
          const draws = [
            ...after.player.slice(before.player.length),
            ...after.dealer.slice(before.dealer.length),
          ];
          cases.push({ ...before, action, draws });
          const o = decodeBlackjackObs(r.obs);
          ts.push({
            obs: [o.playerSum, o.dealerCard, o.usableAce],
            reward: r.reward,
            terminated: r.terminated,
            left: 0,
          });
          if (r.terminated) break;
        }
      }
      const gym = gymnasium<typeof ts>({ kind: 'blackjack', kwargs: { sab: false, ...kwargs }, cases });
      expect(gym).toEqual(ts);
      // Both outcomes and a draw happened: the comparison covers wins, losses and pushes.
      expect(new Set(ts.map((t) => t.reward)).size).toBeGreaterThanOrEqual(3);
    }, 120_000);
  }
});

it('Blackjack-v1 exposes Gymnasium’s Tuple observation space (packed for policies)', () => {
  const env = unwrapped<BlackjackEnv>(make('Blackjack-v1'));
  expect(env).toBeInstanceOf(BlackjackEnv);
  const gym = gymnasium<{ observation: string; action: string }>({ kind: 'spaces', env: 'Blackjack-v1' });
  expect(env.tupleObservationSpace.toString()).toBe(gym.observation);
  expect(`Discrete(${env.actionSpace.n})`).toBe(gym.action);
});
