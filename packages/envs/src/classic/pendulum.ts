import { BaseEnv, type BaseEnvOptions, boxActionProblem } from '../base-env';
import { float32Of3 } from '../float32-vector';
import { renderPendulum } from '../render/pendulum';
import { Box } from '../spaces';
import type { Frame, StepResult } from '../types';
import { checkStateVector, resetNumber } from './reset-bounds';
import type { StatefulEnv } from './stateful';

/** Gymnasium's Pendulum-v1 constants (classic_control/pendulum.py). */
export const PENDULUM = {
  maxSpeed: 8,
  maxTorque: 2.0,
  dt: 0.05,
  g: 10.0,
  m: 1.0,
  l: 1.0,
} as const;

const f32 = Math.fround;
const TWO_PI = 2 * Math.PI;

/** Gymnasium's `angle_normalize`: ((x + π) mod 2π) − π with numpy's floor-mod (the result takes the divisor's sign). */
export function angleNormalize(x: number): number {
  let r = (x + Math.PI) % TWO_PI;
  if (r !== 0 && r < 0) r += TWO_PI;
  else if (r === 0) r = 0; // numpy returns +0 for a positive divisor
  return r - Math.PI;
}

/**
 * One Pendulum-v1 step, as Gymnasium's `step`: writes (θ', θ̇', u) into `out` and returns the
 * reward −cost. Shared by `PendulumEnv` and `PendulumVectorEnv`, so both compute the same bits.
 */
export function pendulumStep(th: number, thDot: number, action: number, out: Float64Array): number {
  const p = PENDULUM;
  // u = clip(a, −2, 2), the action being a float32 value
  const u = Math.min(Math.max(f32(action), -p.maxTorque), p.maxTorque);
  const an = angleNormalize(th);
  // cost = θn² + 0.1·θ̇² + 0.001·u²   (the u² term in float32)
  const costs = an * an + 0.1 * (thDot * thDot) + f32(f32(0.001) * f32(u * u));
  // θ̇' = θ̇ + (3g/(2l)·sin θ + 3/(m·l²)·u)·dt   (3u in float32)
  let newThDot = thDot + (((3 * p.g) / (2 * p.l)) * Math.sin(th) + f32((3.0 / (p.m * p.l * p.l)) * u)) * p.dt;
  newThDot = Math.min(Math.max(newThDot, -p.maxSpeed), p.maxSpeed);
  out[0] = th + newThDot * p.dt;
  out[1] = newThDot;
  out[2] = u;
  return -costs;
}

/**
 * Pendulum-v1, Gymnasium's dynamics step for step: u = clip(a, −2, 2) in float32;
 * cost = angle_normalize(θ)² + 0.1·θ̇² + 0.001·u² on the pre-step state;
 * θ̇' = clip(θ̇ + (15·sin θ + 3u)·0.05, −8, 8), θ' = θ + θ̇'·0.05 (θ never wrapped). Never terminates.
 */
export class PendulumEnv extends BaseEnv<Float32Array, ArrayLike<number>> implements StatefulEnv {
  readonly observationSpace = new Box([-1, -1, -PENDULUM.maxSpeed], [1, 1, PENDULUM.maxSpeed]);
  readonly actionSpace = new Box(-PENDULUM.maxTorque, PENDULUM.maxTorque, [1]);
  private theta = 0;
  private thetaDot = 0;
  /** The last applied (clipped) torque, for rendering; undefined after reset. */
  private lastU: number | undefined;
  private readonly next = new Float64Array(3);

  constructor(options?: BaseEnvOptions) {
    super('Pendulum-v1', options, 30);
  }

  protected resetState(options: Record<string, unknown> | undefined): Float32Array {
    // options.x_init / options.y_init set the symmetric bounds of θ and θ̇ (defaults π and 1)
    const x = options && 'x_init' in options ? resetNumber(this.id, 'x_init', options.x_init) : Math.PI;
    const y = options && 'y_init' in options ? resetNumber(this.id, 'y_init', options.y_init) : 1.0;
    this.theta = this.rng.uniform(-x, x);
    this.thetaDot = this.rng.uniform(-y, y);
    this.lastU = undefined;
    return this.observe();
  }

  protected actionProblem(action: unknown): string | undefined {
    return boxActionProblem(this.actionSpace, action);
  }

  protected transition(action: ArrayLike<number>): StepResult<Float32Array> {
    const out = this.next;
    const reward = pendulumStep(this.theta, this.thetaDot, action[0]!, out);
    this.theta = out[0]!;
    this.thetaDot = out[1]!;
    this.lastU = out[2]!;
    return { obs: this.observe(), reward, terminated: false, truncated: false, info: {} };
  }

  private observe(): Float32Array {
    return float32Of3(Math.cos(this.theta), Math.sin(this.theta), this.thetaDot);
  }

  getState(): number[] {
    return [this.theta, this.thetaDot];
  }

  setState(state: ArrayLike<number>): void {
    checkStateVector(this.id, state, 2);
    this.theta = state[0]!;
    this.thetaDot = state[1]!;
  }

  render(): Frame {
    return renderPendulum(this.getState(), this.lastU);
  }
}
