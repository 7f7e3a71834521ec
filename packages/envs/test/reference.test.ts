import { describe, expect, test } from 'vitest';
import { MountainCarContinuousEnv } from '../src/classic/mountain-car-continuous';
import type { StatefulEnv } from '../src/classic/stateful';
import { make } from '../src/registry';
import type { Action, Env } from '../src/types';
import type { Wrapper } from '../src/wrappers/wrapper';
import {
  float32UlpDistance,
  loadReferenceFiles,
  type ReferenceEpisode,
  type ReferenceFile,
} from './gym-reference';

// Tolerances from shared/reference/gym/README.md.
const OBS_ULPS = 1;
const OBS_REL = 1e-6;
const STATE_REL = 1e-12;
const PENDULUM_REWARD_REL = 1e-9;
const FREE_RUN_OBS_REL = 1e-6;
const MAX_REPORTED = 8;

const files = loadReferenceFiles();

function setup(
  file: ReferenceFile,
  ep: ReferenceEpisode,
): { env: Env<Float32Array, Action>; inner: StatefulEnv } {
  const env = make<Float32Array, Action>(file.env_id);
  env.reset({ seed: ep.reset_seed });
  const inner = (env as unknown as Wrapper<Float32Array, Action>).unwrapped as unknown as StatefulEnv;
  return { env, inner };
}

function setState(inner: StatefulEnv, state: number[], float32: boolean): void {
  if (inner instanceof MountainCarContinuousEnv) inner.setState(state, float32);
  else inner.setState(state);
}

function encodeAction(file: ReferenceFile, a: number): Action {
  return file.action_encoding === 'int' ? a : Float32Array.of(a);
}

function obsClose(got: number, want: number): boolean {
  return (
    float32UlpDistance(got, want) <= OBS_ULPS || Math.abs(got - want) <= OBS_REL * Math.max(1, Math.abs(want))
  );
}

function stateClose(envId: string, got: number, want: number): boolean {
  if (envId === 'MountainCarContinuous-v0') return Object.is(got, want) || got === want;
  return got === want || Math.abs(got - want) <= STATE_REL * Math.abs(want);
}

function rewardClose(envId: string, got: number, want: number): boolean {
  if (envId === 'Pendulum-v1') return Math.abs(got - want) <= PENDULUM_REWARD_REL * Math.abs(want);
  return got === want;
}

test('reference trajectories are present for every classic-control env', () => {
  const ids = new Set(files.map((f) => f.env_id));
  for (const id of [
    'CartPole-v1',
    'Acrobot-v1',
    'MountainCar-v0',
    'MountainCarContinuous-v0',
    'Pendulum-v1',
  ]) {
    expect(ids.has(id), `no reference file for ${id}`).toBe(true);
  }
});

for (const file of files) {
  describe(`${file.env_id} (${file.file.split('/').slice(-1)[0]})`, () => {
    test('the registered time limit equals the recorded max_episode_steps', () => {
      const env = make(file.env_id);
      expect(env.spec?.maxEpisodeSteps).toBe(file.max_episode_steps);
    });

    file.episodes.forEach((ep, index) => {
      const name = `episode ${index} (${ep.description})`;

      test(`${name}: every step from the recorded state`, () => {
        const { env, inner } = setup(file, ep);
        const problems: string[] = [];
        const report = (msg: string) => {
          if (problems.length < MAX_REPORTED) problems.push(msg);
        };
        for (let t = 0; t < ep.length; t++) {
          const prev = t === 0 ? ep.initial_state : ep.states[t - 1]!;
          setState(inner, prev, t > 0 || ep.initial_state_dtype === 'float32');
          const r = env.step(encodeAction(file, ep.actions[t]!));
          const want = ep.observations[t]!;
          want.forEach((w, i) => {
            if (!obsClose(r.obs[i]!, w)) report(`t=${t} obs[${i}] = ${r.obs[i]}, want ${w}`);
          });
          if (!rewardClose(file.env_id, r.reward, ep.rewards[t]!)) {
            report(`t=${t} reward = ${r.reward}, want ${ep.rewards[t]}`);
          }
          if (r.terminated !== ep.terminated[t])
            report(`t=${t} terminated = ${r.terminated}, want ${ep.terminated[t]}`);
          if (r.truncated !== ep.truncated[t])
            report(`t=${t} truncated = ${r.truncated}, want ${ep.truncated[t]}`);
          const state = inner.getState();
          ep.states[t]!.forEach((w, i) => {
            if (!stateClose(file.env_id, state[i]!, w)) report(`t=${t} state[${i}] = ${state[i]}, want ${w}`);
          });
        }
        expect(problems).toEqual([]);
      });

      test(`${name}: free run from the initial state`, () => {
        const { env, inner } = setup(file, ep);
        setState(inner, ep.initial_state, ep.initial_state_dtype === 'float32');
        const problems: string[] = [];
        let length = 0;
        let total = 0;
        for (let t = 0; t < ep.actions.length; t++) {
          const r = env.step(encodeAction(file, ep.actions[t]!));
          length++;
          total += r.reward;
          ep.observations[t]!.forEach((w, i) => {
            const got = r.obs[i]!;
            if (Math.abs(got - w) > FREE_RUN_OBS_REL * Math.abs(w) && problems.length < MAX_REPORTED) {
              problems.push(`t=${t} obs[${i}] = ${got}, want ${w}`);
            }
          });
          if (r.terminated !== ep.terminated[t] || r.truncated !== ep.truncated[t]) {
            problems.push(
              `t=${t} (terminated, truncated) = (${r.terminated}, ${r.truncated}), want (${ep.terminated[t]}, ${ep.truncated[t]})`,
            );
            break;
          }
          if (r.terminated || r.truncated) break;
        }
        expect(problems).toEqual([]);
        expect(length).toBe(ep.length);
        expect(Math.abs(total - ep.return)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(ep.return)));
      });
    });
  });
}
