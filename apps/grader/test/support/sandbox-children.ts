import { readdirSync, readFileSync } from 'node:fs';

/** Pids of this process's sandbox children (the runner's bundled child entry), from /proc. */
export function sandboxChildren(parent: number = process.pid): number[] {
  const pids: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid !== parent) continue;
      const cmdline = readFileSync(`/proc/${name}/cmdline`, 'utf8');
      if (/packages\/runner\/(\.cache\/child-|src\/child\/main)/.test(cmdline)) pids.push(Number(name));
    } catch {
      // The process ended while we looked.
    }
  }
  return pids;
}
