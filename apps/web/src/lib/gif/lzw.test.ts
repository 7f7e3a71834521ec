import { Rng } from '@critic/envs';
import { describe, expect, test } from 'vitest';
import { lzwDecode, lzwEncode } from './lzw';

describe('GIF LZW', () => {
  test('encodes a tiny stream to the bytes worked out by hand', () => {
    // min code size 2: clear 4, eoi 5; codes 4, 0, 6 ("0 0"), 0, 5 at 3 bits each, least-significant first
    expect([...lzwEncode([0, 0, 0, 0], 2)]).toEqual([0x84, 0x51]);
    expect([...lzwDecode(new Uint8Array([0x84, 0x51]), 2, 4)]).toEqual([0, 0, 0, 0]);
  });

  test('round-trips random and repetitive streams through code-size growth and dictionary resets', () => {
    const rng = new Rng(7);
    for (const minCodeSize of [2, 3, 5, 8]) {
      const colors = 1 << minCodeSize;
      for (const length of [1, 2, 300, 5000, 20_000]) {
        const noisy = Uint8Array.from({ length }, () => rng.integer(colors));
        expect(lzwDecode(lzwEncode(noisy, minCodeSize), minCodeSize, length)).toEqual(noisy);
        const runs = Uint8Array.from({ length }, (_, i) => Math.floor(i / 37) % colors);
        expect(lzwDecode(lzwEncode(runs, minCodeSize), minCodeSize, length)).toEqual(runs);
      }
    }
  });

  test('compresses flat regions well', () => {
    const flat = new Uint8Array(100_000).fill(3);
    expect(lzwEncode(flat, 2).length).toBeLessThan(1000);
  });

  test('rejects indices that do not fit the code size and bad streams, naming the problem', () => {
    expect(() => lzwEncode([0, 4], 2)).toThrow(
      'indices[1]: expected an integer in [0, 3] for minCodeSize 2, found 4',
    );
    expect(() => lzwEncode([], 2)).toThrow(/at least one pixel/);
    expect(() => lzwEncode([0], 9)).toThrow(/minCodeSize: expected an integer in \[2, 8\]/);
    expect(() => lzwDecode(new Uint8Array([0x84]), 2, 4)).toThrow(/ended without an end-of-information code/);
    expect(() => lzwDecode(new Uint8Array([0x84, 0x51]), 2, 3)).toThrow(/more than the 3 pixels/);
  });
});
