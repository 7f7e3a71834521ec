/** Resource limits for loading and running one submission (per assignment, from its settings). */
export interface SandboxLimits {
  /** Heap limit of the isolate running student JS, in MiB (isolated-vm's memoryLimit; minimum 8). */
  isolateMemoryMb: number;
  /** V8 heap limit of the whole child process (models, tfjs, glue), in MiB. */
  childHeapMb: number;
  /**
   * Most bytes of data memory of the whole sandbox process (isolates, model runtimes, native objects
   * outside the V8 heap), in MiB: the kernel enforces it (RLIMIT_DATA) where `prlimit` exists, and a
   * watchdog reading the child's resident size ends it beyond this size everywhere /proc exists.
   */
  processMemoryMb: number;
  /** CPU time allowed for one `act` call or one check call, in milliseconds (measured as CPU, not wall, time). */
  callTimeoutMs: number;
  /** CPU time allowed for the module's top-level code (per instance) and each `reset`, in milliseconds. */
  initTimeoutMs: number;
  /** Total CPU time of the sandbox process (student JS, its model runtime) over the whole evaluation, in milliseconds. */
  totalCpuMs: number;
  /**
   * Wall-clock backstop of the whole evaluation (child start to close), in milliseconds: the child is
   * killed after it. It should be generous: when it fires while the CPU time is under `totalCpuMs` the
   * machine was starved, a platform fault (SandboxFaultError), never the student's verdict.
   */
  wallTimeMs: number;
  /** Bytes of captured console output kept; the rest is replaced by a truncation marker. */
  consoleBytes: number;
}

/**
 * The wall-clock backstop of one call whose CPU limit is `cpuMs`: ten times the limit plus a second.
 * A call still running then has either used its CPU time (time_limit) or got less than a tenth of a
 * core (a platform fault: retried). An endless loop at a load of 8 on 2 cores (a quarter of a core)
 * has used 2.5× its limit by then, so it still gets time_limit.
 */
export function callWallBackstopMs(cpuMs: number): number {
  return Math.ceil(10 * cpuMs + 1_000);
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
  processMemoryMb: 1024,
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
