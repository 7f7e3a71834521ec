import { BaseEnv, type BaseEnvOptions, boxActionProblem } from '../base-env';
import { float32Of2 } from '../float32-vector';
import { renderMountainCar } from '../render/mountain-car';
import { Box } from '../spaces';
import type { Frame, StepResult } from '../types';
import { checkStateVector, parseResetBounds } from './reset-bounds';
import type { StatefulEnv } from './stateful';

/** Gymnasium's MountainCarContinuous-v0 constants (classic_control/continuous_mountain_car.py). */
export const MOUNTAIN_CAR_CONTINUOUS = {
  minAction: -1.0,
  maxAction: 1.0,
  minPosition: -1.2,
  maxPosition: 0.6,
  maxSpeed: 0.07,
  goalPosition: 0.45,
  goalVelocity: 0,
  power: 0.0015,
} as const;

const f32 = Math.fround;

/** How numpy 2 types a scalar in Gymnasium's step: a float32 value, a float64 value, or a Python float. */
const F32 = 0;
const F64 = 1;
const PY = 2;
type Kind = typeof F32 | typeof F64 | typeof PY;

/** A comparison bound as numpy 2 sees it: against a float32 scalar, a Python float is rounded to float32. */
function bound(kind: Kind, v: number): number {
  return kind === F32 ? f32(v) : v;
}

/**
 * One MountainCarContinuous-v0 step with numpy 2's promotion (see `MountainCarContinuousEnv`):
 * `a` is the float32 action, `stateIsFloat32` whether the state came from a step (float32) or a
 * reset (float64). Writes the new float32 (position, velocity) into `out` and returns whether the
 * car reached the goal. Shared by the single and the vector env, so both compute the same bits.
 */
export function mountainCarContinuousStep(
  position0: number,
  velocity0: number,
  stateIsFloat32: boolean,
  a: number,
  out: Float64Array,
): boolean {
  const c = MOUNTAIN_CAR_CONTINUOUS;
  const stateKind: Kind = stateIsFloat32 ? F32 : F64;
  let position = position0;
  let velocity = velocity0;

  // force = min(max(a, −1), 1): the float32 action inside the range, the Python float ±1.0 outside
  const forceKind: Kind = a < c.minAction || a > c.maxAction ? PY : F32;
  const force = Math.min(Math.max(a, c.minAction), c.maxAction);
  // v += force·power − 0.0025·cos(3p)
  const push = forceKind === F32 ? f32(force * f32(c.power)) : force * c.power;
  const slope = 0.0025 * Math.cos(stateKind === F32 ? f32(3 * position) : 3 * position);
  const dv = forceKind === F32 ? f32(push - f32(slope)) : push - slope;
  let velocityKind: Kind = stateKind;
  velocity = stateKind === F32 ? f32(velocity + (forceKind === F32 ? dv : f32(dv))) : velocity + dv;

  if (velocity > bound(velocityKind, c.maxSpeed)) {
    velocity = c.maxSpeed;
    velocityKind = PY;
  }
  if (velocity < bound(velocityKind, -c.maxSpeed)) {
    velocity = -c.maxSpeed;
    velocityKind = PY;
  }
  let positionKind: Kind = stateKind;
  position =
    stateKind === F32
      ? f32(position + (velocityKind === F32 ? velocity : f32(velocity)))
      : position + velocity;
  if (position > bound(positionKind, c.maxPosition)) {
    position = c.maxPosition;
    positionKind = PY;
  }
  if (position < bound(positionKind, c.minPosition)) {
    position = c.minPosition;
    positionKind = PY;
  }
  if (position === bound(positionKind, c.minPosition) && velocity < 0) velocity = 0;
  const terminated = position >= bound(positionKind, c.goalPosition) && velocity >= c.goalVelocity;
  out[0] = f32(position);
  out[1] = f32(velocity);
  return terminated;
}

/**
 * MountainCarContinuous-v0, Gymnasium's dynamics step for step, including numpy 2's type promotion:
 * the state is stored as float32 after every step, so from the second step on the arithmetic is
 * float32 (Python floats rounded to float32), while the first step after reset mixes float64.
 * The force is the action clipped to [−1, 1]; the reward uses the unclipped action:
 * r = 100·[terminated] − 0.1·a².
 */
export class MountainCarContinuousEnv
  extends BaseEnv<Float32Array, ArrayLike<number>>
  implements StatefulEnv
{
  readonly observationSpace = new Box(
    [MOUNTAIN_CAR_CONTINUOUS.minPosition, -MOUNTAIN_CAR_CONTINUOUS.maxSpeed],
    [MOUNTAIN_CAR_CONTINUOUS.maxPosition, MOUNTAIN_CAR_CONTINUOUS.maxSpeed],
  );
  readonly actionSpace = new Box(-1, 1, [1]);
  private position = 0;
  private velocity = 0;
  /** Whether the state holds float32 values (true after any step; false right after reset). */
  private stateIsFloat32 = false;
  private readonly next = new Float64Array(2);

  constructor(options?: BaseEnvOptions) {
    super('MountainCarContinuous-v0', options, 30);
  }

  protected resetState(options: Record<string, unknown> | undefined): Float32Array {
    const { low, high } = parseResetBounds(this.id, options, -0.6, -0.4);
    this.position = this.rng.uniform(low, high);
    this.velocity = 0;
    this.stateIsFloat32 = false;
    return float32Of2(this.position, this.velocity);
  }

  protected actionProblem(action: unknown): string | undefined {
    return boxActionProblem(this.actionSpace, action);
  }

  protected transition(action: ArrayLike<number>): StepResult<Float32Array> {
    const a = f32(action[0]!); // the action is a float32 value
    const out = this.next;
    const terminated = mountainCarContinuousStep(this.position, this.velocity, this.stateIsFloat32, a, out);
    // r = 100·[terminated] − 0.1·a² (a unclipped)
    const reward = (terminated ? 100.0 : 0) - a * a * 0.1;
    this.position = out[0]!;
    this.velocity = out[1]!;
    this.stateIsFloat32 = true;
    return {
      obs: float32Of2(this.position, this.velocity),
      reward,
      terminated,
      truncated: false,
      info: {},
    };
  }

  getState(): number[] {
    return [this.position, this.velocity];
  }

  /**
   * Sets (position, velocity). `float32` (default: whether both values are float32-representable)
   * says whether the state is Gymnasium's float32 array (after a step) or the float64 one of reset.
   */
  setState(state: ArrayLike<number>, float32?: boolean): void {
    checkStateVector(this.id, state, 2);
    this.position = state[0]!;
    this.velocity = state[1]!;
    this.stateIsFloat32 =
      float32 ?? (f32(this.position) === this.position && f32(this.velocity) === this.velocity);
  }

  render(): Frame {
    return renderMountainCar(this.getState(), MOUNTAIN_CAR_CONTINUOUS.goalPosition);
  }
}
