import type { BaselineJobPayload } from '@critic/db';
import { isPythonEnvId, make, pythonEnvDescription, pythonSpace } from '@critic/envs';
import { InvalidPayloadError } from '../grading/payload';
import type { BaselineEnv } from './baseline-env';
import { randomAgentSource } from './random-agent';
import { trainPolicyInChild } from './train-policy';
import type { CurvePoint } from './train-protocol';

/** A baseline agent ready to store, in one of the grader's stored formats. */
export interface BaselineArtifact {
  format: 'js-agent' | 'tfjs-layers';
  bytes: Uint8Array;
  /** Episodic returns while training (trained baselines only). */
  curve: CurvePoint[] | undefined;
}

/** Options of `makeBaselineArtifact`. */
export interface MakeBaselineOptions {
  /** Training is killed after this long. */
  trainWallTimeMs: number;
  /** Aborting stops training. */
  signal?: AbortSignal | undefined;
}

function actionSpaceOf(envId: string) {
  // A Python-backed env's action space comes from the static catalogue (no Python started here).
  if (isPythonEnvId(envId)) return pythonSpace(pythonEnvDescription(envId).actionSpace).toSpec();
  try {
    const env = make(envId);
    try {
      return env.actionSpace.toSpec();
    } finally {
      env.close();
    }
  } catch (e) {
    throw new InvalidPayloadError(`baseline: env "${envId}": ${e instanceof Error ? e.message : String(e)}`);
  }
}

/**
 * Makes the baseline agent of `payload` for `env`: `random` → a js-agent module drawing uniform
 * actions from its own seeded generator (a custom env's action space comes from its check report);
 * `ppo` / `dqn` → a policy trained with @critic/core for `budgetSteps` in a child process (a custom
 * env is stepped there in an isolate, or a Python env.py in the Python sandbox), stored as a
 * tfjs-layers zip.
 */
export async function makeBaselineArtifact(
  payload: BaselineJobPayload,
  env: BaselineEnv,
  options: MakeBaselineOptions,
): Promise<BaselineArtifact> {
  const { envId, custom } = env;
  if (payload.kind === 'random') {
    const space = custom ? custom.actionSpace : actionSpaceOf(envId);
    const source = randomAgentSource(space, payload.seed);
    return { format: 'js-agent', bytes: new TextEncoder().encode(source), curve: undefined };
  }
  const trained = await trainPolicyInChild(
    {
      envId,
      ...(custom ? { customEnv: custom.training } : {}),
      algorithm: payload.kind,
      budgetSteps: payload.budgetSteps,
      seed: payload.seed,
    },
    { wallTimeMs: options.trainWallTimeMs, ...(options.signal ? { signal: options.signal } : {}) },
  );
  return { format: 'tfjs-layers', bytes: trained.zip, curve: trained.curve };
}
