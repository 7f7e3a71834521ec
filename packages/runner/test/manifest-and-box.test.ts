import { strToU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import {
  openPolicy,
  type PolicySpec,
  parseCriticManifest,
  RunnerError,
  validateOnnxPolicy,
} from '../src/index';
import { encodeOnnxMlp } from '../src/onnx/onnx-writer';
import { makeMlp, makeMlpFromLayers, mlpForward } from './fixtures/mlp';

const pendulum: PolicySpec = {
  envId: 'Pendulum-v1',
  observationSize: 3,
  action: { type: 'box', size: 1, low: [-2], high: [2] },
};
const cartPole: PolicySpec = { envId: 'CartPole-v1', observationSize: 4, action: { type: 'discrete', n: 2 } };

function refusal(run: () => unknown): RunnerError {
  try {
    run();
  } catch (e) {
    if (e instanceof RunnerError) return e;
    throw e;
  }
  throw new Error('expected a refusal');
}

describe('critic.json', () => {
  it('defaults to argmax for discrete and the mean for continuous actions', () => {
    expect(parseCriticManifest(undefined, cartPole)).toEqual({ policy: 'argmax' });
    expect(parseCriticManifest(undefined, pendulum)).toEqual({ policy: 'gaussian-mean' });
  });

  it('names the field that is wrong, and checks it against the env', () => {
    const m = (o: unknown) => strToU8(JSON.stringify(o));
    expect(refusal(() => parseCriticManifest(m({ policy: 'greedy' }), cartPole)).message).toMatch(
      /critic.json: field "policy"/,
    );
    expect(refusal(() => parseCriticManifest(m({ policy: 'argmax', extra: 1 }), cartPole)).message).toMatch(
      /critic.json/,
    );
    expect(refusal(() => parseCriticManifest(m({ policy: 'gaussian-mean' }), cartPole)).message).toMatch(
      /needs a continuous action space/,
    );
    expect(refusal(() => parseCriticManifest(m({ policy: 'argmax' }), pendulum)).message).toMatch(
      /needs a discrete action space/,
    );
    const norm = refusal(() =>
      parseCriticManifest(
        m({ policy: 'argmax', obsNormalization: { mean: [0, 0, 0], std: [1, 1, 1] } }),
        cartPole,
      ),
    );
    expect(norm.location).toEqual({ file: 'critic.json', expected: '4', found: '3' });
    expect(
      refusal(() =>
        parseCriticManifest(
          m({ policy: 'argmax', obsNormalization: { mean: [0, 0, 0, 0], std: [1, 0, 1, 1] } }),
          cartPole,
        ),
      ).message,
    ).toMatch(/field "obsNormalization.std.1": must be > 0/);
    expect(refusal(() => parseCriticManifest(strToU8('{policy'), cartPole)).message).toMatch(
      /not valid UTF-8 JSON/,
    );
  });
});

describe('continuous actions from models (gaussian-mean)', () => {
  it('ONNX and tfjs give the same means, clipped to the Box', async () => {
    const mlp = await makeMlp([3, 8, 1], 21);
    // Scale the output layer up so that some means fall outside [-2, 2].
    const layers = mlp.layers.map((l, i) => (i === 1 ? { ...l, weight: l.weight.map((w) => w * 40) } : l));
    const big = await makeMlpFromLayers(layers);
    const obs = Float32Array.from({ length: 3 * 32 }, (_, i) => Math.sin(i * 1.7));
    const expected: number[] = [];
    for (let i = 0; i < 32; i++) {
      const mean = mlpForward(layers, Array.from(obs.subarray(i * 3, i * 3 + 3)))[0]!;
      expected.push(Math.min(2, Math.max(-2, mean)));
    }
    expect(expected.some((v) => Math.abs(v) === 2)).toBe(true);
    expect(expected.some((v) => Math.abs(v) < 2)).toBe(true);
    for (const artifact of [
      { format: 'onnx' as const, model: big.onnx },
      { format: 'tfjs-layers' as const, files: big.tfjsFiles },
    ]) {
      const policy = await openPolicy(artifact, pendulum, { batchSize: 32 });
      try {
        expect(policy.actionSize).toBe(1);
        const out = Array.from(await policy.actBatch(obs, 32));
        out.forEach((v, i) => {
          expect(v).toBeCloseTo(expected[i]!, 3);
        });
      } finally {
        await policy.close();
      }
    }
  });

  it('an ONNX input with a fixed batch size of 1 is refused with the fix to apply', () => {
    const onnx = encodeOnnxMlp(
      [
        {
          inSize: 3,
          outSize: 1,
          weight: new Float32Array(3),
          bias: new Float32Array(1),
          activation: 'linear',
        },
      ],
      { input: 'x' },
    );
    expect(() => validateOnnxPolicy(onnx, pendulum, 1e6)).not.toThrow();
    const fixed = fixBatch(onnx);
    const e = refusal(() => validateOnnxPolicy(fixed, pendulum, 1e6));
    expect(e.message).toMatch(/fixed batch size of 1; export it with a dynamic batch axis/);
    expect(e.location.tensor).toBe('x');
  });
});

/** Replaces the first `dim_param: "batch"` (field 2, "batch") by `dim_value: 1` (field 1, varint 1). */
function fixBatch(onnx: Uint8Array): Uint8Array {
  const needle = [0x12, 0x05, ...new TextEncoder().encode('batch')];
  for (let i = 0; i + needle.length <= onnx.length; i++) {
    if (needle.every((b, j) => onnx[i + j] === b)) {
      // Same length: 0x08 0x01 plus 5 bytes of an unknown field 15 (wire type 2) holding 3 bytes.
      const out = onnx.slice();
      out.set([0x08, 0x01, 0x7a, 0x03, 0, 0, 0], i);
      return out;
    }
  }
  throw new Error('no symbolic batch dimension found');
}
