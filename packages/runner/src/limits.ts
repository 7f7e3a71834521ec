/** Resource limits for loading and running one submission (per assignment, from its settings). */
export interface SandboxLimits {
  /** Heap limit of the isolate running student JS, in MiB (isolated-vm's memoryLimit; minimum 8). */
  isolateMemoryMb: number;
  /** V8 heap limit of the whole child process (models, tfjs, glue), in MiB. */
  childHeapMb: number;
  /** CPU time allowed for one `act` call or one check call, in milliseconds. */
  callTimeoutMs: number;
  /** CPU time allowed for the module's top-level code (and each `reset`), in milliseconds. */
  initTimeoutMs: number;
  /** Total CPU time of student JS over the whole evaluation, in milliseconds. */
  totalCpuMs: number;
  /** Wall-clock deadline of the whole evaluation (child start to close), in milliseconds; the child is killed after it. */
  wallTimeMs: number;
  /** Bytes of captured console output kept; the rest is replaced by a truncation marker. */
  consoleBytes: number;
}

/** Artifact size and shape limits, checked before anything runs. */
export interface ArtifactLimits {
  /** Largest JS/TS source accepted, in bytes. */
  maxSourceBytes: number;
  /** Largest total of model bytes (ONNX file, or declared tfjs weights), in bytes. */
  maxModelBytes: number;
  /** Largest `model.json` / `critic.json`, in bytes. */
  maxJsonBytes: number;
  /** Most entries in an uploaded zip. */
  maxZipEntries: number;
  /** Largest total uncompressed size of a zip, in bytes (enforced while inflating). */
  maxZipBytes: number;
}

/** Defaults sized for classic-control agents. */
export const DEFAULT_SANDBOX_LIMITS: SandboxLimits = {
  isolateMemoryMb: 64,
  childHeapMb: 512,
  callTimeoutMs: 100,
  initTimeoutMs: 2_000,
  totalCpuMs: 60_000,
  wallTimeMs: 120_000,
  consoleBytes: 64 * 1024,
};

/** Defaults sized for classic-control agents (a 64×64 MLP is ~20 KiB). */
export const DEFAULT_ARTIFACT_LIMITS: ArtifactLimits = {
  maxSourceBytes: 1024 * 1024,
  maxModelBytes: 32 * 1024 * 1024,
  maxJsonBytes: 1024 * 1024,
  maxZipEntries: 64,
  maxZipBytes: 48 * 1024 * 1024,
};

/**
 * The artifact limits of an assignment whose artifacts may be `maxArtifactBytes` large: models and
 * unzipped bytes up to that size (zips at least the default), sources up to the default or less. The
 * web app validates uploads with these limits and the grader re-validates with the same ones.
 */
export function artifactLimitsForSize(maxArtifactBytes: number): ArtifactLimits {
  return {
    ...DEFAULT_ARTIFACT_LIMITS,
    maxSourceBytes: Math.min(maxArtifactBytes, DEFAULT_ARTIFACT_LIMITS.maxSourceBytes),
    maxModelBytes: maxArtifactBytes,
    maxZipBytes: Math.max(maxArtifactBytes, DEFAULT_ARTIFACT_LIMITS.maxZipBytes),
  };
}

/** Fills unset fields with defaults and checks that every limit is a positive finite number. */
export function resolveLimits<T extends object>(defaults: T, given: Partial<T> | undefined, what: string): T {
  const out = { ...defaults, ...given };
  for (const [k, v] of Object.entries(out)) {
    if (typeof v !== 'number' || !Number.isFinite(v) || v <= 0) {
      throw new RangeError(`${what}.${k}: expected a positive finite number, got ${String(v)}`);
    }
  }
  return out;
}
