import { existsSync } from 'node:fs';

/** Where util-linux's `prlimit` usually lives (the child gets an empty environment, so no PATH lookup). */
const PRLIMIT_PATHS = ['/usr/bin/prlimit', '/bin/prlimit', '/usr/local/bin/prlimit'];

let found: string | null | undefined;

/** The `prlimit` binary, or null where there is none (then only the resident-size watchdog caps memory). */
export function prlimitPath(): string | null {
  if (found === undefined) found = PRLIMIT_PATHS.find((p) => existsSync(p)) ?? null;
  return found;
}

/**
 * How to start `node` with its data memory capped: `prlimit --data=N:N <node> …` execs node with
 * RLIMIT_DATA set (same pid, same IPC channel), so the kernel refuses every private writable mapping
 * beyond the cap: V8's heaps, native objects (ICU, ArrayBuffers), onnxruntime, tfjs. Unlike an
 * address-space limit it leaves V8's and WebAssembly's large PROT_NONE reservations alone.
 */
export function cappedLaunch(memoryMb: number): { execPath: string; prefix: string[] } | undefined {
  const prlimit = prlimitPath();
  if (!prlimit || process.platform !== 'linux') return undefined;
  const bytes = Math.floor(memoryMb * 1024 * 1024);
  return { execPath: prlimit, prefix: [`--data=${bytes}:${bytes}`, process.execPath] };
}
