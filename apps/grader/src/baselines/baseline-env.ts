import { type Assignment, type Database, getCustomEnv } from '@critic/db';
import type { BlobStore } from '@critic/db/blob';
import { type JsonSpaceSpec, type SpaceSpec, spaceFromSpec } from '@critic/envs';
import { prepareCustomEnv } from '@critic/runner';
import { loadCustomEnv } from '../grading/custom-env-source';
import { InvalidPayloadError } from '../grading/payload';
import type { TrainCustomEnv } from './train-protocol';

/** The env a baseline is made for: a registered env id, or a custom env with what baselines need of it. */
export interface BaselineEnv {
  /** Registered env id, or `custom/…`. */
  envId: string;
  /** Present for a custom env (the assignment's `custom_env_id`). */
  custom?: {
    /** The action space from the env's stored check report (the random baseline draws from it). */
    actionSpace: SpaceSpec;
    /** The prepared module and step limit the training child steps in its isolate (none for a Python env.py). */
    training?: TrainCustomEnv;
  };
}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** The custom env's action space as its check report stored it; a missing or invalid one is permanent. */
function reportedActionSpace(envId: string, report: { actionSpace?: unknown } | null): SpaceSpec {
  if (report?.actionSpace === undefined) {
    throw new InvalidPayloadError(
      `baseline: custom env "${envId}": report.actionSpace: expected the action space from its check, found none (was the env checked?)`,
    );
  }
  try {
    return spaceFromSpec(report.actionSpace as JsonSpaceSpec).toSpec();
  } catch (e) {
    throw new InvalidPayloadError(`baseline: custom env "${envId}": report.actionSpace: ${message(e)}`);
  }
}

/**
 * What a baseline of assignment `a` (an agent assignment with an env) needs of its env. For a custom
 * env: the action space from its check report, and its module transpiled here (never run here) for
 * the training child. A module that does not prepare is permanent; a missing blob is a platform fault.
 */
export async function loadBaselineEnv(
  db: Database,
  blobs: BlobStore,
  a: Assignment & { envId: string },
): Promise<BaselineEnv> {
  if (a.customEnvId === null) return { envId: a.envId };
  const row = await getCustomEnv(db, a.customEnvId);
  const actionSpace = reportedActionSpace(row.envId, row.report);
  // A Python env.py is stepped only in the Python sandbox: random baselines yes, no isolate training.
  if (row.language === 'python') return { envId: row.envId, custom: { actionSpace } };
  const loaded = await loadCustomEnv(db, blobs, a);
  if (loaded === undefined) throw new Error(`baseline: custom env "${row.envId}" vanished while loading`);
  let module: TrainCustomEnv['module'];
  try {
    module = await prepareCustomEnv({ source: loaded.source });
  } catch (e) {
    throw new InvalidPayloadError(
      `baseline: custom env "${row.envId}": its module does not load: ${message(e)}`,
    );
  }
  return {
    envId: row.envId,
    custom: { actionSpace, training: { module, maxEpisodeSteps: loaded.maxEpisodeSteps } },
  };
}
