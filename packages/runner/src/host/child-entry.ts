import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

/** How to start the child: the script and the Node flags it needs. */
export interface ChildEntry {
  /** The script given to `fork`. */
  script: string;
  /** Extra `execArgv` (a TS loader when running from source). */
  execArgv: string[];
}

const SOURCE_ENTRY = fileURLToPath(new URL('../child/main.ts', import.meta.url));
const PACKAGE_DIR = fileURLToPath(new URL('../..', import.meta.url));
// Resolved at run time from the package's own node_modules, never bundled.
const EXTERNAL = ['isolated-vm', 'onnxruntime-node', '@tensorflow/*', 'esbuild'];

let cached: Promise<ChildEntry> | undefined;

/** Running the TS source through tsx: always works, but costs ~0.5 s of transpiling per child start. */
function viaTsx(): ChildEntry {
  const tsx = createRequire(import.meta.url).resolve('tsx');
  return { script: SOURCE_ENTRY, execArgv: ['--import', pathToFileURL(tsx).href] };
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
