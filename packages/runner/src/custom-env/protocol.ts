import type { CheckEnvOptions, Frame, JsonSpaceSpec } from '@critic/envs';

/** What `checkCustomEnv` reports (the shape stored in `custom_envs.report`). */
export interface CustomEnvReport {
  /** True when every check passed. */
  passed: boolean;
  /** Every check run, in order, with its outcome and, on failure, the checker's message. */
  checks: CustomEnvCheck[];
  /** The env's observation space as `spaceSpecToJson` writes it (when it could be read). */
  observationSpace?: JsonSpaceSpec;
  /** The env's action space as `spaceSpecToJson` writes it (when it could be read). */
  actionSpace?: JsonSpaceSpec;
}

/** One check of the report: a `checkEnv` check name, or `module` / `time_limit` / `memory_limit`. */
export interface CustomEnvCheck {
  /** Check name, e.g. `step-observation`, `reward-finite`, `time_limit`. */
  name: string;
  passed: boolean;
  /** The failure (or, on a passed check, a warning prefixed `warning: `). */
  message?: string;
}

/** The env's spaces, as JSON-safe specs. */
export interface CustomEnvSpaces {
  observationSpace: JsonSpaceSpec;
  actionSpace: JsonSpaceSpec;
}

/** A batch of steps over the sandboxed envs (struct of arrays, `rows` envs). */
export interface EnvStepBatch {
  /** rows × obsSize observations. */
  obs: Float32Array;
  rewards: Float64Array;
  /** 1 where the env's episode terminated at this step. */
  terminated: Uint8Array;
  /** 1 where it was truncated (by the env or by `maxEpisodeSteps`). */
  truncated: Uint8Array;
}

/** Parent → child calls on an opened custom env (`op: 'env'`). */
export type EnvCall =
  | { type: 'check'; options: CheckEnvOptions }
  | { type: 'spaces' }
  | { type: 'reset'; seeds: number[] }
  | { type: 'step'; actions: Float64Array }
  | { type: 'render'; index: number }
  | { type: 'trajectory'; seed: number; actions: (number | number[])[] };

/** What each call answers: check → CustomEnvReport, spaces → CustomEnvSpaces, reset → Float32Array, step → EnvStepBatch, render → Frame, trajectory → Frame[]. */
export type EnvCallResult = CustomEnvReport | CustomEnvSpaces | Float32Array | EnvStepBatch | Frame | Frame[];
