import { DEFAULT_ARTIFACT_LIMITS, RunnerError } from '@critic/runner';
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { decodeArtifact } from './decode-artifact';

const limits = DEFAULT_ARTIFACT_LIMITS;

function refusal(f: () => unknown): RunnerError {
  try {
    f();
  } catch (e) {
    if (e instanceof RunnerError) return e;
    throw e;
  }
  throw new Error('expected a refusal');
}

describe('decodeArtifact', () => {
  it('reads sources as TS modules and ONNX as a file or a zip with critic.json', () => {
    expect(decodeArtifact('js-agent', strToU8('export const act = () => 0;'), limits)).toEqual({
      kind: 'policy',
      artifact: { format: 'js-agent', source: 'export const act = () => 0;', filename: 'agent.ts' },
    });
    expect(decodeArtifact('checks', strToU8('export {}'), limits)).toEqual({
      kind: 'checks',
      artifact: { source: 'export {}', filename: 'homework.ts' },
    });
    expect(decodeArtifact('python-checks', strToU8('def gae(*a):\n    return a\n'), limits)).toEqual({
      kind: 'python-checks',
      artifact: { source: 'def gae(*a):\n    return a\n' },
    });
    expect(
      refusal(() => decodeArtifact('python-checks', new Uint8Array([0xff, 0xfe]), limits)).location,
    ).toEqual(expect.objectContaining({ expected: 'a UTF-8 Python module' }));
    const model = new Uint8Array([8, 8, 18, 0]);
    expect(decodeArtifact('onnx', model, limits)).toEqual({
      kind: 'policy',
      artifact: { format: 'onnx', model },
    });
    const manifest = strToU8('{"policy":"sample"}');
    const zipped = decodeArtifact('onnx', zipSync({ 'policy.onnx': model, 'critic.json': manifest }), limits);
    expect(zipped).toEqual({ kind: 'policy', artifact: { format: 'onnx', model, manifest } });
  });

  it('refuses what cannot be an artifact, saying what was expected', () => {
    expect(
      refusal(() => decodeArtifact('tfjs-layers', strToU8('{"format":"layers-model"}'), limits)).message,
    ).toMatch(/must be a zip of model.json/);
    const twoModels = zipSync({ 'a.onnx': new Uint8Array(4), 'b.onnx': new Uint8Array(4) });
    const e = refusal(() => decodeArtifact('onnx', twoModels, limits));
    expect(e.verdict).toBe('invalid_artifact');
    expect(e.message).toMatch(/exactly one .onnx file, found 2/);
    expect(
      refusal(() => decodeArtifact('js-agent', new Uint8Array([0xff, 0xfe, 0x00]), limits)).message,
    ).toMatch(/not UTF-8/);
  });
});
