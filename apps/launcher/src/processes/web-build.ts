import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Newest modification time (ms) of `path` or the files under it, skipping node_modules and dot-entries; 0 when absent. */
export function newestMtime(path: string): number {
  const st = statSync(path, { throwIfNoEntry: false });
  if (st === undefined) return 0;
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = 0;
  for (const e of readdirSync(path, { withFileTypes: true })) {
    if (e.name === 'node_modules' || e.name.startsWith('.')) continue;
    const p = join(path, e.name);
    if (e.isDirectory()) newest = Math.max(newest, newestMtime(p));
    else if (e.isFile()) newest = Math.max(newest, statSync(p).mtimeMs);
  }
  return newest;
}

/** Whether `next build` must run before `next start`, and why. */
export function webBuildStatus(
  webDir: string,
  sources: readonly string[],
): { stale: boolean; reason: string } {
  let built: number;
  try {
    built = statSync(join(webDir, '.next', 'BUILD_ID')).mtimeMs;
  } catch {
    return { stale: true, reason: 'no production build yet (.next/BUILD_ID is missing)' };
  }
  for (const source of sources) {
    if (newestMtime(source) > built) return { stale: true, reason: `${source} changed since the last build` };
  }
  return { stale: false, reason: 'the production build is up to date' };
}
