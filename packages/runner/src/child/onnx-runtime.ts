import type { CriticManifest } from '../artifact/critic-manifest';
import { modelOutputSize, type PolicySpec } from '../spec';
import { InvalidArtifactError, RunnerError } from '../verdict';
import { applyHead, normalizeObservations } from './model-head';
import type { PolicyRuntime } from './policy-runtime';

/** Loads an ONNX policy with onnxruntime-node (CPU, one thread: the grader runs many evaluations at once). */
export async function loadOnnxPolicy(
  bytes: Uint8Array,
  inputName: string,
  outputName: string,
  spec: PolicySpec,
  manifest: CriticManifest,
): Promise<PolicyRuntime> {
  const ort = await import('onnxruntime-node');
  let session: Awaited<ReturnType<typeof ort.InferenceSession.create>>;
  try {
    session = await ort.InferenceSession.create(bytes, {
      executionProviders: ['cpu'],
      intraOpNumThreads: 1,
      interOpNumThreads: 1,
      executionMode: 'sequential',
      graphOptimizationLevel: 'all',
    });
  } catch (e) {
    throw new InvalidArtifactError(`model.onnx could not be loaded by onnxruntime: ${(e as Error).message}`, {
      file: 'model.onnx',
    });
  }
  const obsSize = spec.observationSize;
  const k = modelOutputSize(spec.action);
  return {
    width: manifest.policy === 'argmax' ? 1 : k,
    output: manifest.policy === 'sample' ? 'logits' : 'action',
    runtime: 'onnxruntime-node (cpu)',
    async act(obs, n) {
      const x = normalizeObservations(obs, obsSize, manifest);
      let out: Float32Array;
      try {
        const result = await session.run({ [inputName]: new ort.Tensor('float32', x, [n, obsSize]) });
        const t = result[outputName];
        if (!t || !(t.data instanceof Float32Array))
          throw new Error(`output "${outputName}" is missing or not float32`);
        out = t.data;
      } catch (e) {
        throw new RunnerError({
          verdict: 'runtime_error',
          message: `the ONNX model failed to run: ${(e as Error).message}`,
        });
      }
      if (out.length !== n * k) {
        throw new RunnerError({
          verdict: 'invalid_action',
          message: `the ONNX model returned ${out.length} values for a batch of ${n}; expected ${n} × ${k}`,
          tensor: outputName,
          expected: `${n * k}`,
          found: `${out.length}`,
        });
      }
      return applyHead(out, n, spec, manifest);
    },
    reset() {},
    dispose() {
      void session.release();
    },
  };
}
