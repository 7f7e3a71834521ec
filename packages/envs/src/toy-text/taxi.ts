import type { BaseEnvOptions } from '../base-env';
import { renderTaxi } from '../render/taxi';
import type { Frame, Info } from '../types';
import { type DiscreteModel, DiscreteModelEnv } from './discrete-model-env';
import { unsupportedOption } from './options';
import { decodeTaxi, encodeTaxi, IN_TAXI, TAXI_LOCATIONS, taxiSideOpen } from './taxi-map';
import type { Transition } from './transition-model';

/** Taxi's actions, as Gymnasium. */
export const TAXI_ACTIONS = { south: 0, north: 1, east: 2, west: 3, pickup: 4, dropoff: 5 } as const;

/** Taxi's constructor options, with Gymnasium's kwarg names (only the deterministic defaults are implemented). */
export interface TaxiOptions extends BaseEnvOptions {
  /** Gymnasium's rainy variant (slipping moves): not implemented, only `false` is accepted. */
  is_rainy?: boolean;
  /** Gymnasium's fickle-passenger variant: not implemented, only `false` is accepted. */
  fickle_passenger?: boolean;
}

/**
 * Taxi-v4 (Dietterich's MAXQ taxi) with Gymnasium's defaults: drive to the passenger, pick them up,
 * drop them at their destination. −1 per step, +20 and termination on delivery, −10 for an illegal
 * pickup or dropoff; a dropoff at another stand leaves the passenger there. Observation:
 * `encodeTaxi`. `info.action_mask[a]` is 1 when action a changes the state, as Gymnasium.
 */
export class TaxiEnv extends DiscreteModelEnv {
  constructor(options: TaxiOptions = {}) {
    for (const name of ['is_rainy', 'fickle_passenger']) {
      unsupportedOption(
        'Taxi-v4',
        options as Record<string, unknown>,
        name,
        'only the default deterministic Taxi is implemented',
      );
    }
    super('Taxi-v4', options, 4, taxiModel());
  }

  /** Gymnasium's action mask for state `s`: 1 where the action would change the state. */
  actionMask(s: number): number[] {
    return this.P[s]!.map((outcomes) => (outcomes.some((t) => t[1] !== s) ? 1 : 0));
  }

  protected override infoFor(s: number, prob: number): Info {
    return { prob, action_mask: this.actionMask(s) };
  }

  render(): Frame {
    return renderTaxi(this.s);
  }
}

/** Gymnasium's Taxi transition table and initial-state distribution (passenger waiting, not at the destination). */
export function taxiModel(): DiscreteModel {
  const P: Transition[][][] = [];
  const starts: number[] = [];
  for (let s = 0; s < 500; s++) {
    const { taxiRow: row, taxiCol: col, passenger, destination } = decodeTaxi(s);
    if (passenger < IN_TAXI && passenger !== destination) starts.push(s);
    const stand = TAXI_LOCATIONS.findIndex(([r, c]) => r === row && c === col);
    const actions: Transition[][] = [];
    for (let a = 0; a < 6; a++) {
      let [r, c, p, reward, terminated] = [row, col, passenger, -1, false];
      if (a === TAXI_ACTIONS.south) r = Math.min(row + 1, 4);
      else if (a === TAXI_ACTIONS.north) r = Math.max(row - 1, 0);
      else if (a === TAXI_ACTIONS.east && taxiSideOpen(row, col, 1)) c = Math.min(col + 1, 4);
      else if (a === TAXI_ACTIONS.west && taxiSideOpen(row, col, -1)) c = Math.max(col - 1, 0);
      else if (a === TAXI_ACTIONS.pickup) {
        if (passenger < IN_TAXI && stand === passenger) p = IN_TAXI;
        else reward = -10;
      } else if (a === TAXI_ACTIONS.dropoff) {
        if (passenger === IN_TAXI && stand === destination) [p, reward, terminated] = [destination, 20, true];
        else if (passenger === IN_TAXI && stand >= 0) p = stand;
        else reward = -10;
      }
      actions.push([
        [1.0, encodeTaxi({ taxiRow: r, taxiCol: c, passenger: p, destination }), reward, terminated],
      ]);
    }
    P.push(actions);
  }
  const initialStateDistribution = new Array<number>(500).fill(0);
  for (const s of starts) initialStateDistribution[s] = 1 / starts.length;
  return { P, initialStateDistribution };
}
