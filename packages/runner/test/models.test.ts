import { strToU8, zipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { openPolicy, type PolicySpec, preparePolicy, RunnerError, readOnnxSignature } from '../src/index';
import { lcg, type MlpArtifacts, makeMlp, mlpForward } from './fixtures/mlp';

const cartPole: PolicySpec = { envId: 'CartPole-v1', observationSize: 4, action: { type: 'discrete', n: 2 } };
let mlp: MlpArtifacts;

beforeAll(async () => {
  mlp = await makeMlp([4, 16, 2], 7);
});

function observations(n: number, seed: number): Float32Array {
  const r = lcg(seed);
  return Float32Array.from({ length: n * 4 }, () => r() * 2);
}

describe('ONNX and tfjs-layers policies run in the sandbox child', () => {
  it('give the same actions and logits as each other and as a plain forward pass', async () => {
    const n = 64;
    const obs = observations(n, 3);
    const expectedLogits: number[][] = [];
    for (let i = 0; i < n; i++)
      expectedLogits.push(mlpForward(mlp.layers, Array.from(obs.subarray(i * 4, i * 4 + 4))));
    const expectedActions = expectedLogits.map((l) => (l[1]! > l[0]! ? 1 : 0));
    expect(new Set(expectedActions).size).toBe(2); // both actions occur: the comparison is not trivial

    const sample = strToU8(JSON.stringify({ env: 'CartPole-v1', policy: 'sample' }));
    const artifacts = [
      { format: 'onnx' as const, model: mlp.onnx },
      { format: 'tfjs-layers' as const, files: mlp.tfjsFiles },
      { format: 'tfjs-layers' as const, zip: zipSync(mlp.tfjsFiles) },
    ];
    for (const artifact of artifacts) {
      const policy = await openPolicy(artifact, cartPole, { batchSize: n });
      try {
        expect(policy.output).toBe('action');
        expect(policy.actionSize).toBe(1);
        expect(policy.runtime).toMatch(
          artifact.format === 'onnx' ? /^onnxruntime-node/ : /^tfjs \((wasm|cpu)\)$/,
        );
        expect(Array.from(await policy.actBatch(obs, n))).toEqual(expectedActions);
      } finally {
        await policy.close();
      }
    }
    for (const artifact of [
      { format: 'onnx' as const, model: mlp.onnx, manifest: sample },
      { format: 'tfjs-layers' as const, files: { ...mlp.tfjsFiles, 'critic.json': sample } },
    ]) {
      const policy = await openPolicy(artifact, cartPole, { batchSize: n });
      try {
        expect(policy.output).toBe('logits');
        const logits = await policy.actBatch(obs, n);
        for (let i = 0; i < n; i++) {
          for (let j = 0; j < 2; j++) expect(logits[i * 2 + j]).toBeCloseTo(expectedLogits[i]![j]!, 4);
        }
      } finally {
        await policy.close();
      }
    }
  });

  it('applies critic.json obsNormalization before the model', async () => {
    const norm = { mean: [1, -1, 0.5, 0], std: [2, 0.5, 1, 4] };
    const manifest = strToU8(JSON.stringify({ policy: 'argmax', obsNormalization: norm }));
    const obs = observations(16, 11);
    const expected: number[] = [];
    for (let i = 0; i < 16; i++) {
      const x = Array.from(obs.subarray(i * 4, i * 4 + 4), (v, j) => (v - norm.mean[j]!) / norm.std[j]!);
      const l = mlpForward(mlp.layers, x);
      expected.push(l[1]! > l[0]! ? 1 : 0);
    }
    const policy = await openPolicy({ format: 'onnx', model: mlp.onnx, manifest }, cartPole, {
      batchSize: 16,
    });
    try {
      expect(Array.from(await policy.actBatch(obs, 16))).toEqual(expected);
    } finally {
      await policy.close();
    }
  });

  it('the ONNX writer produces a file whose signature reads back', () => {
    const sig = readOnnxSignature(mlp.onnx);
    expect(sig.inputs).toEqual([{ name: 'obs', elemType: 1, shape: ['batch', 4] }]);
    expect(sig.outputs).toEqual([{ name: 'logits', elemType: 1, shape: ['batch', 2] }]);
    expect(sig.ops.sort()).toEqual(['Add', 'MatMul', 'Relu']);
    expect(sig.opsets).toEqual([{ domain: '', version: 13 }]);
  });
});

describe('malformed models are refused or contained', () => {
  it('a model with the wrong input size → invalid_artifact naming the tensor, expected vs found', async () => {
    const wide = await makeMlp([6, 8, 2], 1);
    const onnx = await preparePolicy({ format: 'onnx', model: wide.onnx }, cartPole).catch((e: unknown) => e);
    expect(onnx).toBeInstanceOf(RunnerError);
    expect((onnx as RunnerError).location).toEqual({
      file: 'model.onnx',
      tensor: 'obs',
      expected: 'float32 [batch, 4]',
      found: '[batch, 6]',
    });
    const tfjs = await preparePolicy({ format: 'tfjs-layers', files: wide.tfjsFiles }, cartPole).catch(
      (e: unknown) => e,
    );
    expect((tfjs as RunnerError).verdict).toBe('invalid_artifact');
    expect((tfjs as RunnerError).message).toMatch(
      /model's input has 6 features; the env's observation has 4/,
    );
    const threeActions = await makeMlp([4, 8, 3], 1);
    const out = await preparePolicy({ format: 'onnx', model: threeActions.onnx }, cartPole).catch(
      (e: unknown) => e,
    );
    expect((out as RunnerError).location).toMatchObject({ tensor: 'logits', found: '[batch, 3]' });
    // tfjs output width is checked in the child, after the model is built.
    const child = await openPolicy({ format: 'tfjs-layers', files: threeActions.tfjsFiles }, cartPole, {
      batchSize: 1,
    }).catch((e: unknown) => e);
    expect((child as RunnerError).verdict).toBe('invalid_artifact');
    expect((child as RunnerError).location).toMatchObject({
      file: 'model.json',
      expected: '[batch, 2]',
      found: '[batch, 3]',
    });
  });

  it('a truncated weight shard → invalid_artifact naming the shard and the cut tensor', async () => {
    const shard = mlp.tfjsFiles['group1-shard1of1.bin']!;
    const files = { ...mlp.tfjsFiles, 'group1-shard1of1.bin': shard.subarray(0, shard.length - 10) };
    const e = (await preparePolicy({ format: 'tfjs-layers', files }, cartPole).catch(
      (x: unknown) => x,
    )) as RunnerError;
    expect(e.verdict).toBe('invalid_artifact');
    expect(e.location.file).toBe('group1-shard1of1.bin');
    // The last 10 bytes hold the 8-byte output bias and 2 bytes of the output kernel: the kernel is cut.
    expect(e.location.tensor).toMatch(/^dense_Dense\d+\/kernel$/);
    expect(e.message).toMatch(/is cut short/);
    expect(e.location).toMatchObject({
      expected: `${shard.length} bytes`,
      found: `${shard.length - 10} bytes`,
    });
  });

  it('a 2 GB declared weight file is refused from the manifest, without allocating it', async () => {
    const json = JSON.parse(new TextDecoder().decode(mlp.tfjsFiles['model.json']));
    json.weightsManifest[0].weights.push({ name: 'huge/kernel', shape: [32768, 16384], dtype: 'float32' });
    const files = { ...mlp.tfjsFiles, 'model.json': strToU8(JSON.stringify(json)) };
    const before = process.memoryUsage().arrayBuffers;
    const e = (await preparePolicy({ format: 'tfjs-layers', files }, cartPole).catch(
      (x: unknown) => x,
    )) as RunnerError;
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(64 * 1024 * 1024);
    expect(e.verdict).toBe('invalid_artifact');
    expect(e.location).toMatchObject({ file: 'model.json', tensor: 'huge/kernel' });
    expect(e.message).toMatch(/declares 2147\d+ bytes of weights/);
  });

  it('a missing shard, a bad model.json and garbage ONNX bytes are refused precisely', async () => {
    const missing = (await preparePolicy(
      { format: 'tfjs-layers', files: { 'model.json': mlp.tfjsFiles['model.json']! } },
      cartPole,
    ).catch((x: unknown) => x)) as RunnerError;
    expect(missing.location).toMatchObject({ file: 'group1-shard1of1.bin', found: 'no such file' });
    const badJson = (await preparePolicy(
      { format: 'tfjs-layers', files: { 'model.json': strToU8('{"modelTopology": 3}') } },
      cartPole,
    ).catch((x: unknown) => x)) as RunnerError;
    expect(badJson.message).toMatch(/model.json: field "modelTopology"/);
    const garbage = (await preparePolicy(
      { format: 'onnx', model: strToU8('\x0a\xff\xff\xff\xff\x0fgarbage') },
      cartPole,
    ).catch((x: unknown) => x)) as RunnerError;
    expect(garbage.verdict).toBe('invalid_artifact');
    expect(garbage.message).toMatch(/model.onnx is not a valid ONNX model/);
    const wrongEnv = (await preparePolicy(
      { format: 'onnx', model: mlp.onnx, manifest: strToU8('{"env":"Pendulum-v1","policy":"argmax"}') },
      cartPole,
    ).catch((x: unknown) => x)) as RunnerError;
    expect(wrongEnv.location).toMatchObject({
      file: 'critic.json',
      expected: 'CartPole-v1',
      found: 'Pendulum-v1',
    });
  });

  it('a child that runs out of heap dies alone: memory_limit for the submission, a warning for the operator', async () => {
    const warnings: string[] = [];
    const e = (await openPolicy({ format: 'tfjs-layers', files: mlp.tfjsFiles }, cartPole, {
      batchSize: 1,
      limits: { childHeapMb: 16 },
      logger: { warn: (m) => warnings.push(m) },
    }).catch((x: unknown) => x)) as RunnerError;
    expect(e).toBeInstanceOf(RunnerError);
    expect(e.verdict).toBe('memory_limit');
    expect(warnings.join('\n')).toMatch(/runner child died .*SIGABRT/);
    // The host is fine and the next evaluation runs normally.
    const ok = await openPolicy({ format: 'onnx', model: mlp.onnx }, cartPole, { batchSize: 1 });
    try {
      expect((await ok.actBatch(new Float32Array(4), 1)).length).toBe(1);
    } finally {
      await ok.close();
    }
  });

  it('a model that parses but cannot be built fails in the child, and the host carries on', async () => {
    const json = JSON.parse(new TextDecoder().decode(mlp.tfjsFiles['model.json']));
    json.modelTopology.config.layers[1].class_name = 'NoSuchLayer';
    const files = { ...mlp.tfjsFiles, 'model.json': strToU8(JSON.stringify(json)) };
    const e = (await openPolicy({ format: 'tfjs-layers', files }, cartPole, { batchSize: 1 }).catch(
      (x: unknown) => x,
    )) as RunnerError;
    expect(e.verdict).toBe('invalid_artifact');
    expect(e.message).toMatch(/could not be loaded by TensorFlow.js/);
    // An ONNX graph with an operator no runtime knows passes the signature check and fails in the child.
    const unknownOp = mlp.onnx.slice();
    const at = Buffer.from(unknownOp).indexOf('Relu');
    expect(at).toBeGreaterThan(0);
    unknownOp[at + 3] = 'x'.charCodeAt(0);
    const u = (await openPolicy({ format: 'onnx', model: unknownOp }, cartPole, { batchSize: 1 }).catch(
      (x: unknown) => x,
    )) as RunnerError;
    expect(u.verdict).toBe('invalid_artifact');
    expect(u.message).toMatch(/could not be loaded by onnxruntime.*Relx/s);
    // A truncated ONNX file is refused by the parent's parser before any child starts.
    const truncated = mlp.onnx.subarray(0, mlp.onnx.length - 200);
    const t = (await openPolicy({ format: 'onnx', model: truncated }, cartPole, { batchSize: 1 }).catch(
      (x: unknown) => x,
    )) as RunnerError;
    expect(t.message).toMatch(/model.onnx is not a valid ONNX model: .*runs past the end/);
    expect(t.verdict).toBe('invalid_artifact');
  });
});
