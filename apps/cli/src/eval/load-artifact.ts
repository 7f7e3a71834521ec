import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, extname, join, relative, resolve } from 'node:path';
import {
  DEFAULT_ARTIFACT_LIMITS,
  InvalidArtifactError,
  type PolicyArtifact,
  unzipArtifact,
} from '@critic/runner';
import { UsageError } from '../io';

/** The agent formats `critic eval --format` accepts. */
export const AGENT_FORMATS = ['tfjs-layers', 'onnx', 'js-agent', 'python-agent'] as const;
export type AgentFormat = (typeof AGENT_FORMATS)[number];

const MODULE_EXTENSIONS = new Set(['.js', '.mjs', '.cjs', '.ts', '.mts', '.cts']);

const isZip = (b: Uint8Array) =>
  b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;

/** The format a path's name implies, or undefined when only the content can tell (a zip). */
function formatFromName(path: string): AgentFormat | undefined {
  const ext = extname(path).toLowerCase();
  if (MODULE_EXTENSIONS.has(ext)) return 'js-agent';
  if (ext === '.py') return 'python-agent';
  if (ext === '.onnx') return 'onnx';
  if (ext === '.json') return 'tfjs-layers';
  return undefined;
}

/** A zip with agent.py is a Python agent; one holding an `.onnx` file ONNX; any other zip tfjs-layers. */
function zipFormat(bytes: Uint8Array): AgentFormat {
  const names = Object.keys(unzipArtifact(bytes, DEFAULT_ARTIFACT_LIMITS));
  if (names.some((n) => n === 'agent.py' || /^[^/]+\/agent\.py$/.test(n))) return 'python-agent';
  return names.some((n) => n.toLowerCase().endsWith('.onnx')) ? 'onnx' : 'tfjs-layers';
}

/** Every file under a Python agent's folder (relative paths), without caches and hidden files. */
function folderFiles(dir: string, prefix = ''): Record<string, Uint8Array> {
  const files: Record<string, Uint8Array> = {};
  for (const entry of readdirSync(join(dir, prefix), { withFileTypes: true })) {
    if (entry.name.startsWith('.') || entry.name === '__pycache__') continue;
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) Object.assign(files, folderFiles(dir, rel));
    else if (entry.isFile()) files[rel] = new Uint8Array(readFileSync(join(dir, rel)));
  }
  return files;
}

/** The files of a tfjs model: model.json, the shards its weightsManifest names, and critic.json if beside it. */
function tfjsFiles(modelJsonPath: string): Record<string, Uint8Array> {
  const dir = dirname(modelJsonPath);
  const modelJson = readFileSync(modelJsonPath);
  const files: Record<string, Uint8Array> = { 'model.json': modelJson };
  let manifest: unknown;
  try {
    manifest = JSON.parse(modelJson.toString('utf8'));
  } catch (error) {
    throw new InvalidArtifactError(`model.json is not valid JSON: ${(error as Error).message}`, {
      file: 'model.json',
    });
  }
  const groups = (manifest as { weightsManifest?: unknown }).weightsManifest;
  for (const group of Array.isArray(groups) ? groups : []) {
    const paths = (group as { paths?: unknown }).paths;
    for (const p of Array.isArray(paths) ? paths : []) {
      if (typeof p !== 'string') continue;
      const full = resolve(dir, p);
      // Shards outside the model's folder or missing are left out: the runner's validation names them.
      if (relative(dir, full).startsWith('..') || !existsSync(full)) continue;
      files[p] = readFileSync(full);
    }
  }
  const critic = join(dir, 'critic.json');
  if (existsSync(critic)) files['critic.json'] = readFileSync(critic);
  return files;
}

/** Picks the format: `--format` if given, else the file name, else (a zip) its content. */
function detectFormat(
  path: string,
  bytes: Uint8Array | undefined,
  format: AgentFormat | undefined,
): AgentFormat {
  if (format !== undefined) return format;
  const byName = formatFromName(path);
  if (byName !== undefined) return byName;
  if (bytes !== undefined && isZip(bytes)) return zipFormat(bytes);
  throw new UsageError(
    `eval: cannot tell the format of ${JSON.stringify(basename(path))}; expected an agent.py, a .js/.ts module, an .onnx file, a model.json or a .zip — or pass --format ${AGENT_FORMATS.join('|')}`,
  );
}

/**
 * Reads an agent from disk into the runner's artifact, the way the grader decodes an upload:
 * a module's UTF-8 source; an .onnx file (or a zip of one .onnx and critic.json); a tfjs model as
 * model.json with its shards (or their zip); a Python agent's agent.py, or a folder or zip holding
 * agent.py and the files it loads. Another folder stands for the model.json inside it.
 */
export function loadAgentArtifact(path: string, format?: AgentFormat): PolicyArtifact {
  if (!existsSync(path)) throw new UsageError(`eval: artifact ${JSON.stringify(path)} does not exist`);
  let file = path;
  if (statSync(path).isDirectory() && existsSync(join(path, 'agent.py'))) {
    return { format: 'python-agent', files: folderFiles(path) };
  }
  if (statSync(path).isDirectory()) {
    file = join(path, 'model.json');
    if (!existsSync(file)) {
      throw new UsageError(
        `eval: folder ${JSON.stringify(path)} has no model.json; pass the artifact file itself`,
      );
    }
  }
  const bytes = new Uint8Array(readFileSync(file));
  const chosen = detectFormat(file, bytes, format);
  switch (chosen) {
    case 'js-agent': {
      let source: string;
      try {
        source = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
      } catch {
        throw new InvalidArtifactError('the agent module is not UTF-8 text', {
          file: basename(file),
          expected: 'a UTF-8 JS/TS module',
        });
      }
      // The grader stores every module as `agent.ts` (TypeScript accepts plain JS): do the same.
      return { format: 'js-agent', source, filename: 'agent.ts' };
    }
    case 'onnx': {
      if (!isZip(bytes)) return { format: 'onnx', model: bytes };
      const files = unzipArtifact(bytes, DEFAULT_ARTIFACT_LIMITS);
      const models = Object.keys(files).filter((f) => f.toLowerCase().endsWith('.onnx'));
      if (models.length !== 1) {
        throw new InvalidArtifactError(
          `an ONNX zip must hold exactly one .onnx file, found ${models.length}`,
          {
            expected: 'one .onnx file (and optionally critic.json)',
            found: Object.keys(files).join(', ') || 'no files',
          },
        );
      }
      const manifest = files['critic.json'];
      return { format: 'onnx', model: files[models[0]!]!, ...(manifest ? { manifest } : {}) };
    }
    case 'tfjs-layers':
      return isZip(bytes)
        ? { format: 'tfjs-layers', zip: bytes }
        : { format: 'tfjs-layers', files: tfjsFiles(file) };
    case 'python-agent':
      // A lone .py is the agent, whatever its name; other files beside it are not taken along.
      return isZip(bytes)
        ? { format: 'python-agent', zip: bytes }
        : { format: 'python-agent', files: { 'agent.py': bytes } };
  }
}
