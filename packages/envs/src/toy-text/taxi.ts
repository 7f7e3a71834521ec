import type { BaseEnvOptions } from '../base-env';
import { renderTaxi } from '../render/taxi';
import type { Frame, Info, StepResult } from '../types';
import { type DiscreteModel, DiscreteModelEnv } from './discrete-model-env';
import { booleanOption, numberOption } from './options';
import { decodeTaxi, encodeTaxi, IN_TAXI, TAXI_LOCATIONS, TAXI_MAP, taxiSideOpen } from './taxi-map';
import type { Transition } from './transition-model';

/** Taxi's actions, as Gymnasium. */
export const TAXI_ACTIONS = { south: 0, north: 1, east: 2, west: 3, pickup: 4, dropoff: 5 } as const;

/** Taxi's constructor options, with Gymnasium's (1.3.0) kwarg names and defaults. */
export interface TaxiOptions extends BaseEnvOptions {
  /** A move goes the intended way with `rainy_probability`, else to either side (default false). */
  is_rainy?: boolean;
  /** Probability of the intended move when rainy (default 0.8); each side gets (1 − p) / 2. */
  rainy_probability?: number;
  /** The passenger may change destination once, on the first move after pickup (default false). */
  fickle_passenger?: boolean;
  /** Probability (drawn at reset) that this episode's passenger is fickle (default 0.3). */
  fickle_probability?: number;
}

/**
 * Taxi-v4 (Dietterich's MAXQ taxi) with Gymnasium's defaults: drive to the passenger, pick them up,
 * drop them at their destination. −1 per step, +20 and termination on delivery, −10 for an illegal
 * pickup or dropoff; a dropoff at another stand leaves the passenger there. Observation:
 * `encodeTaxi`. `info.action_mask[a]` is 1 when action a changes the state, as Gymnasium.
 */
export class TaxiEnv extends DiscreteModelEnv {
  private readonly fickle: boolean;
  private readonly fickleProbability: number;
  /** Gymnasium's `fickle_step`: this episode's passenger may still change destination. */
  private fickleStep = false;

  constructor(options: TaxiOptions = {}) {
    const o = options as Record<string, unknown>;
    const rainy = booleanOption('Taxi-v4', o, 'is_rainy', false);
    const rainyProbability = numberOption('Taxi-v4', o, 'rainy_probability', 0.8, 0, 1);
    super('Taxi-v4', options, 4, taxiModel(rainy ? rainyProbability : undefined));
    this.fickle = booleanOption('Taxi-v4', o, 'fickle_passenger', false);
    this.fickleProbability = numberOption('Taxi-v4', o, 'fickle_probability', 0.3, 0, 1);
  }

  /** Whether this episode's passenger may still change destination (Gymnasium's `fickle_step`). */
  get fickleStepPending(): boolean {
    return this.fickleStep;
  }

  /** Sets `fickle_step` (tests that start Gymnasium and this env from the same state). */
  setFickleStep(pending: boolean): void {
    this.fickleStep = pending;
  }

  protected override resetState(): number {
    const s = super.resetState();
    // Gymnasium draws after the initial state: fickle_step = fickle_passenger and random() < p.
    this.fickleStep = this.fickle && this.rng.random() < this.fickleProbability;
    return s;
  }

  protected override transition(action: number): StepResult<number> {
    const before = decodeTaxi(this.s);
    const r = super.transition(action);
    const after = decodeTaxi(r.obs);
    const moved = after.taxiRow !== before.taxiRow || after.taxiCol !== before.taxiCol;
    if (this.fickle && this.fickleStep && before.passenger === IN_TAXI && moved) {
      // The passenger picks one of the other three destinations (numpy's choice: a uniform index).
      this.fickleStep = false;
      const others = [0, 1, 2, 3].filter((d) => d !== before.destination);
      const destination = others[this.rng.integer(others.length)]!;
      this.s = encodeTaxi({ ...after, destination });
      return { ...r, obs: this.s, info: this.infoFor(this.s, r.info.prob as number) };
    }
    return r;
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

/** Taxi's headings as (row, col) deltas: forward, left, right (Gymnasium's `_build_rainy_transitions`). */
const RAINY_MOVES: readonly (readonly [number, number])[][] = [
  [
    [1, 0],
    [0, 1],
    [0, -1],
  ], // south: left = east, right = west
  [
    [-1, 0],
    [0, -1],
    [0, 1],
  ], // north: left = west, right = east
  [
    [0, 1],
    [-1, 0],
    [1, 0],
  ], // east: left = north, right = south
  [
    [0, -1],
    [1, 0],
    [-1, 0],
  ], // west: left = south, right = north
];

/** Gymnasium's `_calc_new_position`: one cell in a direction, clamped; an east/west wall keeps the taxi in place. */
function lateralPosition(row: number, col: number, [dr, dc]: readonly [number, number]): [number, number] {
  const r = Math.max(0, Math.min(row + dr, 4));
  const c = Math.max(0, Math.min(col + dc, 4));
  if (dc === 1 && TAXI_MAP[1 + r]![2 * c] !== ':') return [row, col];
  if (dc === -1 && TAXI_MAP[1 + r]![2 * c + 2] !== ':') return [row, col];
  return [r, c];
}

/**
 * Gymnasium's Taxi transition table and initial-state distribution (passenger waiting, not at the
 * destination). With `rainyProbability` (is_rainy), a possible move goes forward with that
 * probability and to its left and right (walls and edges keep the taxi) with (1 − p) / 2 each, all
 * with reward −1; a blocked move does not drift (its three outcomes all stay); pickup and dropoff stay
 * deterministic.
 */
export function taxiModel(rainyProbability?: number): DiscreteModel {
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
      const next = encodeTaxi({ taxiRow: r, taxiCol: c, passenger: p, destination });
      if (rainyProbability !== undefined && a <= TAXI_ACTIONS.west) {
        // Three outcomes even when the move is blocked (then all three keep the taxi in place).
        const blocked = r === row && c === col;
        const side = (1 - rainyProbability) / 2;
        const [left, right] = [1, 2].map((k) => {
          const [lr, lc] = blocked ? [row, col] : lateralPosition(row, col, RAINY_MOVES[a]![k]!);
          return encodeTaxi({ taxiRow: lr, taxiCol: lc, passenger: p, destination });
        });
        actions.push([
          [rainyProbability, next, -1, terminated],
          [side, left!, -1, terminated],
          [side, right!, -1, terminated],
        ]);
        continue;
      }
      actions.push([[1.0, next, reward, terminated]]);
    }
    P.push(actions);
  }
  const initialStateDistribution = new Array<number>(500).fill(0);
  for (const s of starts) initialStateDistribution[s] = 1 / starts.length;
  return { P, initialStateDistribution };
}
