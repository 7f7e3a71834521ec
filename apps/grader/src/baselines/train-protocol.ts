import type { PreparedModule } from '@critic/runner';

/**
 * A custom env to train in, as the training child steps it: a JS/TS module as the runner prepares it
 * (stepped in an isolate of the child), or a group's Python env.py with its asset files (stepped in
 * the Python sandbox, with the custom env limits).
 */
export type TrainCustomEnv =
  | {
      language: 'js';
      /** `prepareCustomEnv`'s output (transpiled, never run in the parent). */
      module: PreparedModule;
      /** Episodes are truncated after this many steps. */
      maxEpisodeSteps: number;
    }
  | {
      language: 'python';
      /** env.py and its asset files (`pythonEnvFiles` of the stored blob). */
      files: Record<string, Uint8Array>;
      /** Episodes are truncated after this many steps. */
      maxEpisodeSteps: number;
    };

/** What the parent asks the training child for (one request per child). */
export interface TrainRequest {
  /** Registered env id, or the `custom/…` id of `customEnv`. */
  envId: string;
  /** Present for a custom env: the child steps it (isolate or Python sandbox) instead of `makeVec(envId)`. */
  customEnv?: TrainCustomEnv;
  /** Learner from @critic/core. */
  algorithm: 'ppo' | 'dqn';
  /** Env steps of training, summed over sub-envs. */
  budgetSteps: number;
  /** Seed of weights, sampling and envs. */
  seed: number;
  /** A Python-backed env's assignment options (Atari preprocessing). */
  envOptions?: { atariPreprocessing?: boolean };
}

/** One point of the training curve: an episode's return at the env step it ended. */
export interface CurvePoint {
  step: number;
  return: number;
}

/** The child's one answer. */
export type TrainResponse =
  | {
      ok: true;
      /** Zip of model.json, weights.bin and critic.json (the stored tfjs-layers format). */
      zip: Uint8Array;
      /** Episodic returns seen while training (downsampled). */
      curve: CurvePoint[];
      /** The TensorFlow.js backend that trained it. */
      backend: string;
    }
  | {
      ok: false;
      /** `invalid`: the request can never succeed (unknown env, wrong action space, a custom env whose own code fails); `crash`: anything else. */
      kind: 'invalid' | 'crash';
      message: string;
    };
