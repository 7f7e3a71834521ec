import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { UsageError } from '../io';

/** One file to upload as a `file` part. */
export interface UploadFile {
  name: string;
  bytes: Uint8Array;
}

function read(path: string): UploadFile {
  return { name: basename(path), bytes: readFileSync(path) };
}

/** The shard paths a model.json's weightsManifest names. */
function shardsOf(modelJsonPath: string): string[] {
  let manifest: unknown;
  try {
    manifest = (JSON.parse(readFileSync(modelJsonPath, 'utf8')) as { weightsManifest?: unknown })
      .weightsManifest;
  } catch (e) {
    throw new UsageError(`submit: ${modelJsonPath} is not valid JSON: ${(e as Error).message}`);
  }
  if (!Array.isArray(manifest)) {
    throw new UsageError(
      `submit: ${modelJsonPath} has no weightsManifest array (expected a TensorFlow.js LayersModel)`,
    );
  }
  return manifest.flatMap((group: { paths?: unknown }) =>
    Array.isArray(group.paths) ? group.paths.filter((p): p is string => typeof p === 'string') : [],
  );
}

/** model.json, every shard it names and critic.json when present, all from `dir`. */
function layersModelFiles(dir: string, modelJson: string): UploadFile[] {
  const files = [read(modelJson)];
  for (const shard of shardsOf(modelJson)) {
    const p = join(dir, shard);
    if (!statSync(p, { throwIfNoEntry: false })?.isFile()) {
      throw new UsageError(`submit: model.json names the weight shard ${shard}, but ${p} does not exist`);
    }
    files.push(read(p));
  }
  const manifest = join(dir, 'critic.json');
  if (statSync(manifest, { throwIfNoEntry: false })?.isFile()) files.push(read(manifest));
  return files;
}

/** A Python agent's folder: its top-level files (sub-folders must be zipped by hand). */
function pythonAgentFiles(dir: string): UploadFile[] {
  const files: UploadFile[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name.startsWith('.') || entry.name === '__pycache__') continue;
    if (entry.isDirectory()) {
      throw new UsageError(
        `submit: ${join(dir, entry.name)} is a folder; a Python agent's folder is sent flat, so zip the agent (agent.py at the top) and submit the .zip`,
      );
    }
    if (entry.isFile()) files.push(read(join(dir, entry.name)));
  }
  return files;
}

/**
 * The files an artifact path stands for: a module, an .onnx or a .zip as itself; a model.json (or a
 * folder holding one) with the weight shards it names and critic.json beside it; a folder holding
 * agent.py with its top-level files.
 */
export function artifactFiles(path: string): UploadFile[] {
  const st = statSync(path, { throwIfNoEntry: false });
  if (st === undefined) throw new UsageError(`submit: ${path} does not exist`);
  if (st.isDirectory() && statSync(join(path, 'agent.py'), { throwIfNoEntry: false })?.isFile()) {
    return pythonAgentFiles(path);
  }
  if (st.isDirectory()) {
    const modelJson = join(path, 'model.json');
    if (!statSync(modelJson, { throwIfNoEntry: false })?.isFile()) {
      const found = readdirSync(path).slice(0, 10).join(', ') || 'nothing';
      throw new UsageError(
        `submit: a folder must hold model.json (a TensorFlow.js export, e.g. from critic train), found ${found}`,
      );
    }
    return layersModelFiles(path, modelJson);
  }
  if (basename(path) === 'model.json') return layersModelFiles(dirname(path), path);
  return [read(path)];
}
