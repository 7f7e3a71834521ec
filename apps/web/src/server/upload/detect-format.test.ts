import { DEFAULT_ARTIFACT_LIMITS } from '@critic/runner';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { onnxPolicy, tfjsPolicyFiles } from '../../../test/support/grading';
import { ApiError } from '../api-error';
import { detectArtifact } from './detect-format';

const f = (name: string, content: string | Uint8Array) => ({
  name,
  bytes: typeof content === 'string' ? strToU8(content) : content,
});

function refusal(fn: () => unknown): ApiError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(ApiError);
    return e as ApiError;
  }
  throw new Error('expected a refusal');
}

describe('detectArtifact', () => {
  it('recognises modules by kind, ONNX files, tfjs files and zips by their contents', () => {
    expect(detectArtifact('agent', [f('a.mts', 'x')], undefined, DEFAULT_ARTIFACT_LIMITS).format).toBe(
      'js-agent',
    );
    expect(detectArtifact('checks', [f('hw.js', 'x')], undefined, DEFAULT_ARTIFACT_LIMITS).format).toBe(
      'checks',
    );
    const onnx = detectArtifact('agent', [f('p.onnx', onnxPolicy(4, 2))], undefined, DEFAULT_ARTIFACT_LIMITS);
    expect(onnx.format).toBe('onnx');
    const zipOnnx = zipSync({ 'net.onnx': onnxPolicy(4, 2), 'critic.json': strToU8('{"policy":"argmax"}') });
    // A zip without the .zip extension is still recognised by its header.
    const fromZip = detectArtifact('agent', [f('upload.bin', zipOnnx)], undefined, DEFAULT_ARTIFACT_LIMITS);
    expect(fromZip).toMatchObject({ format: 'onnx', stored: zipOnnx });
    const files = Object.entries(tfjsPolicyFiles(4, 2)).map(([n, b]) => f(n, b));
    const tfjs = detectArtifact('agent', files, 'tfjs-layers', DEFAULT_ARTIFACT_LIMITS);
    expect(tfjs.format).toBe('tfjs-layers');
    expect(Object.keys(unzipSync(tfjs.stored)).sort()).toEqual(['group1-shard1of1.bin', 'model.json']);
  });

  it('recognises Python agents: a .py file, a zip with agent.py (at the top or in one folder), files side by side', () => {
    const source = 'def act(obs):\n    return 0\n';
    const one = detectArtifact('agent', [f('my_agent.py', source)], undefined, DEFAULT_ARTIFACT_LIMITS);
    expect(one.format).toBe('python-agent');
    expect(one.stored).toEqual(strToU8(source));
    expect(Object.keys((one as { files: Record<string, Uint8Array> }).files)).toEqual(['agent.py']);
    const zipped = zipSync({ 'sub/agent.py': strToU8(source), 'sub/weights.npz': new Uint8Array([1, 2]) });
    expect(
      detectArtifact('agent', [f('a.zip', zipped)], 'python-agent', DEFAULT_ARTIFACT_LIMITS),
    ).toMatchObject({
      format: 'python-agent',
      stored: zipped,
    });
    const side = detectArtifact(
      'agent',
      [f('agent.py', source), f('weights.pt', new Uint8Array([9]))],
      undefined,
      DEFAULT_ARTIFACT_LIMITS,
    );
    expect(side.format).toBe('python-agent');
    expect(Object.keys(unzipSync(side.stored)).sort()).toEqual(['agent.py', 'weights.pt']);
    // On a homework assignment a .py file is a Python homework module, not an agent.
    expect(detectArtifact('checks', [f('hw.py', source)], undefined, DEFAULT_ARTIFACT_LIMITS).format).toBe(
      'python-checks',
    );
    expect(
      refusal(() =>
        detectArtifact(
          'agent',
          [f('a.py', new Uint8Array([0xff, 0xfe]))],
          undefined,
          DEFAULT_ARTIFACT_LIMITS,
        ),
      ).message,
    ).toMatch(/a\.py is not UTF-8 text/);
  });

  it('names the stray file when model files come with something else', () => {
    const files = [...Object.entries(tfjsPolicyFiles(4, 2)).map(([n, b]) => f(n, b)), f('notes.txt', 'hi')];
    const e = refusal(() => detectArtifact('agent', files, undefined, DEFAULT_ARTIFACT_LIMITS));
    expect(e.status).toBe(415);
    expect(e.message).toMatch(/"notes\.txt"/);
    const two = refusal(() =>
      detectArtifact('agent', [f('a.ts', 'x'), f('b.ts', 'y')], undefined, DEFAULT_ARTIFACT_LIMITS),
    );
    expect(two.message).toMatch(/send a module or a zip alone/);
  });

  it('refuses a zip that is not a model, and a path-traversal zip as an invalid artifact', () => {
    const junk = zipSync({ 'readme.md': strToU8('hello') });
    expect(
      refusal(() => detectArtifact('agent', [f('m.zip', junk)], undefined, DEFAULT_ARTIFACT_LIMITS)).message,
    ).toMatch(/neither a model\.json nor exactly one \.onnx/);
    const evil = zipSync({ '../model.json': strToU8('{}') });
    const e = refusal(() => detectArtifact('agent', [f('m.zip', evil)], undefined, DEFAULT_ARTIFACT_LIMITS));
    expect(e.status).toBe(422);
    expect(e.message).toMatch(/path traversal/);
  });
});
