import { BaseEnv, type BaseEnvOptions, discreteActionProblem } from '../base-env';
import { float32Of4 } from '../float32-vector';
import { portableCos, portableSin } from '../portable-trig';
import { renderCartPole } from '../render/cartpole';
import { Box, Discrete } from '../spaces';
import type { Frame, StepResult } from '../types';
import { checkStateVector, parseResetBounds } from './reset-bounds';
import type { StatefulEnv } from './stateful';

/** Gymnasium's CartPole constants (classic_control/cartpole.py). */
export const CARTPOLE = {
  gravity: 9.8,
  massCart: 1.0,
  massPole: 0.1,
  totalMass: 0.1 + 1.0,
  length: 0.5,
  poleMassLength: 0.1 * 0.5,
  forceMag: 10.0,
  tau: 0.02,
  thetaThreshold: (12 * 2 * Math.PI) / 360,
  xThreshold: 2.4,
} as const;

/**
 * CartPole-v1 (Barto, Sutton & Anderson, 1983), Gymnasium's dynamics step for step: float64 state
 * (x, ẋ, θ, θ̇), observation = float32(state), explicit Euler with the old values, reward 1 on every
 * step including the terminating one (0 for steps after termination, as Gymnasium).
 */
export class CartPoleEnv extends BaseEnv<Float32Array, number> implements StatefulEnv {
  readonly observationSpace = new Box(
    [-CARTPOLE.xThreshold * 2, -Infinity, -CARTPOLE.thetaThreshold * 2, -Infinity],
    [CARTPOLE.xThreshold * 2, Infinity, CARTPOLE.thetaThreshold * 2, Infinity],
  );
  readonly actionSpace = new Discrete(2);
  private x = 0;
  private xDot = 0;
  private theta = 0;
  private thetaDot = 0;

  constructor(options?: BaseEnvOptions) {
    super('CartPole-v1', options, 50);
  }

  protected resetState(options: Record<string, unknown> | undefined): Float32Array {
    const { low, high } = parseResetBounds(this.id, options, -0.05, 0.05);
    this.x = this.rng.uniform(low, high);
    this.xDot = this.rng.uniform(low, high);
    this.theta = this.rng.uniform(low, high);
    this.thetaDot = this.rng.uniform(low, high);
    return float32Of4(this.x, this.xDot, this.theta, this.thetaDot);
  }

  protected actionProblem(action: unknown): string | undefined {
    return discreteActionProblem(this.actionSpace, action);
  }

  protected transition(action: number): StepResult<Float32Array> {
    const { x, xDot, theta, thetaDot } = this;
    const force = action === 1 ? CARTPOLE.forceMag : -CARTPOLE.forceMag;
    const cosTheta = portableCos(theta);
    const sinTheta = portableSin(theta);
    // temp = (F + m_p·l·θ̇²·sinθ) / (m_c + m_p)
    const temp = (force + CARTPOLE.poleMassLength * (thetaDot * thetaDot) * sinTheta) / CARTPOLE.totalMass;
    // θ̈ = (g·sinθ − cosθ·temp) / (l·(4/3 − m_p·cos²θ / (m_c + m_p)))
    const thetaAcc =
      (CARTPOLE.gravity * sinTheta - cosTheta * temp) /
      (CARTPOLE.length * (4.0 / 3.0 - (CARTPOLE.massPole * (cosTheta * cosTheta)) / CARTPOLE.totalMass));
    // ẍ = temp − m_p·l·θ̈·cosθ / (m_c + m_p)
    const xAcc = temp - (CARTPOLE.poleMassLength * thetaAcc * cosTheta) / CARTPOLE.totalMass;
    this.x = x + CARTPOLE.tau * xDot;
    this.xDot = xDot + CARTPOLE.tau * xAcc;
    this.theta = theta + CARTPOLE.tau * thetaDot;
    this.thetaDot = thetaDot + CARTPOLE.tau * thetaAcc;
    const terminated =
      this.x < -CARTPOLE.xThreshold ||
      this.x > CARTPOLE.xThreshold ||
      this.theta < -CARTPOLE.thetaThreshold ||
      this.theta > CARTPOLE.thetaThreshold;
    return {
      obs: float32Of4(this.x, this.xDot, this.theta, this.thetaDot),
      reward: this.afterTermination ? 0 : 1,
      terminated,
      truncated: false,
      info: {},
    };
  }

  getState(): number[] {
    return [this.x, this.xDot, this.theta, this.thetaDot];
  }

  setState(state: ArrayLike<number>): void {
    checkStateVector(this.id, state, 4);
    this.x = state[0]!;
    this.xDot = state[1]!;
    this.theta = state[2]!;
    this.thetaDot = state[3]!;
  }

  render(): Frame {
    return renderCartPole(this.getState());
  }
}
