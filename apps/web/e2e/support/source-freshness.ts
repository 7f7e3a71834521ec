// Whether the production build in `.next` is older than the sources it was built from.
import fs from 'node:fs';
import path from 'node:path';

const SKIP = new Set(['node_modules', '.next', '.turbo', 'dist', 'e2e', 'test', 'bench', 'coverage']);

/** Newest modification time (ms) of any file under `dir`, skipping build outputs and tests. */
function newestUnder(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (SKIP.has(entry.name)) continue;
    const full = path.join(dir, entry.name);
    const t = entry.isDirectory() ? newestUnder(full) : fs.statSync(full).mtimeMs;
    if (t > newest) newest = t;
  }
  return newest;
}

/** True when `.next/BUILD_ID` is missing or any source of the web app or its workspace packages is newer. */
export function buildIsStale(webDir: string): boolean {
  const buildId = path.join(webDir, '.next', 'BUILD_ID');
  if (!fs.existsSync(buildId)) return true;
  const built = fs.statSync(buildId).mtimeMs;
  const packages = path.join(webDir, '..', '..', 'packages');
  const roots = [
    path.join(webDir, 'src'),
    path.join(webDir, 'next.config.ts'),
    ...fs.readdirSync(packages).map((p) => path.join(packages, p, 'src')),
  ];
  return roots.some(
    (r) =>
      fs.existsSync(r) && (fs.statSync(r).isDirectory() ? newestUnder(r) : fs.statSync(r).mtimeMs) > built,
  );
}
