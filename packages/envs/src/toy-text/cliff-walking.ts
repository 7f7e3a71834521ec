import type { BaseEnvOptions } from '../base-env';
import { renderCliffWalking } from '../render/cliff-walking';
import type { Frame } from '../types';
import { CLIFF_WALKING, isCliff } from './cliff-walking-grid';
import { type DiscreteModel, DiscreteModelEnv } from './discrete-model-env';
import { booleanOption } from './options';
import type { Transition } from './transition-model';

/** CliffWalking's actions, as Gymnasium. */
export const CLIFF_WALKING_ACTIONS = { up: 0, right: 1, down: 2, left: 3 } as const;

/** CliffWalking's constructor options, with Gymnasium's kwarg names. */
export interface CliffWalkingOptions extends BaseEnvOptions {
  /** Whether a move may slip to either perpendicular direction, each outcome with probability 1/3 (default false). */
  is_slippery?: boolean;
}

/**
 * CliffWalking-v1 (Sutton & Barto, Example 6.6): −1 per move; stepping into the cliff (bottom row
 * between start and goal) pays −100 and sends the agent back to the start without ending the
 * episode; entering the goal terminates. Observation: row·12 + col.
 */
export class CliffWalkingEnv extends DiscreteModelEnv {
  constructor(options: CliffWalkingOptions = {}) {
    super('CliffWalking-v1', options, 4, cliffWalkingModel(options));
  }

  render(): Frame {
    return renderCliffWalking(this.s);
  }
}

/** Gymnasium's CliffWalking transition table and initial-state distribution. */
export function cliffWalkingModel(options: CliffWalkingOptions): DiscreteModel {
  const slippery = booleanOption('CliffWalking-v1', options as Record<string, unknown>, 'is_slippery', false);
  const { nrow, ncol, start, goal } = CLIFF_WALKING;
  const delta: readonly (readonly [number, number])[] = [
    [-1, 0],
    [0, 1],
    [1, 0],
    [0, -1],
  ];
  const P: Transition[][][] = [];
  for (let s = 0; s < nrow * ncol; s++) {
    const row = Math.floor(s / ncol);
    const col = s % ncol;
    const actions: Transition[][] = [];
    for (let a = 0; a < 4; a++) {
      const moves = slippery ? [(a + 3) % 4, a, (a + 1) % 4] : [a];
      actions.push(
        moves.map((m): Transition => {
          const r = Math.min(Math.max(row + delta[m]![0], 0), nrow - 1);
          const c = Math.min(Math.max(col + delta[m]![1], 0), ncol - 1);
          const p = 1 / moves.length;
          if (isCliff(r, c)) return [p, start, -100, false];
          const next = r * ncol + c;
          return [p, next, -1, next === goal];
        }),
      );
    }
    P.push(actions);
  }
  const initialStateDistribution = Array.from({ length: nrow * ncol }, (_, s) => (s === start ? 1 : 0));
  return { P, initialStateDistribution };
}
