import type { ArtifactFormat } from '@critic/db';
import {
  type ArtifactLimits,
  type ChecksArtifact,
  InvalidArtifactError,
  type PolicyArtifact,
  unzipArtifact,
} from '@critic/runner';

/** A stored artifact, decoded for the runner. */
export type DecodedArtifact =
  | { kind: 'policy'; artifact: PolicyArtifact }
  | { kind: 'checks'; artifact: ChecksArtifact };

const isZip = (b: Uint8Array) =>
  b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;

function utf8(bytes: Uint8Array, what: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new InvalidArtifactError(`the ${what} is not UTF-8 text`, {
      expected: what === 'agent.py' ? 'UTF-8 Python source' : 'a UTF-8 JS/TS module',
    });
  }
}

/** The ONNX model (and optional critic.json) of a zipped ONNX upload. */
function onnxFromZip(bytes: Uint8Array, limits: ArtifactLimits): PolicyArtifact {
  const files = unzipArtifact(bytes, limits);
  const models = Object.keys(files).filter((f) => f.toLowerCase().endsWith('.onnx'));
  if (models.length !== 1) {
    throw new InvalidArtifactError(`an ONNX zip must hold exactly one .onnx file, found ${models.length}`, {
      expected: 'one .onnx file (and optionally critic.json)',
      found: Object.keys(files).join(', ') || 'no files',
    });
  }
  const manifest = files['critic.json'];
  return { format: 'onnx', model: files[models[0]!]!, ...(manifest ? { manifest } : {}) };
}

/**
 * How an upload is stored (one blob per submission, content-addressed):
 * - `js-agent`, `checks`: the module's UTF-8 source (JS or TS; transpiled as TS, which accepts plain JS);
 * - `onnx`: the `.onnx` file, or a zip of one `.onnx` file and an optional `critic.json`;
 * - `tfjs-layers`: a zip of `model.json`, its weight shards and an optional `critic.json`;
 * - `python-agent`: the UTF-8 source of `agent.py`, or a zip of `agent.py` and the files it loads.
 */
export function decodeArtifact(
  format: ArtifactFormat,
  bytes: Uint8Array,
  limits: ArtifactLimits,
): DecodedArtifact {
  switch (format) {
    case 'js-agent':
      return {
        kind: 'policy',
        artifact: { format, source: utf8(bytes, 'agent module'), filename: 'agent.ts' },
      };
    case 'checks':
      return {
        kind: 'checks',
        artifact: { source: utf8(bytes, 'homework module'), filename: 'homework.ts' },
      };
    case 'onnx':
      return {
        kind: 'policy',
        artifact: isZip(bytes) ? onnxFromZip(bytes, limits) : { format, model: bytes },
      };
    case 'tfjs-layers':
      if (!isZip(bytes)) {
        throw new InvalidArtifactError(
          'a tfjs-layers upload must be a zip of model.json and its weight shards',
          {
            expected: 'a zip archive',
            found: 'bytes that do not start with a zip header',
          },
        );
      }
      return { kind: 'policy', artifact: { format, zip: bytes } };
    case 'python-agent':
      if (isZip(bytes)) return { kind: 'policy', artifact: { format, zip: bytes } };
      utf8(bytes, 'agent.py');
      return { kind: 'policy', artifact: { format, files: { 'agent.py': bytes } } };
  }
}
