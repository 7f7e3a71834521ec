import { BaseEnv, type BaseEnvOptions, discreteActionProblem } from '../base-env';
import { renderAcrobot } from '../render/acrobot';
import { Box, Discrete } from '../spaces';
import type { Frame, StepResult } from '../types';
import { checkStateVector, parseResetBounds } from './reset-bounds';
import type { StatefulEnv } from './stateful';

/** Gymnasium's Acrobot constants (classic_control/acrobot.py). */
export const ACROBOT = {
  dt: 0.2,
  linkLength1: 1.0,
  linkMass1: 1.0,
  linkMass2: 1.0,
  linkComPos1: 0.5,
  linkComPos2: 0.5,
  linkMoi: 1.0,
  maxVel1: 4 * Math.PI,
  maxVel2: 9 * Math.PI,
  availTorque: [-1.0, 0.0, 1.0],
  gravity: 9.8,
} as const;

const M1 = ACROBOT.linkMass1;
const M2 = ACROBOT.linkMass2;
const L1 = ACROBOT.linkLength1;
const LC1 = ACROBOT.linkComPos1;
const LC2 = ACROBOT.linkComPos2;
const I1 = ACROBOT.linkMoi;
const I2 = ACROBOT.linkMoi;
const G = ACROBOT.gravity;

/**
 * Acrobot's equations of motion, "book" variant (Sutton & Barto), evaluated in Gymnasium's order.
 * Writes (θ̇1, θ̇2, θ̈1, θ̈2) into `out` (the torque's derivative is 0).
 */
export function acrobotDerivatives(
  s0: number,
  s1: number,
  s2: number,
  s3: number,
  a: number,
  out: Float64Array,
): void {
  const cosT2 = Math.cos(s1);
  const sinT2 = Math.sin(s1);
  // d1 = m1·lc1² + m2·(l1² + lc2² + 2·l1·lc2·cos θ2) + I1 + I2
  const d1 = M1 * (LC1 * LC1) + M2 * (L1 * L1 + LC2 * LC2 + 2 * L1 * LC2 * cosT2) + I1 + I2;
  // d2 = m2·(lc2² + l1·lc2·cos θ2) + I2
  const d2 = M2 * (LC2 * LC2 + L1 * LC2 * cosT2) + I2;
  // φ2 = m2·lc2·g·cos(θ1 + θ2 − π/2)
  const phi2 = M2 * LC2 * G * Math.cos(s0 + s1 - Math.PI / 2.0);
  // φ1 = −m2·l1·lc2·θ̇2²·sin θ2 − 2·m2·l1·lc2·θ̇2·θ̇1·sin θ2 + (m1·lc1 + m2·l1)·g·cos(θ1 − π/2) + φ2
  const phi1 =
    -M2 * L1 * LC2 * (s3 * s3) * sinT2 -
    2 * M2 * L1 * LC2 * s3 * s2 * sinT2 +
    (M1 * LC1 + M2 * L1) * G * Math.cos(s0 - Math.PI / 2) +
    phi2;
  // θ̈2 = (a + d2/d1·φ1 − m2·l1·lc2·θ̇1²·sin θ2 − φ2) / (m2·lc2² + I2 − d2²/d1)   ("book" form)
  const dd2 =
    (a + (d2 / d1) * phi1 - M2 * L1 * LC2 * (s2 * s2) * sinT2 - phi2) /
    (M2 * (LC2 * LC2) + I2 - (d2 * d2) / d1);
  // θ̈1 = −(d2·θ̈2 + φ1) / d1
  const dd1 = -(d2 * dd2 + phi1) / d1;
  out[0] = s2;
  out[1] = s3;
  out[2] = dd1;
  out[3] = dd2;
}

/** Gymnasium's `wrap`: shifts x by multiples of (M − m) into [m, M]. */
export function wrapAngle(x: number, m: number, M: number): number {
  const diff = M - m;
  let y = x;
  while (y > M) y = y - diff;
  while (y < m) y = y + diff;
  return y;
}

/** Scratch arrays for one RK4 step (the four slopes and the unwrapped result). */
export class AcrobotWork {
  readonly k1 = new Float64Array(4);
  readonly k2 = new Float64Array(4);
  readonly k3 = new Float64Array(4);
  readonly k4 = new Float64Array(4);
  readonly next = new Float64Array(4);
}

/**
 * One Acrobot step on `state[offset .. offset + 4]` in place (θ1, θ2, θ̇1, θ̇2), as Gymnasium's
 * `step`: one RK4 step of the dynamics over dt = 0.2 with the torque held, angles wrapped into
 * [−π, π], velocities clipped to ±4π and ±9π. Returns whether the tip is above the bar:
 * −cos θ1 − cos(θ1 + θ2) > 1. Shared by `AcrobotEnv` and `AcrobotVectorEnv`, so both compute the same bits.
 */
export function acrobotStep(state: Float64Array, offset: number, torque: number, work: AcrobotWork): boolean {
  const { k1, k2, k3, k4, next } = work;
  const s0 = state[offset]!;
  const s1 = state[offset + 1]!;
  const s2 = state[offset + 2]!;
  const s3 = state[offset + 3]!;
  const dt = ACROBOT.dt;
  const dt2 = dt / 2.0;
  // RK4: k1 = f(y0), k2 = f(y0 + dt/2·k1), k3 = f(y0 + dt/2·k2), k4 = f(y0 + dt·k3)
  acrobotDerivatives(s0, s1, s2, s3, torque, k1);
  acrobotDerivatives(s0 + dt2 * k1[0]!, s1 + dt2 * k1[1]!, s2 + dt2 * k1[2]!, s3 + dt2 * k1[3]!, torque, k2);
  acrobotDerivatives(s0 + dt2 * k2[0]!, s1 + dt2 * k2[1]!, s2 + dt2 * k2[2]!, s3 + dt2 * k2[3]!, torque, k3);
  acrobotDerivatives(s0 + dt * k3[0]!, s1 + dt * k3[1]!, s2 + dt * k3[2]!, s3 + dt * k3[3]!, torque, k4);
  // y1 = y0 + dt/6·(k1 + 2k2 + 2k3 + k4)
  for (let i = 0; i < 4; i++) {
    next[i] = state[offset + i]! + (dt / 6.0) * (k1[i]! + 2 * k2[i]! + 2 * k3[i]! + k4[i]!);
  }
  const t1 = wrapAngle(next[0]!, -Math.PI, Math.PI);
  const t2 = wrapAngle(next[1]!, -Math.PI, Math.PI);
  state[offset] = t1;
  state[offset + 1] = t2;
  state[offset + 2] = Math.min(Math.max(next[2]!, -ACROBOT.maxVel1), ACROBOT.maxVel1);
  state[offset + 3] = Math.min(Math.max(next[3]!, -ACROBOT.maxVel2), ACROBOT.maxVel2);
  return -Math.cos(t1) - Math.cos(t2 + t1) > 1.0;
}

/**
 * Acrobot-v1, Gymnasium's dynamics step for step: the reset state is cast to float32, integration
 * is one RK4 step over [0, 0.2] in float64, angles wrapped into [−π, π], velocities clipped to
 * ±4π and ±9π; reward −1 per step and 0 on the terminating step.
 */
export class AcrobotEnv extends BaseEnv<Float32Array, number> implements StatefulEnv {
  readonly observationSpace = new Box(
    [-1, -1, -1, -1, -ACROBOT.maxVel1, -ACROBOT.maxVel2],
    [1, 1, 1, 1, ACROBOT.maxVel1, ACROBOT.maxVel2],
  );
  readonly actionSpace = new Discrete(3);
  private readonly s = new Float64Array(4);
  private readonly work = new AcrobotWork();

  constructor(options?: BaseEnvOptions) {
    super('Acrobot-v1', options, 15);
  }

  protected resetState(options: Record<string, unknown> | undefined): Float32Array {
    const { low, high } = parseResetBounds(this.id, options, -0.1, 0.1);
    for (let i = 0; i < 4; i++) this.s[i] = Math.fround(this.rng.uniform(low, high));
    return this.observe();
  }

  protected actionProblem(action: unknown): string | undefined {
    return discreteActionProblem(this.actionSpace, action);
  }

  protected transition(action: number): StepResult<Float32Array> {
    const terminated = acrobotStep(this.s, 0, ACROBOT.availTorque[action]!, this.work);
    return { obs: this.observe(), reward: terminated ? 0 : -1, terminated, truncated: false, info: {} };
  }

  private observe(): Float32Array {
    const s = this.s;
    return Float32Array.of(Math.cos(s[0]!), Math.sin(s[0]!), Math.cos(s[1]!), Math.sin(s[1]!), s[2]!, s[3]!);
  }

  getState(): number[] {
    return Array.from(this.s);
  }

  setState(state: ArrayLike<number>): void {
    checkStateVector(this.id, state, 4);
    for (let i = 0; i < 4; i++) this.s[i] = state[i]!;
  }

  render(): Frame {
    return renderAcrobot(this.s);
  }
}
