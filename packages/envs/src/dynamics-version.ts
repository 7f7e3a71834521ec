import { registration } from './registry';

/**
 * The version of each registered env's dynamics (reset distribution, transition, reward, episode
 * end, time limit): the number an evaluation records, so that two scores are comparable exactly
 * when their env versions are equal. `test/dynamics-version.test.ts` plays a seeded trajectory of
 * every env and compares its digest with a golden one recorded beside this version: a change to
 * the dynamics fails that test until the version here is bumped and the digest re-recorded.
 * Rendering, messages and speed are not dynamics and do not bump it.
 */
export const DYNAMICS_VERSIONS: Readonly<Record<string, number>> = {
  'CartPole-v1': 1,
  'Acrobot-v1': 1,
  'MountainCar-v0': 1,
  'MountainCarContinuous-v0': 1,
  'Pendulum-v1': 1,
  'GaussianBandit-v0': 1,
  'QuadraticGoal-v0': 1,
  'FrozenLake-v1': 1,
  'FrozenLake8x8-v1': 1,
  'Taxi-v4': 1,
  'CliffWalking-v1': 1,
  'Blackjack-v1': 1,
};

/**
 * `<id>@dynamics-<n>`: what an evaluation in the registered env `id` records as its env version
 * (throws `unknown_env` for an unregistered id). An env registered at run time without an entry in
 * {@link DYNAMICS_VERSIONS} is `<id>@dynamics-unversioned`.
 */
export function envVersion(id: string): string {
  const reg = registration(id);
  return `${reg.id}@dynamics-${DYNAMICS_VERSIONS[reg.id] ?? 'unversioned'}`;
}
