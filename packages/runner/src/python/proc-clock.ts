import { readdirSync, readFileSync } from 'node:fs';

// Linux reports CPU times in /proc/<pid>/stat in USER_HZ ticks, which is 100 on every architecture.
const MS_PER_TICK = 10;

function readText(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

/** utime + stime + cutime + cstime of one process (all its threads, and its waited-for children), in ms. */
export function processCpuMs(pid: number): number {
  const stat = readText(`/proc/${pid}/stat`);
  if (!stat) return 0;
  // Fields after the command (which may contain spaces and parentheses): state is field 3.
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14]);
  return Number.isFinite(ticks) ? ticks * MS_PER_TICK : 0;
}

/** The direct children of a process (over all its threads). */
export function childPids(pid: number): number[] {
  let tasks: string[];
  try {
    tasks = readdirSync(`/proc/${pid}/task`);
  } catch {
    return [];
  }
  const out: number[] = [];
  for (const t of tasks) {
    const text = readText(`/proc/${pid}/task/${t}/children`);
    if (text) for (const c of text.trim().split(/\s+/)) if (c) out.push(Number(c));
  }
  return out;
}

/** CPU time of a process and all its descendants (a sandbox's whole process tree), in ms. */
export function treeCpuMs(root: number): number {
  let total = 0;
  const stack = [root];
  let guard = 0;
  while (stack.length > 0 && guard++ < 4096) {
    const pid = stack.pop()!;
    total += processCpuMs(pid);
    stack.push(...childPids(pid));
  }
  return total;
}

/**
 * Nanoseconds one thread spent on a CPU and waiting for one (/proc/<pid>/schedstat); the rest of
 * the wall time it slept or blocked. Undefined when the process is gone.
 */
export function schedTimes(pid: number): { runNs: number; waitNs: number } | undefined {
  const text = readText(`/proc/${pid}/schedstat`);
  if (!text) return undefined;
  const [run, wait] = text.trim().split(/\s+/).map(Number);
  if (!Number.isFinite(run) || !Number.isFinite(wait)) return undefined;
  return { runNs: run!, waitNs: wait! };
}
