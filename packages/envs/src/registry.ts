import { AcrobotEnv } from './classic/acrobot';
import { CartPoleEnv } from './classic/cartpole';
import { MountainCarEnv } from './classic/mountain-car';
import { MountainCarContinuousEnv } from './classic/mountain-car-continuous';
import { PendulumEnv } from './classic/pendulum';
import { EnvError } from './errors';
import type { EnvLogger } from './logger';
import { renderAcrobot } from './render/acrobot';
import { renderBlackjack } from './render/blackjack';
import { renderCartPole } from './render/cartpole';
import { renderCliffWalking } from './render/cliff-walking';
import { renderFrozenLake } from './render/frozen-lake';
import { renderMountainCar } from './render/mountain-car';
import { renderPendulum } from './render/pendulum';
import { renderTaxi } from './render/taxi';
import { renderBandit, renderQuadraticGoal } from './render/toy';
import { GaussianBanditEnv, type GaussianBanditOptions } from './toy/gaussian-bandit';
import { QuadraticGoalEnv, type QuadraticGoalOptions } from './toy/quadratic-goal';
import { BlackjackEnv, type BlackjackOptions } from './toy-text/blackjack';
import { CliffWalkingEnv, type CliffWalkingOptions } from './toy-text/cliff-walking';
import { FROZEN_LAKE_MAPS, FrozenLakeEnv, type FrozenLakeOptions } from './toy-text/frozen-lake';
import { TaxiEnv, type TaxiOptions } from './toy-text/taxi';
import type { Action, Env, EnvSpec, Frame, Observation } from './types';
import { TimeLimit } from './wrappers/time-limit';

/** What `create` receives: the logger plus the env-specific options given to `make`. */
export type EnvFactoryOptions = Record<string, unknown> & { logger?: EnvLogger };

/** A registry entry, as Gymnasium's `register(id, entry_point, max_episode_steps, reward_threshold)`. */
export interface EnvRegistration {
  /** `Name-vN`. */
  id: string;
  /** One line saying what the env is. */
  description: string;
  /** Builds the unwrapped env. */
  create: (options: EnvFactoryOptions) => Env<Observation, Action>;
  /** Episode length after which `make` truncates (TimeLimit); undefined for none. */
  maxEpisodeSteps?: number;
  /** The average return at which the task counts as solved. */
  rewardThreshold?: number;
  /** Draws a frame from a state vector (the env's `getState()`), for replays. */
  renderState?: (state: ArrayLike<number>) => Frame;
}

export interface MakeOptions {
  /** Overrides the registered time limit; `null` removes it. */
  maxEpisodeSteps?: number | null;
  /** Receives the env's warnings (silent by default). */
  logger?: EnvLogger;
  /** Env-specific constructor options, e.g. `{ k: 5 }` for `GaussianBandit-v0`. */
  envOptions?: Record<string, unknown>;
}

const registry = new Map<string, EnvRegistration>();

/** Adds an env to the registry; an id already taken is an error. */
export function register(registration: EnvRegistration): void {
  if (!/^[A-Za-z][\w.:/-]*-v\d+$/.test(registration.id)) {
    throw new EnvError(
      'invalid_argument',
      `register: id must look like Name-vN (e.g. "MyEnv-v0"), found ${JSON.stringify(registration.id)}`,
    );
  }
  if (registry.has(registration.id)) {
    throw new EnvError(
      'invalid_argument',
      `register: an env with id "${registration.id}" is already registered`,
    );
  }
  const m = registration.maxEpisodeSteps;
  if (m !== undefined && (!Number.isSafeInteger(m) || m <= 0)) {
    throw new EnvError(
      'invalid_argument',
      `register: maxEpisodeSteps must be a positive integer, found ${m}`,
    );
  }
  registry.set(registration.id, registration);
}

/** Gymnasium's `make`: the registered env, wrapped in `TimeLimit` when it has a time limit. */
export function make<O = Observation, A = Action>(id: string, options: MakeOptions = {}): Env<O, A> {
  const reg = registration(id);
  const env = reg.create({
    ...(options.envOptions ?? {}),
    ...(options.logger ? { logger: options.logger } : {}),
  });
  const max =
    options.maxEpisodeSteps === undefined ? reg.maxEpisodeSteps : (options.maxEpisodeSteps ?? undefined);
  const spec: EnvSpec = {
    id: reg.id,
    maxEpisodeSteps: max,
    rewardThreshold: reg.rewardThreshold,
    nondeterministic: false,
  };
  // a custom env may expose spec as a read-only getter; the TimeLimit wrapper then carries it
  if (canAssign(env, 'spec')) (env as { spec: EnvSpec | undefined }).spec = spec;
  if (max === undefined) return env as unknown as Env<O, A>;
  const limited = new TimeLimit(env, max);
  limited.spec = spec;
  return limited as unknown as Env<O, A>;
}

/** Every registered env's spec, in registration order. */
export function listEnvs(): EnvSpec[] {
  return [...registry.values()].map((r) => specOf(r));
}

/** The registered spec of `id` (throws `unknown_env` listing the known ids). */
export function envSpec(id: string): EnvSpec {
  return specOf(registration(id));
}

/** The registry entry of `id` (throws `unknown_env` listing the known ids). */
export function registration(id: string): EnvRegistration {
  const reg = registry.get(id);
  if (reg) return reg;
  const known = [...registry.keys()];
  const near =
    typeof id === 'string' ? known.filter((k) => editDistance(k.toLowerCase(), id.toLowerCase()) <= 3) : [];
  throw new EnvError(
    'unknown_env',
    `Unknown env id ${JSON.stringify(id)}` +
      (near.length > 0 ? ` (did you mean ${near.map((n) => `"${n}"`).join(' or ')}?)` : '') +
      `. Known ids: ${known.join(', ')}`,
  );
}

/** A frame for `state` (the env's `getState()` vector) of env `id`, for replays. */
export function renderFrame(id: string, state: ArrayLike<number>): Frame {
  const reg = registration(id);
  if (!reg.renderState) {
    throw new EnvError('invalid_argument', `renderFrame: env "${id}" has no state renderer`);
  }
  return reg.renderState(state);
}

/** Whether `obj[key] = v` would succeed (a writable data property or a setter, or a new property). */
function canAssign(obj: object, key: string): boolean {
  for (let o: object | null = obj; o !== null; o = Object.getPrototypeOf(o) as object | null) {
    const d = Object.getOwnPropertyDescriptor(o, key);
    if (d) return d.writable === true || d.set !== undefined;
  }
  return Object.isExtensible(obj);
}

function specOf(r: EnvRegistration): EnvSpec {
  return {
    id: r.id,
    maxEpisodeSteps: r.maxEpisodeSteps,
    rewardThreshold: r.rewardThreshold,
    nondeterministic: false,
  };
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diag = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = row[j]!;
      row[j] = Math.min(up + 1, row[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return row[b.length]!;
}

// Gymnasium 1.4.0's registrations (max_episode_steps, reward_threshold), then the lecture's toys.
register({
  id: 'CartPole-v1',
  description: 'Balance a pole on a cart by pushing it left or right (Barto, Sutton & Anderson, 1983).',
  create: (o) => new CartPoleEnv(o),
  maxEpisodeSteps: 500,
  rewardThreshold: 475.0,
  renderState: renderCartPole,
});
register({
  id: 'Acrobot-v1',
  description: 'Swing a two-link underactuated pendulum up above the bar by torquing the middle joint.',
  create: (o) => new AcrobotEnv(o),
  maxEpisodeSteps: 500,
  rewardThreshold: -100.0,
  renderState: renderAcrobot,
});
register({
  id: 'MountainCar-v0',
  description: 'Drive an underpowered car up a hill by building momentum (three discrete pushes).',
  create: (o) => new MountainCarEnv(o),
  maxEpisodeSteps: 200,
  rewardThreshold: -110.0,
  renderState: (s) => renderMountainCar(s, 0.5),
});
register({
  id: 'MountainCarContinuous-v0',
  description: 'Drive an underpowered car up a hill with a continuous force; energy is penalized.',
  create: (o) => new MountainCarContinuousEnv(o),
  maxEpisodeSteps: 999,
  rewardThreshold: 90.0,
  renderState: (s) => renderMountainCar(s, 0.45),
});
register({
  id: 'Pendulum-v1',
  description: 'Swing a pendulum up and hold it upright with a bounded torque.',
  create: (o) => new PendulumEnv(o),
  maxEpisodeSteps: 200,
  renderState: (s) => renderPendulum(s),
});
register({
  id: 'GaussianBandit-v0',
  description: 'The k-armed Gaussian bandit testbed: one state, k arms, R ~ N(q*(a), 1); runs of 1000 pulls.',
  create: (o) => new GaussianBanditEnv(o as GaussianBanditOptions),
  maxEpisodeSteps: 1000,
  renderState: renderBandit,
});
register({
  id: 'QuadraticGoal-v0',
  description: 'One state, one continuous action a, reward −(a − g)²; every episode is a single step.',
  create: (o) => new QuadraticGoalEnv(o as QuadraticGoalOptions),
  renderState: (s) => renderQuadraticGoal(s, 5),
});

// Gymnasium 1.4.0's toy-text registrations (kwargs, max_episode_steps, reward_threshold).
register({
  id: 'FrozenLake-v1',
  description: 'Cross a slippery frozen lake (4x4) from start to goal without falling into a hole.',
  create: (o) => new FrozenLakeEnv({ map_name: '4x4', ...o } as FrozenLakeOptions),
  maxEpisodeSteps: 100,
  rewardThreshold: 0.7,
  renderState: (s) => renderFrozenLake(FROZEN_LAKE_MAPS['4x4'], s[0] ?? 0),
});
register({
  id: 'FrozenLake8x8-v1',
  description: 'Cross a slippery frozen lake (8x8) from start to goal without falling into a hole.',
  create: (o) => new FrozenLakeEnv({ map_name: '8x8', ...o } as FrozenLakeOptions, 'FrozenLake8x8-v1'),
  maxEpisodeSteps: 200,
  rewardThreshold: 0.85,
  renderState: (s) => renderFrozenLake(FROZEN_LAKE_MAPS['8x8'], s[0] ?? 0),
});
register({
  id: 'Taxi-v4',
  description: 'Drive a taxi on a 5x5 grid to pick up a passenger and drop them at their destination.',
  create: (o) => new TaxiEnv(o as TaxiOptions),
  maxEpisodeSteps: 200,
  rewardThreshold: 8,
  renderState: (s) => renderTaxi(s[0] ?? 0),
});
register({
  id: 'CliffWalking-v1',
  description: 'Walk along a cliff edge from start to goal; stepping off costs -100 and restarts.',
  create: (o) => new CliffWalkingEnv(o as CliffWalkingOptions),
  renderState: (s) => renderCliffWalking(s[0] ?? 0),
});
register({
  id: 'Blackjack-v1',
  description: "Play blackjack against a dealer who draws to 17 (Sutton & Barto's rules: sab = true).",
  create: (o) => new BlackjackEnv({ sab: true, natural: false, ...o } as BlackjackOptions),
  renderState: renderBlackjack,
});
