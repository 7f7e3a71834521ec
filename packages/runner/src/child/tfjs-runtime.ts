import type { CriticManifest } from '../artifact/critic-manifest';
import type { TfjsModelParts } from '../protocol';
import { modelOutputSize, type PolicySpec } from '../spec';
import { InvalidArtifactError, RunnerError } from '../verdict';
import { applyHead, normalizeObservations } from './model-head';
import type { PolicyRuntime } from './policy-runtime';

type Tf = typeof import('@tensorflow/tfjs');
let tfReady: Promise<Tf> | undefined;

/** Loads tfjs once per child, on the wasm backend when it initializes, else the plain JS cpu backend. */
function loadTf(): Promise<Tf> {
  tfReady ??= (async () => {
    const tf = await import('@tensorflow/tfjs');
    await import('@tensorflow/tfjs-backend-wasm');
    let ok = false;
    try {
      ok = await tf.setBackend('wasm');
    } catch {
      ok = false;
    }
    if (!ok) await tf.setBackend('cpu');
    await tf.ready();
    return tf;
  })();
  return tfReady;
}

/** Name of the tfjs backend in use (after a tfjs model was loaded), for the benchmark report. */
export async function tfjsBackendName(): Promise<string> {
  return (await loadTf()).getBackend();
}

/** Loads a tfjs LayersModel from memory and checks its input/output shapes against the env. */
export async function loadTfjsPolicy(
  parts: TfjsModelParts,
  spec: PolicySpec,
  manifest: CriticManifest,
): Promise<PolicyRuntime> {
  const tf = await loadTf();
  const weightData = parts.weightData.slice().buffer;
  let model: import('@tensorflow/tfjs').LayersModel;
  try {
    model = await tf.loadLayersModel(
      tf.io.fromMemory({
        modelTopology: parts.modelTopology as object,
        weightSpecs: parts.weightSpecs as import('@tensorflow/tfjs').io.WeightsManifestEntry[],
        weightData,
      }),
    );
  } catch (e) {
    throw new InvalidArtifactError(
      `model.json could not be loaded by TensorFlow.js: ${(e as Error).message}`,
      {
        file: 'model.json',
      },
    );
  }
  const obsSize = spec.observationSize;
  const k = modelOutputSize(spec.action);
  const inShape = model.inputs.length === 1 ? model.inputs[0]!.shape : undefined;
  const outShape = model.outputs.length === 1 ? model.outputs[0]!.shape : undefined;
  const describe = (s: readonly (number | null)[] | undefined) =>
    s ? `[${s.map((d) => d ?? 'batch').join(', ')}]` : 'several tensors';
  if (inShape?.length !== 2 || inShape[1] !== obsSize) {
    model.dispose();
    throw new InvalidArtifactError(
      `model.json: the model input must be [batch, ${obsSize}], found ${describe(inShape)}`,
      {
        file: 'model.json',
        tensor: 'input',
        expected: `[batch, ${obsSize}]`,
        found: describe(inShape),
      },
    );
  }
  if (outShape?.length !== 2 || outShape[1] !== k) {
    model.dispose();
    throw new InvalidArtifactError(
      `model.json: the model output must be [batch, ${k}], found ${describe(outShape)}`,
      {
        file: 'model.json',
        tensor: 'output',
        expected: `[batch, ${k}]`,
        found: describe(outShape),
      },
    );
  }
  return {
    width: manifest.policy === 'argmax' ? 1 : k,
    output: manifest.policy === 'sample' ? 'logits' : 'action',
    runtime: `tfjs (${tf.getBackend()})`,
    async act(obs, n) {
      const x = normalizeObservations(obs, obsSize, manifest);
      let out: Float32Array;
      try {
        out = tf.tidy(() =>
          (model.predict(tf.tensor2d(x, [n, obsSize])) as import('@tensorflow/tfjs').Tensor).dataSync(),
        ) as Float32Array;
      } catch (e) {
        throw new RunnerError({
          verdict: 'runtime_error',
          message: `the tfjs model failed to run: ${(e as Error).message}`,
        });
      }
      return applyHead(out, n, spec, manifest);
    },
    reset() {},
    dispose() {
      model.dispose();
    },
  };
}
