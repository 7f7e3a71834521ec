import type { Assignment } from '@critic/db';
import {
  type ArtifactLimits,
  artifactLimitsForSize,
  DEFAULT_PYTHON_LIMITS,
  DEFAULT_SANDBOX_LIMITS,
  type PythonLimits,
  type SandboxLimits,
} from '@critic/runner';

/** The sandbox limits of an assignment: its wall time, time per act call and memory. */
export function sandboxLimitsOf(a: Assignment): SandboxLimits {
  return {
    ...DEFAULT_SANDBOX_LIMITS,
    callTimeoutMs: a.actTimeMs,
    wallTimeMs: a.wallTimeMs,
    childHeapMb: Math.max(a.memoryMb, 128),
    // The isolate running student JS gets a quarter of the memory, at least isolated-vm's minimum.
    isolateMemoryMb: Math.max(8, Math.floor(a.memoryMb / 4)),
    totalCpuMs: a.wallTimeMs,
  };
}

/** The artifact limits of an assignment: its size limit bounds models, sources and unzipped bytes. */
export function artifactLimitsOf(a: Assignment): ArtifactLimits {
  return artifactLimitsForSize(a.maxArtifactBytes);
}

/**
 * The Python sandbox limits of an assignment: address space four times its memory (torch and jax
 * reserve far more address space than they touch), at least the default.
 */
export function pythonLimitsOf(a: Assignment): Partial<PythonLimits> {
  return { addressSpaceMb: Math.max(DEFAULT_PYTHON_LIMITS.addressSpaceMb, 4 * a.memoryMb) };
}
