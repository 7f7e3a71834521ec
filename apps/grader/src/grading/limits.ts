import type { Assignment } from '@critic/db';
import {
  type ArtifactLimits,
  artifactLimitsForSize,
  DEFAULT_PYTHON_LIMITS,
  DEFAULT_SANDBOX_LIMITS,
  type PythonLimits,
  type SandboxLimits,
} from '@critic/runner';

/** Memory of the sandbox process beyond the V8 heap: Node itself, isolated-vm, onnxruntime, tfjs's wasm (~160 MiB measured) and headroom. */
const PROCESS_OVERHEAD_MB = 512;

/**
 * The wall-clock backstop of an evaluation whose CPU budget is `cpuMs`: three times it, and at least a
 * minute more. It only fires on a machine that starved the sandbox (a platform fault, retried).
 */
export function evaluationWallBackstopMs(cpuMs: number): number {
  return Math.max(3 * cpuMs, cpuMs + 60_000);
}

/**
 * The sandbox limits of an assignment: its time limit (`wallTimeMs`, judged as CPU time of the sandbox,
 * like `actTimeMs` per act call) and memory (the V8 heap; the whole process gets a fixed overhead more).
 */
export function sandboxLimitsOf(a: Assignment): SandboxLimits {
  const childHeapMb = Math.max(a.memoryMb, 128);
  return {
    ...DEFAULT_SANDBOX_LIMITS,
    callTimeoutMs: a.actTimeMs,
    totalCpuMs: a.wallTimeMs,
    wallTimeMs: evaluationWallBackstopMs(a.wallTimeMs),
    childHeapMb,
    processMemoryMb: childHeapMb + PROCESS_OVERHEAD_MB,
    // The isolate running student JS gets a quarter of the memory, at least isolated-vm's minimum.
    isolateMemoryMb: Math.max(8, Math.floor(a.memoryMb / 4)),
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
