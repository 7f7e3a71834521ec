import { BaseEnv, type BaseEnvOptions, discreteActionProblem } from '../base-env';
import { float32Of2 } from '../float32-vector';
import { renderMountainCar } from '../render/mountain-car';
import { Box, Discrete } from '../spaces';
import type { Frame, StepResult } from '../types';
import { checkStateVector, parseResetBounds } from './reset-bounds';
import type { StatefulEnv } from './stateful';

/** Gymnasium's MountainCar-v0 constants (classic_control/mountain_car.py). */
export const MOUNTAIN_CAR = {
  minPosition: -1.2,
  maxPosition: 0.6,
  maxSpeed: 0.07,
  goalPosition: 0.5,
  goalVelocity: 0,
  force: 0.001,
  gravity: 0.0025,
} as const;

/**
 * One MountainCar-v0 step, as Gymnasium's `step`: writes the new (position, velocity) into `out`
 * and returns whether the car reached the goal (p ≥ 0.5 and v ≥ 0). Shared by `MountainCarEnv`
 * and `MountainCarVectorEnv`, so both compute the same bits.
 */
export function mountainCarStep(
  position0: number,
  velocity0: number,
  action: number,
  out: Float64Array,
): boolean {
  const c = MOUNTAIN_CAR;
  // v += (a − 1)·force + cos(3p)·(−gravity)
  let velocity = velocity0 + ((action - 1) * c.force + Math.cos(3 * position0) * -c.gravity);
  velocity = Math.min(Math.max(velocity, -c.maxSpeed), c.maxSpeed);
  let position = position0 + velocity;
  position = Math.min(Math.max(position, c.minPosition), c.maxPosition);
  // a car at the left wall moving left stops
  if (position === c.minPosition && velocity < 0) velocity = 0;
  out[0] = position;
  out[1] = velocity;
  return position >= c.goalPosition && velocity >= c.goalVelocity;
}

/**
 * MountainCar-v0 (Moore, 1990), Gymnasium's dynamics step for step, in float64:
 * v ← clip(v + ((a − 1)·force + cos(3p)·(−gravity)), ±0.07); p ← clip(p + v, [−1.2, 0.6]);
 * a car at the left wall moving left stops. Reward −1 per step; terminal at p ≥ 0.5 and v ≥ 0.
 */
export class MountainCarEnv extends BaseEnv<Float32Array, number> implements StatefulEnv {
  readonly observationSpace = new Box(
    [MOUNTAIN_CAR.minPosition, -MOUNTAIN_CAR.maxSpeed],
    [MOUNTAIN_CAR.maxPosition, MOUNTAIN_CAR.maxSpeed],
  );
  readonly actionSpace = new Discrete(3);
  private position = 0;
  private velocity = 0;
  private readonly next = new Float64Array(2);

  constructor(options?: BaseEnvOptions) {
    super('MountainCar-v0', options, 30);
  }

  protected resetState(options: Record<string, unknown> | undefined): Float32Array {
    const { low, high } = parseResetBounds(this.id, options, -0.6, -0.4);
    this.position = this.rng.uniform(low, high);
    this.velocity = 0;
    return float32Of2(this.position, this.velocity);
  }

  protected actionProblem(action: unknown): string | undefined {
    return discreteActionProblem(this.actionSpace, action);
  }

  protected transition(action: number): StepResult<Float32Array> {
    const out = this.next;
    const terminated = mountainCarStep(this.position, this.velocity, action, out);
    this.position = out[0]!;
    this.velocity = out[1]!;
    return { obs: float32Of2(out[0]!, out[1]!), reward: -1, terminated, truncated: false, info: {} };
  }

  getState(): number[] {
    return [this.position, this.velocity];
  }

  setState(state: ArrayLike<number>): void {
    checkStateVector(this.id, state, 2);
    this.position = state[0]!;
    this.velocity = state[1]!;
  }

  render(): Frame {
    return renderMountainCar(this.getState(), MOUNTAIN_CAR.goalPosition);
  }
}
