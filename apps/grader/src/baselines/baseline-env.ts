import { type Assignment, type Database, getCustomEnv } from '@critic/db';
import type { BlobStore } from '@critic/db/blob';
import { type JsonSpaceSpec, type SpaceSpec, spaceFromSpec } from '@critic/envs';
import { type PreparedModule, prepareCustomEnv, pythonEnvFiles } from '@critic/runner';
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
    /** What the training child steps: the prepared module (isolate) or env.py's files (Python sandbox). */
    training: TrainCustomEnv;
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
 * env: the action space from its check report, and what the training child steps — a JS/TS module
 * transpiled here (never run here), or a Python env's files (env.py and its assets, never run here).
 * A module that does not prepare, or a zip that does not unpack, is permanent; a missing blob is a
 * platform fault.
 */
export async function loadBaselineEnv(
  db: Database,
  blobs: BlobStore,
  a: Assignment & { envId: string },
): Promise<BaselineEnv> {
  if (a.customEnvId === null) return { envId: a.envId };
  const row = await getCustomEnv(db, a.customEnvId);
  const actionSpace = reportedActionSpace(row.envId, row.report);
  const loaded = await loadCustomEnv(db, blobs, a);
  if (loaded === undefined) throw new Error(`baseline: custom env "${row.envId}" vanished while loading`);
  const { maxEpisodeSteps } = loaded;
  if (loaded.language === 'python') {
    let files: Record<string, Uint8Array>;
    try {
      files = pythonEnvFiles(loaded.bytes);
    } catch (e) {
      throw new InvalidPayloadError(
        `baseline: custom env "${row.envId}": its files do not unpack: ${message(e)}`,
      );
    }
    return {
      envId: row.envId,
      custom: { actionSpace, training: { language: 'python', files, maxEpisodeSteps } },
    };
  }
  let module: PreparedModule;
  try {
    module = await prepareCustomEnv({ source: loaded.source });
  } catch (e) {
    throw new InvalidPayloadError(
      `baseline: custom env "${row.envId}": its module does not load: ${message(e)}`,
    );
  }
  return { envId: row.envId, custom: { actionSpace, training: { language: 'js', module, maxEpisodeSteps } } };
}
