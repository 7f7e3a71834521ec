import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { DEFAULT_ARTIFACT_LIMITS, InvalidArtifactError, unzipArtifact } from '../src/index';

const limits = { ...DEFAULT_ARTIFACT_LIMITS, maxZipBytes: 1024 * 1024, maxZipEntries: 8 };

function refusal(run: () => unknown): InvalidArtifactError {
  try {
    run();
  } catch (e) {
    if (e instanceof InvalidArtifactError) return e;
    throw e;
  }
  throw new Error('expected the zip to be refused');
}

/** Rewrites the uncompressed-size field of every central directory entry (a lying archive). */
function forgeDeclaredSize(zip: Uint8Array, size: number): Uint8Array {
  const out = zip.slice();
  const view = new DataView(out.buffer);
  for (let i = 0; i + 4 <= out.length; i++) {
    if (view.getUint32(i, true) === 0x02014b50) view.setUint32(i + 24, size, true);
    if (view.getUint32(i, true) === 0x04034b50) view.setUint32(i + 22, size, true);
  }
  return out;
}

describe('unzipArtifact', () => {
  it('unpacks stored and deflated files, folders included, byte for byte', () => {
    const weights = new Uint8Array(4096).map((_, i) => (i * 37) % 251);
    const zip = zipSync({
      'model.json': strToU8('{"a":1}'),
      'group1-shard1of1.bin': [weights, { level: 0 }],
      sub: { 'x.txt': strToU8('hi') },
    });
    const files = unzipArtifact(zip, limits);
    expect(Object.keys(files).sort()).toEqual(['group1-shard1of1.bin', 'model.json', 'sub/x.txt']);
    expect(files['group1-shard1of1.bin']).toEqual(weights);
    expect(new TextDecoder().decode(files['model.json'])).toBe('{"a":1}');
  });

  it('stops a zip bomb while inflating, even when it lies about its size', () => {
    const bomb = zipSync({ 'weights.bin': new Uint8Array(32 * 1024 * 1024) }, { level: 9 });
    expect(bomb.length).toBeLessThan(100 * 1024);
    const honest = refusal(() => unzipArtifact(bomb, limits));
    expect(honest.message).toMatch(/declares 33554432 bytes; the archive may hold at most 1048576/);
    const liar = forgeDeclaredSize(bomb, 100);
    const e = refusal(() => unzipArtifact(liar, limits));
    expect(e.message).toMatch(/exceed the limit of 1048576 bytes \(stopped while inflating "weights.bin"\)/);
    expect(e.location.file).toBe('weights.bin');
  });

  it('refuses path traversal, absolute paths and backslashes', () => {
    for (const name of ['../evil.js', 'a/../../evil.js', '/etc/passwd', 'C:/x', 'a\\..\\b']) {
      const e = refusal(() => unzipArtifact(zipSync({ [name]: strToU8('x') }), limits));
      expect(e.verdict).toBe('invalid_artifact');
      expect(e.location.file).toBe(name);
    }
  });

  it('refuses symbolic links', () => {
    const zip = zipSync({ 'model.json': [strToU8('/etc/passwd'), { os: 3, attrs: (0o120777 << 16) >>> 0 }] });
    expect(refusal(() => unzipArtifact(zip, limits)).message).toMatch(/"model.json" is a symbolic link/);
  });

  it('refuses too many entries, corrupt data and non-zips', () => {
    const many: Record<string, Uint8Array> = {};
    for (let i = 0; i < 9; i++) many[`f${i}`] = strToU8('x');
    expect(refusal(() => unzipArtifact(zipSync(many), limits)).message).toMatch(/9 entries; at most 8/);
    const zip = zipSync({ 'a.txt': [strToU8('hello hello hello'), { level: 0 }] });
    const corrupt = zip.slice();
    corrupt[35] = corrupt[35]! ^ 0xff;
    expect(refusal(() => unzipArtifact(corrupt, limits)).message).toMatch(/CRC-32/);
    expect(refusal(() => unzipArtifact(strToU8('not a zip at all, just text'), limits)).message).toMatch(
      /not a zip archive/,
    );
    expect(refusal(() => unzipArtifact(zip.subarray(0, zip.length - 30), limits)).message).toMatch(/zip:/);
  });
});
