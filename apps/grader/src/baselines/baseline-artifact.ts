import type { BaselineJobPayload } from '@critic/db';
import { make } from '@critic/envs';
import { InvalidPayloadError } from '../grading/payload';
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
 * Makes the baseline agent of `payload` for `envId`: `random` → a js-agent module drawing uniform
 * actions from its own seeded generator; `ppo` / `dqn` → a policy trained with @critic/core for
 * `budgetSteps` (in a child process), stored as a tfjs-layers zip.
 */
export async function makeBaselineArtifact(
  payload: BaselineJobPayload,
  envId: string,
  options: MakeBaselineOptions,
): Promise<BaselineArtifact> {
  if (payload.kind === 'random') {
    const source = randomAgentSource(actionSpaceOf(envId), payload.seed);
    return { format: 'js-agent', bytes: new TextEncoder().encode(source), curve: undefined };
  }
  const trained = await trainPolicyInChild(
    { envId, algorithm: payload.kind, budgetSteps: payload.budgetSteps, seed: payload.seed },
    { wallTimeMs: options.trainWallTimeMs, ...(options.signal ? { signal: options.signal } : {}) },
  );
  return { format: 'tfjs-layers', bytes: trained.zip, curve: trained.curve };
}
