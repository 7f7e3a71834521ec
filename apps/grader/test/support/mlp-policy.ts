import { type DenseLayer, encodeOnnxMlp } from '@critic/runner';
import { tfjsLayersFiles } from '@critic/runner/testing';
import { zipSync } from 'fflate';

/** Seeded weights for tests and benchmarks (mulberry32 mapped to [-0.5, 0.5)). */
function weightStream(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let z = Math.imul(s ^ (s >>> 15), s | 1);
    z ^= z + Math.imul(z ^ (z >>> 7), z | 61);
    return ((z ^ (z >>> 14)) >>> 0) / 2 ** 32 - 0.5;
  };
}

/** Dense layers in → hidden… → out with ReLU between and a linear output, seeded. */
export function randomMlp(sizes: number[], seed: number): DenseLayer[] {
  const next = weightStream(seed);
  return sizes.slice(0, -1).map((inSize, i) => {
    const outSize = sizes[i + 1]!;
    return {
      inSize,
      outSize,
      weight: Float32Array.from({ length: inSize * outSize }, () => (2 * next()) / Math.sqrt(inSize)),
      bias: Float32Array.from({ length: outSize }, () => 0.1 * next()),
      activation: i + 2 === sizes.length ? 'linear' : 'relu',
    } satisfies DenseLayer;
  });
}

/** The balancing controller as one linear layer: logits = (0, θ + 0.5·θ̇), so argmax pushes right when θ + 0.5·θ̇ > 0. */
export function controllerLayer(): DenseLayer[] {
  const weight = new Float32Array(8);
  weight[2 * 2 + 1] = 1; // row θ (obs[2]), column 1
  weight[3 * 2 + 1] = 0.5; // row θ̇ (obs[3]), column 1
  return [{ inSize: 4, outSize: 2, weight, bias: new Float32Array(2), activation: 'linear' }];
}

/** The layers as an ONNX file. */
export function onnxBytes(layers: DenseLayer[]): Uint8Array {
  return encodeOnnxMlp(layers);
}

/** The same layers as a zipped tfjs LayersModel (model.json + one weight shard). */
export async function tfjsZip(layers: DenseLayer[]): Promise<Uint8Array> {
  return zipSync(await tfjsLayersFiles(layers));
}

/**
 * A 4 → 64 → 64 → 2 ReLU MLP that computes the balancing controller (so every CartPole episode runs
 * its full 500 steps: the worst case for grading time) with seeded noise weights on the other units.
 * Units 0/1 carry ±(θ + 0.5·θ̇) through both hidden layers; logit 1 − logit 0 = u0 − u1.
 */
export function controllerMlp64(seed: number): DenseLayer[] {
  const [l1, l2, l3] = randomMlp([4, 64, 64, 2], seed) as [DenseLayer, DenseLayer, DenseLayer];
  for (const [j, sign] of [
    [0, 1],
    [1, -1],
  ] as const) {
    for (let i = 0; i < 4; i++) l1.weight[i * 64 + j] = 0;
    l1.weight[2 * 64 + j] = sign;
    l1.weight[3 * 64 + j] = 0.5 * sign;
    l1.bias[j] = 0;
    for (let i = 0; i < 64; i++) l2.weight[i * 64 + j] = i === j ? 1 : 0;
    l2.bias[j] = 0;
  }
  l3.weight.fill(0);
  l3.bias.fill(0);
  l3.weight[0 * 2 + 1] = 1;
  l3.weight[1 * 2 + 1] = -1;
  return [l1, l2, l3];
}

/** The layers as a js-agent module with the weights embedded (a plain forward pass per `act`). */
export function jsAgentSource(layers: DenseLayer[]): string {
  const data = layers.map((l) => ({
    i: l.inSize,
    o: l.outSize,
    w: Array.from(l.weight),
    b: Array.from(l.bias),
    relu: l.activation === 'relu',
  }));
  return `const layers = ${JSON.stringify(data)};
export function act(obs: number[]): number {
  let h: number[] = obs;
  for (const l of layers) {
    const y = l.b.slice();
    for (let i = 0; i < l.i; i++) {
      const x = h[i];
      if (x === 0) continue;
      for (let j = 0; j < l.o; j++) y[j] += x * l.w[i * l.o + j];
    }
    h = l.relu ? y.map((v) => (v > 0 ? v : 0)) : y;
  }
  return h[1] > h[0] ? 1 : 0;
}`;
}
