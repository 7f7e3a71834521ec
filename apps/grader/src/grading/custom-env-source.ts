import { type Assignment, type Database, getCustomEnv } from '@critic/db';
import type { BlobStore } from '@critic/db/blob';
import { DEFAULT_ARTIFACT_LIMITS } from '@critic/runner';
import { readBlob } from '../artifact/read-blob';

/** The custom env an assignment is graded in: its id, module source and episode step limit. */
export interface CustomEnvForGrading {
  /** `custom/…`, written into trajectories like a registered env id. */
  envId: string;
  /** The module's source (run sandboxed, never in the worker); for Python, the stored bytes as text (unused). */
  source: string;
  /** `js` (a createEnv module run in the isolate) or `python` (env.py run by Gymnasium in the Python sandbox). */
  language: 'js' | 'python';
  /** The stored blob: the JS module, or env.py / a zip of env.py and its assets. */
  bytes: Uint8Array;
  /** `<envId>@sha256:<source hash>`: the content that defines its dynamics, recorded in evaluations. */
  version: string;
  /** Episodes are truncated after this many steps (the env's own limit, else DEFAULT_CUSTOM_ENV_STEPS). */
  maxEpisodeSteps: number;
}

/** Step limit of a custom env stored without one, so that every graded episode ends. */
export const DEFAULT_CUSTOM_ENV_STEPS = 1000;

/** Loads the custom env of an assignment (undefined for a registered env); a missing blob is thrown (platform). */
export async function loadCustomEnv(
  db: Database,
  blobs: BlobStore,
  a: Assignment,
): Promise<CustomEnvForGrading | undefined> {
  if (a.customEnvId === null) return undefined;
  const env = await getCustomEnv(db, a.customEnvId);
  const maxBytes =
    env.language === 'python' ? DEFAULT_ARTIFACT_LIMITS.maxZipBytes : DEFAULT_ARTIFACT_LIMITS.maxSourceBytes;
  const bytes = await readBlob(blobs, env.sourceSha256, maxBytes);
  return {
    envId: env.envId,
    language: env.language,
    bytes,
    source: new TextDecoder().decode(bytes),
    version: `${env.envId}@sha256:${env.sourceSha256}`,
    maxEpisodeSteps: env.maxEpisodeSteps ?? DEFAULT_CUSTOM_ENV_STEPS,
  };
}
