import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

/** How to start the child: the script and the Node flags it needs. */
export interface ChildEntry {
  /** The script given to `fork`. */
  script: string;
  /** Extra `execArgv` (a TS loader when running from source). */
  execArgv: string[];
}

// path.join rather than `new URL('…', import.meta.url)`: bundlers (Next) treat the latter as an asset import.
const HOST_DIR = dirname(fileURLToPath(import.meta.url));
const SOURCE_ENTRY = join(HOST_DIR, '..', 'child', 'main.ts');
const PACKAGE_DIR = join(HOST_DIR, '..', '..');
// Resolved at run time from the package's own node_modules, never bundled.
const EXTERNAL = ['isolated-vm', 'onnxruntime-node', '@tensorflow/*', 'esbuild'];

let cached: Promise<ChildEntry> | undefined;

/** Running the TS source through tsx: always works, but costs ~0.5 s of transpiling per child start. */
function viaTsx(): ChildEntry {
  // Node resolves `tsx` from the child's cwd (the package), not here: bundlers leave it alone.
  return { script: SOURCE_ENTRY, execArgv: ['--import', 'tsx'] };
}

async function bundle(): Promise<ChildEntry> {
  if (!SOURCE_ENTRY.endsWith('.ts')) return { script: SOURCE_ENTRY, execArgv: [] };
  const out = await build({
    entryPoints: [SOURCE_ENTRY],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    external: EXTERNAL,
    write: false,
    logLevel: 'silent',
  });
  const text = out.outputFiles[0]?.text;
  if (!text) throw new Error('esbuild produced no child bundle');
  const hash = createHash('sha256').update(text).digest('hex').slice(0, 16);
  // Inside the package, so that the externals resolve exactly as they do for the sources.
  const dir = join(PACKAGE_DIR, '.cache');
  const file = join(dir, `child-${hash}.mjs`);
  if (!existsSync(file)) {
    mkdirSync(dir, { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, text);
    renameSync(tmp, file);
  }
  return { script: file, execArgv: [] };
}

/**
 * The child's entry: a bundle of src/child built once per grader process with esbuild and cached
 * under packages/runner/.cache (content-addressed), or, where that cannot be written, the TS source
 * run through tsx.
 */
export function childEntry(): Promise<ChildEntry> {
  cached ??= bundle().catch(() => viaTsx());
  return cached;
}

/** Exposed for diagnostics: where the sources of the child live. */
export const CHILD_SOURCE_DIR = dirname(SOURCE_ENTRY);
