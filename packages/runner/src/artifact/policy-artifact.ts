import { type ArtifactLimits, DEFAULT_ARTIFACT_LIMITS, resolveLimits } from '../limits';
import type { OpenRequest } from '../protocol';
import { type PreparedPythonAgent, type PythonRunOptions, preparePythonAgent } from '../python/python-agent';
import { assertPolicySpec, type PolicySpec } from '../spec';
import { InvalidArtifactError } from '../verdict';
import { parseCriticManifest } from './critic-manifest';
import { prepareModule } from './js-module';
import { validateOnnxPolicy } from './onnx-validate';
import { validateTfjsLayers } from './tfjs-validate';
import { unzipArtifact } from './zip';

/** An uploaded agent, as the grader receives it. */
export type PolicyArtifact =
  | {
      /** One JS/TS ES module exporting `act(obs)` and optionally `reset()`. */
      format: 'js-agent';
      /** The module's source text. */
      source: string;
      /** Its file name (decides JS vs TS); default `agent.js`. */
      filename?: string;
    }
  | {
      /** An ONNX model: input [batch, obsSize] float32, output [batch, n or size]. */
      format: 'onnx';
      /** The `.onnx` file. */
      model: Uint8Array;
      /** Optional `critic.json` bytes. */
      manifest?: Uint8Array;
    }
  | {
      /** A tfjs LayersModel: `model.json`, its weight shards and an optional `critic.json`. */
      format: 'tfjs-layers';
      /** Files by name (relative paths as in `model.json`), or `zip` instead. */
      files?: Record<string, Uint8Array>;
      /** The same files as one zip archive (unpacked with limits). */
      zip?: Uint8Array;
    }
  | {
      /**
       * A Python agent: `agent.py` defining `act(obs)` (optionally `act_batch(obs_batch)` and `reset()`),
       * alone or with the files it loads (weights.pt, .npz, modules). Runs in the Python sandbox.
       */
      format: 'python-agent';
      /** Files by relative path (`agent.py` at the root), or `zip` instead. */
      files?: Record<string, Uint8Array>;
      /** The same files as one zip archive (unpacked with limits; one enclosing folder is allowed). */
      zip?: Uint8Array;
    };

/** An artifact that passed validation: exactly what the child will open. */
export type PreparedPolicy =
  | (Exclude<OpenRequest, { kind: 'checks' | 'custom-env' }> extends infer R
      ? R extends { kind: 'js-agent' }
        ? Omit<R, 'instances' | 'limits'>
        : R
      : never)
  | PreparedPythonAgent;

/**
 * Validates an agent artifact against the env before it is queued (and again before it runs):
 * sizes, formats, shapes. Throws InvalidArtifactError naming the file / tensor, expected vs found.
 * Never runs student code; ONNX and tfjs files are only parsed, not executed. A Python agent is
 * compiled and its imports resolved in the Python sandbox (none of its code runs), which needs the
 * Python runtime and bubblewrap here (else PythonUnavailableError).
 */
export async function preparePolicy(
  artifact: PolicyArtifact,
  spec: PolicySpec,
  limits?: Partial<ArtifactLimits>,
  python: PythonRunOptions = {},
): Promise<PreparedPolicy> {
  assertPolicySpec(spec);
  const lim = resolveLimits(DEFAULT_ARTIFACT_LIMITS, limits, 'ArtifactLimits');
  switch (artifact.format) {
    case 'js-agent': {
      const module = await prepareModule(artifact.source, {
        filename: artifact.filename ?? 'agent.js',
        requiredExports: ['act'],
        maxSourceBytes: lim.maxSourceBytes,
      });
      return { kind: 'js-agent', module, spec };
    }
    case 'onnx': {
      const manifest = parseCriticManifest(artifact.manifest, spec);
      const io = validateOnnxPolicy(artifact.model, spec, lim.maxModelBytes);
      return {
        kind: 'onnx',
        bytes: artifact.model,
        inputName: io.inputName,
        outputName: io.outputName,
        spec,
        manifest,
      };
    }
    case 'tfjs-layers': {
      if (!artifact.files === !artifact.zip) {
        throw new InvalidArtifactError(
          'a tfjs-layers artifact is either files or one zip, not both or neither',
        );
      }
      const files = artifact.files ?? unzipArtifact(artifact.zip!, lim);
      const model = validateTfjsLayers(files, spec, lim);
      const manifest = parseCriticManifest(files['critic.json'], spec);
      return { kind: 'tfjs-layers', model, spec, manifest };
    }
    case 'python-agent':
      return preparePythonAgent(artifact, spec, lim, python);
  }
}
