import type { Space } from './spaces';

/** Free-form per-step information, as Gymnasium's `info` dict. */
export type Info = Record<string, unknown>;

/** Discrete actions are integers; continuous actions are float arrays of the action space's size. */
export type Action = number | ArrayLike<number>;

/** Box observations are float32 arrays; discrete observations (toy text) are integers. */
export type Observation = Float32Array | number;

export interface ResetOptions {
  /** Seeds the env's PRNG; omitted, the env continues its current stream (or seeds from 0 at first reset). */
  seed?: number;
  /** Env-specific options, e.g. CartPole's `{ low, high }` reset bounds. */
  options?: Record<string, unknown>;
}

export interface ResetResult<O = Observation> {
  obs: O;
  info: Info;
}

export interface StepResult<O = Observation> {
  obs: O;
  reward: number;
  terminated: boolean;
  truncated: boolean;
  info: Info;
}

/** Registration facts, as Gymnasium's `EnvSpec`. */
export interface EnvSpec {
  id: string;
  maxEpisodeSteps: number | undefined;
  rewardThreshold: number | undefined;
  /** Whether the dynamics are deterministic given the seed (all of Critic's are). */
  nondeterministic: boolean;
}

/** A frame as plain data: shapes in world coordinates, drawn by the web app on a canvas. */
export interface Frame {
  /** World rectangle to map onto the canvas. */
  viewport: { xMin: number; xMax: number; yMin: number; yMax: number };
  shapes: Shape[];
}

export type Shape =
  | { kind: 'line'; points: [number, number][]; stroke: string; width: number }
  | { kind: 'polygon'; points: [number, number][]; fill: string; stroke?: string }
  | { kind: 'circle'; center: [number, number]; radius: number; fill: string; stroke?: string }
  | { kind: 'text'; at: [number, number]; text: string; fill: string; size: number };

/** Gymnasium's `Env` API. */
export interface Env<O = Observation, A = Action> {
  readonly observationSpace: Space<O>;
  readonly actionSpace: Space<A>;
  readonly spec: EnvSpec | undefined;
  readonly metadata: { renderFps: number };
  reset(opts?: ResetOptions): ResetResult<O>;
  step(action: A): StepResult<O>;
  /** The current state drawn as a frame. */
  render(): Frame;
  close(): void;
}
