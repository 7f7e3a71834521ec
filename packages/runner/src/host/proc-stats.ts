import { readFileSync } from 'node:fs';

/** What /proc says about a running process (Linux). */
export interface ProcStats {
  /** CPU time of all its threads, user + system, in milliseconds (10 ms resolution). */
  cpuMs: number;
  /** Resident set size now, in MiB. */
  rssMb: number;
  /** Peak resident set size (VmHWM), in MiB. */
  peakRssMb: number;
  /** Private writable memory (VmData: what RLIMIT_DATA caps), in MiB. */
  dataMb: number;
}

/** USER_HZ: the unit of /proc/<pid>/stat's times; 100 on every Linux architecture Node runs on. */
const CLOCK_TICKS_PER_SECOND = 100;

function kbField(status: string, name: string): number {
  const m = new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status);
  return m ? Number(m[1]) / 1024 : 0;
}

/** Reads /proc/<pid>/stat and /proc/<pid>/status; undefined where /proc has no such process (gone, or not Linux). */
export function readProcStats(pid: number): ProcStats | undefined {
  let stat: string;
  let status: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    status = readFileSync(`/proc/${pid}/status`, 'utf8');
  } catch {
    return undefined;
  }
  // Fields after the command name (which may hold spaces and parentheses): state is field 3, utime 14, stime 15.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]);
  if (!Number.isFinite(ticks)) return undefined;
  return {
    cpuMs: (ticks * 1000) / CLOCK_TICKS_PER_SECOND,
    rssMb: kbField(status, 'VmRSS'),
    peakRssMb: kbField(status, 'VmHWM'),
    dataMb: kbField(status, 'VmData'),
  };
}
