import { formatEnum } from '@critic/contract';
import type { ArtifactFormat, AssignmentKind } from '@critic/db';
import { type ArtifactLimits, isRunnerError, unzipArtifact } from '@critic/runner';
import { zipSync } from 'fflate';
import { ApiError } from '../api-error';
import type { UploadedFile } from './multipart';

/** An upload recognised as one artifact format, in the form it is stored (one blob per submission). */
export type DetectedArtifact =
  | {
      format: 'js-agent' | 'checks';
      /** The module's UTF-8 source: what is stored. */
      stored: Uint8Array;
      source: string;
      /** The uploaded file name (decides JS or TS, and names the file in compile errors). */
      filename: string;
    }
  | {
      format: 'python-checks';
      /** The Python module's UTF-8 bytes: what is stored (run as homework.py). */
      stored: Uint8Array;
      filename: string;
    }
  | {
      format: 'onnx';
      /** The .onnx file, or the uploaded zip of one .onnx and critic.json. */
      stored: Uint8Array;
      model: Uint8Array;
      manifest?: Uint8Array;
      /** The .onnx file's own name (messages name it). */
      filename: string;
    }
  | {
      format: 'tfjs-layers';
      /** A zip of model.json, the shards and an optional critic.json. */
      stored: Uint8Array;
      files: Record<string, Uint8Array>;
    }
  | {
      format: 'python-agent';
      /** agent.py's source alone, or a zip of agent.py and the files it loads. */
      stored: Uint8Array;
      /** The files (`agent.py` at the root, or inside one folder of a zip). */
      files: Record<string, Uint8Array>;
    };

/**
 * Every format name the `format` field accepts: the API contract's list (typed by the database's enum,
 * so a format the database cannot store fails the typecheck).
 */
export const ARTIFACT_FORMATS: readonly ArtifactFormat[] = formatEnum.options;

const MODULE_EXT = /\.(ts|mts|cts|js|mjs|cjs)$/i;

/** What an assignment of this kind accepts, in words (for 415 messages). */
export function acceptedFormats(kind: AssignmentKind): string {
  return kind === 'checks'
    ? 'python-checks (one .py module defining the homework functions) or checks (one .js or .ts module exporting them)'
    : 'python-agent (agent.py defining act, or a .zip / several files with agent.py), ' +
        'js-agent (one .js or .ts module exporting act), onnx (a .onnx file, or a .zip of one .onnx and critic.json), ' +
        'tfjs-layers (model.json with its .bin shards, or a .zip of them)';
}

function unsupported(kind: AssignmentKind, what: string): ApiError {
  return new ApiError(
    415,
    'unsupported_format',
    `${what}; this assignment accepts ${acceptedFormats(kind)}`,
    {
      field: 'file',
    },
  );
}

const isZip = (b: Uint8Array) =>
  b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;

function unzipUpload(file: UploadedFile, limits: ArtifactLimits): Record<string, Uint8Array> {
  try {
    return unzipArtifact(file.bytes, limits);
  } catch (e) {
    if (isRunnerError(e))
      throw new ApiError(422, 'invalid_artifact', `${file.name}: ${e.message}`, { field: 'file' });
    throw e;
  }
}

function utf8Source(kind: AssignmentKind, file: UploadedFile): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(file.bytes);
  } catch {
    throw unsupported(kind, `${file.name} is not UTF-8 text`);
  }
}

function moduleArtifact(kind: AssignmentKind, file: UploadedFile): DetectedArtifact {
  const source = utf8Source(kind, file);
  return {
    format: kind === 'checks' ? 'checks' : 'js-agent',
    stored: file.bytes,
    source,
    filename: file.name,
  };
}

/** True when a set of files is a Python agent: agent.py at the root or inside one folder. */
function isPythonAgent(files: Record<string, Uint8Array>): boolean {
  return Object.keys(files).some((n) => n === 'agent.py' || /^[^/]+\/agent\.py$/.test(n));
}

/** A set of model files (unzipped or uploaded side by side) as onnx or tfjs-layers. */
function modelArtifact(
  kind: AssignmentKind,
  files: Record<string, Uint8Array>,
  zipped: Uint8Array | undefined,
  what: string,
): DetectedArtifact {
  const names = Object.keys(files);
  const onnx = names.filter((n) => n.toLowerCase().endsWith('.onnx'));
  if (isPythonAgent(files)) return { format: 'python-agent', stored: zipped ?? zipSync(files), files };
  if ('model.json' in files) {
    const stray = names.filter(
      (n) => n !== 'model.json' && n !== 'critic.json' && !n.toLowerCase().endsWith('.bin'),
    );
    if (stray.length > 0) {
      throw unsupported(
        kind,
        `${what} has model.json but also ${stray.map((s) => `"${s}"`).join(', ')} (expected only .bin shards and critic.json)`,
      );
    }
    return { format: 'tfjs-layers', stored: zipped ?? zipSync(files), files };
  }
  if (onnx.length === 1) {
    const stray = names.filter((n) => n !== onnx[0] && n !== 'critic.json');
    if (stray.length > 0) {
      throw unsupported(
        kind,
        `${what} has ${onnx[0]} but also ${stray.map((s) => `"${s}"`).join(', ')} (expected only critic.json beside it)`,
      );
    }
    const manifest = files['critic.json'];
    return {
      format: 'onnx',
      stored: zipped ?? zipSync(files),
      model: files[onnx[0]!]!,
      filename: onnx[0]!.split('/').pop()!,
      ...(manifest === undefined ? {} : { manifest }),
    };
  }
  throw unsupported(
    kind,
    `${what} holds ${names.length ? names.map((n) => `"${n}"`).join(', ') : 'no files'}, neither a model.json nor exactly one .onnx`,
  );
}

function detect(kind: AssignmentKind, files: UploadedFile[], limits: ArtifactLimits): DetectedArtifact {
  if (files.length === 1) {
    const f = files[0]!;
    if (kind === 'checks' && f.name.toLowerCase().endsWith('.py')) {
      return { format: 'python-checks', stored: f.bytes, filename: f.name };
    }
    if (MODULE_EXT.test(f.name)) return moduleArtifact(kind, f);
    if (f.name.toLowerCase().endsWith('.py')) {
      if (kind === 'checks') throw unsupported(kind, `${f.name} is a Python module`);
      utf8Source(kind, f);
      return { format: 'python-agent', stored: f.bytes, files: { 'agent.py': f.bytes } };
    }
    if (f.name.toLowerCase().endsWith('.onnx'))
      return { format: 'onnx', stored: f.bytes, model: f.bytes, filename: f.name };
    if (f.name.toLowerCase().endsWith('.zip') || isZip(f.bytes)) {
      if (kind === 'checks') throw unsupported(kind, `${f.name} is a zip archive`);
      return modelArtifact(kind, unzipUpload(f, limits), f.bytes, f.name);
    }
    if (f.name === 'model.json') return modelArtifact(kind, { [f.name]: f.bytes }, undefined, 'the upload');
    throw unsupported(kind, `"${f.name}" is not a recognised artifact file`);
  }
  const sideBySide = Object.fromEntries(files.map((f) => [f.name, f.bytes]));
  if (kind === 'agent' && 'agent.py' in sideBySide) {
    return { format: 'python-agent', stored: zipSync(sideBySide), files: sideBySide };
  }
  const modules = files.filter((f) => MODULE_EXT.test(f.name) || f.name.toLowerCase().endsWith('.zip'));
  if (modules.length > 0) {
    throw unsupported(
      kind,
      `${files.length} files were sent, including "${modules[0]!.name}"; send a module or a zip alone`,
    );
  }
  return modelArtifact(
    kind,
    Object.fromEntries(files.map((f) => [f.name, f.bytes])),
    undefined,
    'the upload',
  );
}

/**
 * Recognises the format of an upload from its file names and contents (a `format` field, when given,
 * must agree), and puts it in its stored form: several model files are zipped here.
 */
export function detectArtifact(
  kind: AssignmentKind,
  files: UploadedFile[],
  requested: string | undefined,
  limits: ArtifactLimits,
): DetectedArtifact {
  if (requested !== undefined && !(ARTIFACT_FORMATS as readonly string[]).includes(requested)) {
    throw new ApiError(
      400,
      'invalid',
      `format: expected one of ${ARTIFACT_FORMATS.join(', ')}; found "${requested}"`,
      {
        field: 'format',
      },
    );
  }
  const homeworkFormat = requested === 'checks' || requested === 'python-checks';
  if (requested !== undefined && homeworkFormat !== (kind === 'checks')) {
    throw unsupported(kind, `format "${requested}" does not fit a ${kind} assignment`);
  }
  const detected = detect(kind, files, limits);
  if (kind === 'checks' && detected.format !== 'checks' && detected.format !== 'python-checks') {
    throw unsupported(kind, `the upload is a ${detected.format} model`);
  }
  if (requested !== undefined && requested !== detected.format) {
    throw unsupported(kind, `format "${requested}" was given, but the upload is ${detected.format}`);
  }
  return detected;
}
