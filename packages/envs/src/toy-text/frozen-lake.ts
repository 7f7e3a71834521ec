import type { BaseEnvOptions } from '../base-env';
import { EnvError } from '../errors';
import { renderFrozenLake } from '../render/frozen-lake';
import { typeName } from '../space-explain';
import type { Frame } from '../types';
import { type DiscreteModel, DiscreteModelEnv } from './discrete-model-env';
import { booleanOption, numberOption } from './options';
import type { Transition } from './transition-model';

/** Gymnasium's named FrozenLake maps: S start, F frozen, H hole, G goal. */
export const FROZEN_LAKE_MAPS = {
  '4x4': ['SFFF', 'FHFH', 'FFFH', 'HFFG'],
  '8x8': ['SFFFFFFF', 'FFFFFFFF', 'FFFHFFFF', 'FFFFFHFF', 'FFFHFFFF', 'FHHFFFHF', 'FHFFHFHF', 'FFFHFFFG'],
} as const satisfies Record<string, readonly string[]>;

/** FrozenLake's actions, as Gymnasium. */
export const FROZEN_LAKE_ACTIONS = { left: 0, down: 1, right: 2, up: 3 } as const;

/** FrozenLake's constructor options, with Gymnasium's kwarg names. */
export interface FrozenLakeOptions extends BaseEnvOptions {
  /** The map as rows of S/F/H/G; overrides `map_name`. */
  desc?: readonly string[];
  /** A named map, `'4x4'` (default) or `'8x8'`. */
  map_name?: keyof typeof FROZEN_LAKE_MAPS;
  /** Whether moves slip (default true). */
  is_slippery?: boolean;
  /** Probability of moving in the intended direction when slippery (default 1/3). */
  success_rate?: number;
  /** Rewards for entering [goal, hole, frozen] (default [1, 0, 0]). */
  reward_schedule?: readonly [number, number, number];
}

/**
 * FrozenLake-v1: cross a frozen lake from S to G without falling into a hole H. Slippery moves go
 * the intended way with probability `success_rate` and to each perpendicular side with
 * (1 − success_rate)/2; holes and the goal are absorbing. Observation: row·ncol + col.
 */
export class FrozenLakeEnv extends DiscreteModelEnv {
  /** The map rows. */
  readonly desc: readonly string[];

  constructor(options: FrozenLakeOptions = {}, id = 'FrozenLake-v1') {
    const desc = frozenLakeDesc(id, options);
    super(id, options, 4, frozenLakeModel(id, desc, options));
    this.desc = desc;
  }

  render(): Frame {
    return renderFrozenLake(this.desc, this.s);
  }
}

/** The map `options` select: `desc`, else the named map (default 4x4). */
export function frozenLakeDesc(id: string, options: FrozenLakeOptions): readonly string[] {
  const desc = options.desc;
  if (desc !== undefined) {
    if (
      !Array.isArray(desc) ||
      desc.length === 0 ||
      !desc.every((r) => typeof r === 'string' && /^[SFHG]+$/.test(r) && r.length === desc[0]!.length)
    ) {
      throw new EnvError(
        'invalid_argument',
        `${id}: option desc must be a non-empty array of equal-length strings of S, F, H, G; found ${JSON.stringify(desc)}`,
      );
    }
    if (!desc.some((r) => r.includes('S'))) {
      throw new EnvError('invalid_argument', `${id}: option desc needs a start cell S, found none`);
    }
    return [...desc];
  }
  const name = options.map_name ?? '4x4';
  if (!Object.hasOwn(FROZEN_LAKE_MAPS, name)) {
    throw new EnvError(
      'invalid_argument',
      `${id}: option map_name must be "4x4" or "8x8" (random maps are not supported), found ${typeof name === 'string' ? JSON.stringify(name) : typeName(name)}`,
    );
  }
  return FROZEN_LAKE_MAPS[name];
}

/** Gymnasium's FrozenLake transition table and initial-state distribution for `desc`. */
export function frozenLakeModel(
  id: string,
  desc: readonly string[],
  options: FrozenLakeOptions,
): DiscreteModel {
  const slippery = booleanOption(id, options as Record<string, unknown>, 'is_slippery', true);
  const success = numberOption(id, options as Record<string, unknown>, 'success_rate', 1 / 3, 0, 1);
  const schedule = rewardSchedule(id, options.reward_schedule);
  const nrow = desc.length;
  const ncol = desc[0]!.length;
  const cell = (s: number) => desc[Math.floor(s / ncol)]![s % ncol]!;
  const move = (s: number, a: number): number => {
    let row = Math.floor(s / ncol);
    let col = s % ncol;
    if (a === FROZEN_LAKE_ACTIONS.left) col = Math.max(col - 1, 0);
    else if (a === FROZEN_LAKE_ACTIONS.down) row = Math.min(row + 1, nrow - 1);
    else if (a === FROZEN_LAKE_ACTIONS.right) col = Math.min(col + 1, ncol - 1);
    else row = Math.max(row - 1, 0);
    return row * ncol + col;
  };
  const outcome = (p: number, s: number, a: number): Transition => {
    const next = move(s, a);
    const letter = cell(next);
    const reward = letter === 'G' ? schedule[0] : letter === 'H' ? schedule[1] : schedule[2];
    return [p, next, reward, letter === 'G' || letter === 'H'];
  };
  const P: Transition[][][] = [];
  for (let s = 0; s < nrow * ncol; s++) {
    const row: Transition[][] = [];
    for (let a = 0; a < 4; a++) {
      if (cell(s) === 'G' || cell(s) === 'H') row.push([[1.0, s, 0, true]]);
      else if (!slippery) row.push([outcome(1.0, s, a)]);
      else {
        // intended direction with success_rate, each perpendicular one with (1 − success_rate)/2
        const slip = (1 - success) / 2;
        row.push([(a + 3) % 4, a, (a + 1) % 4].map((b) => outcome(b === a ? success : slip, s, b)));
      }
    }
    P.push(row);
  }
  const starts = desc.join('').split('');
  const nStarts = starts.filter((c) => c === 'S').length;
  return { P, initialStateDistribution: starts.map((c) => (c === 'S' ? 1 / nStarts : 0)) };
}

function rewardSchedule(id: string, v: unknown): readonly [number, number, number] {
  if (v === undefined) return [1, 0, 0];
  if (!Array.isArray(v) || v.length !== 3 || !v.every((x) => typeof x === 'number' && Number.isFinite(x))) {
    throw new EnvError(
      'invalid_argument',
      `${id}: option reward_schedule must be [goal, hole, frozen] finite numbers, found ${JSON.stringify(v)}`,
    );
  }
  return v as [number, number, number];
}
