import type { Rng } from '@critic/envs';
import * as tf from '@tensorflow/tfjs';

/** How a grader turns the model's outputs into actions. */
export type PolicyKind = 'argmax' | 'sample' | 'gaussian-mean';

/** The `critic.json` manifest that travels beside `model.json`. */
export interface CriticManifest {
  /** Registered env id, e.g. `CartPole-v1`. */
  env: string;
  /** `argmax` over logits/Q-values, `sample` from softmax(logits), or the Gaussian mean as the action. */
  policy: PolicyKind;
  /** Applied to each observation before the model: (o − mean)/std. */
  obsNormalization?: { mean: number[]; std: number[] };
}

/** An exported policy in memory: what the CLI writes as model.json, weights.bin and critic.json. */
export interface PolicyArtifacts {
  modelJson: tf.io.ModelJSON;
  weightData: ArrayBuffer;
  manifest: CriticManifest;
}

/** The weights file name referenced from `model.json`. */
export const WEIGHTS_FILE = 'weights.bin';

/** Serializes a LayersModel and its manifest to in-memory artifacts (no I/O). */
export async function exportPolicy(
  model: tf.LayersModel,
  manifest: CriticManifest,
): Promise<PolicyArtifacts> {
  let saved: tf.io.ModelArtifacts | undefined;
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      saved = artifacts;
      return { modelArtifactsInfo: { dateSaved: new Date(0), modelTopologyType: 'JSON' } };
    }),
  );
  if (!saved?.weightSpecs || !saved.weightData || !saved.modelTopology) {
    throw new Error('exportPolicy: the model produced no topology or weights');
  }
  const weightData = tf.io.CompositeArrayBuffer.join(saved.weightData);
  const modelJson: tf.io.ModelJSON = {
    modelTopology: saved.modelTopology,
    format: 'layers-model',
    generatedBy: saved.generatedBy ?? 'TensorFlow.js',
    convertedBy: null,
    weightsManifest: [{ paths: [WEIGHTS_FILE], weights: saved.weightSpecs }],
  };
  return { modelJson, weightData, manifest: structuredClone(manifest) };
}

/** A policy loaded back from artifacts; acts exactly as the grader does. */
export class LoadedPolicy {
  constructor(
    readonly model: tf.LayersModel,
    readonly manifest: CriticManifest,
  ) {}

  /** Actions for n observations (row-major); `rng` is required by `sample` policies. */
  act(obs: Float32Array, n: number, rng?: Rng): Float32Array {
    const inputSize = this.model.inputs[0]!.shape[1]!;
    if (obs.length !== n * inputSize) {
      throw new RangeError(`LoadedPolicy.act: obs has ${obs.length} values, expected ${n} × ${inputSize}`);
    }
    const norm = this.manifest.obsNormalization;
    const x = new Float32Array(obs.length);
    for (let i = 0; i < obs.length; i++) {
      const j = i % inputSize;
      x[i] = norm ? (obs[i]! - norm.mean[j]!) / norm.std[j]! : obs[i]!;
    }
    const out = tf.tidy(() => (this.model.predict(tf.tensor2d(x, [n, inputSize])) as tf.Tensor).dataSync());
    if (this.manifest.policy === 'gaussian-mean') return Float32Array.from(out);
    const k = out.length / n;
    const actions = new Float32Array(n);
    for (let i = 0; i < n; i++) {
      if (this.manifest.policy === 'argmax') {
        let best = 0;
        for (let j = 1; j < k; j++) if (out[i * k + j]! > out[i * k + best]!) best = j;
        actions[i] = best;
      } else {
        if (!rng) throw new TypeError('LoadedPolicy.act: a "sample" policy needs an rng');
        let max = -Infinity;
        for (let j = 0; j < k; j++) max = Math.max(max, out[i * k + j]!);
        let sum = 0;
        for (let j = 0; j < k; j++) sum += Math.exp(out[i * k + j]! - max);
        const u = rng.random() * sum;
        let acc = 0;
        actions[i] = k - 1;
        for (let j = 0; j < k; j++) {
          acc += Math.exp(out[i * k + j]! - max);
          if (u < acc) {
            actions[i] = j;
            break;
          }
        }
      }
    }
    return actions;
  }

  dispose(): void {
    this.model.dispose();
  }
}

/** Loads artifacts back (from memory) into a policy. */
export async function loadPolicy(artifacts: PolicyArtifacts): Promise<LoadedPolicy> {
  const spec = artifacts.modelJson.weightsManifest[0]?.weights;
  if (!spec) throw new TypeError('loadPolicy: modelJson.weightsManifest has no weights');
  const model = await tf.loadLayersModel(
    tf.io.fromMemory({
      modelTopology: artifacts.modelJson.modelTopology,
      weightSpecs: spec,
      weightData: artifacts.weightData,
    }),
  );
  return new LoadedPolicy(model, structuredClone(artifacts.manifest));
}
