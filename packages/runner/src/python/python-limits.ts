/** Limits of one Python sandbox beyond the assignment's SandboxLimits (which give the per-call CPU times). */
export interface PythonLimits {
  /** RLIMIT_AS of the child: address space in MiB (torch and jax map ~0.6 and ~1.9 GiB at import). */
  addressSpaceMb: number;
  /** CPU time for the module's top-level code (imports of torch or jax included), in ms. */
  importCpuMs: number;
  /** Like idleMs, for the module's top-level code (reading torch or jax from a cold disk blocks on I/O). */
  importIdleMs: number;
  /** A call whose main thread sleeps or blocks (not running, not waiting for a CPU) this long ends with time_limit, in ms. */
  idleMs: number;
  /** Wall-clock backstop per request, in ms: passing it is a platform fault (an overloaded machine), not a verdict. */
  wallBackstopMs: number;
  /** RLIMIT_NPROC: processes and threads of the sandbox. */
  processes: number;
  /** RLIMIT_FSIZE: largest file the child may write, in bytes. */
  fileBytes: number;
  /** RLIMIT_NOFILE: open file descriptors. */
  openFiles: number;
  /** Size of the private writable tmpfs (cwd and /tmp, each), in bytes. */
  tmpfsBytes: number;
}

/** Defaults sized for classic-control agents and homework functions with torch or jax. */
export const DEFAULT_PYTHON_LIMITS: PythonLimits = {
  addressSpaceMb: 4096,
  importCpuMs: 30_000,
  importIdleMs: 120_000,
  idleMs: 10_000,
  wallBackstopMs: 600_000,
  processes: 64,
  fileBytes: 16 * 1024 * 1024,
  openFiles: 256,
  tmpfsBytes: 64 * 1024 * 1024,
};
