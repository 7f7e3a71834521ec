import { Rng } from '@critic/envs';
import { describe, expect, test } from 'vitest';
import { decodeGif } from './decode';
import { encodeGif, GifEncoder } from './encode';
import { image } from './testing/image';

const rgbOf = (rgba: Uint8Array) =>
  Uint32Array.from(
    { length: rgba.length / 4 },
    (_, i) => (rgba[4 * i]! << 16) | (rgba[4 * i + 1]! << 8) | rgba[4 * i + 2]!,
  );

describe('GIF89a encoder', () => {
  const palette = [0xffffff, 0x000000, 0xca9865, 0x8184cb, 0x27ae60];
  const rng = new Rng(1);
  const frames = [0, 1, 2].map(() => image(37, 23, () => palette[rng.integer(palette.length)]!));
  // frame 3 changes only a 4×3 block of frame 2; frame 4 repeats frame 3
  const frame3 = frames[2]!.slice();
  for (let y = 10; y < 13; y++) for (let x = 5; x < 9; x++) frame3.set([0, 0, 0xff, 255], (y * 37 + x) * 4);
  frames.push(frame3, frame3.slice());

  const bytes = encodeGif(
    frames.map((rgba, i) => ({ rgba, delayCs: 2 + i })),
    { width: 37, height: 23 },
  );
  const gif = decodeGif(bytes);

  test('writes a well-formed GIF89a: header, screen, global table, NETSCAPE2.0 loop, trailer', () => {
    expect(new TextDecoder().decode(bytes.subarray(0, 6))).toBe('GIF89a');
    expect(bytes.at(-1)).toBe(0x3b);
    expect([gif.width, gif.height]).toEqual([37, 23]);
    expect(gif.loopCount).toBe(0);
    // 6 colours (5 + the blue block) → an 8-entry table starting with the colours in first-seen order
    expect(gif.globalPalette).toHaveLength(8);
    expect(new Set(gif.globalPalette.slice(0, 6))).toEqual(new Set([...palette, 0x0000ff]));
  });

  test('every decoded frame equals its input pixel for pixel, with its delay', () => {
    expect(gif.frames).toHaveLength(5);
    gif.frames.forEach((f, i) => {
      expect(f.screen, `frame ${i}`).toEqual(rgbOf(frames[i]!));
      expect(f.delayCs).toBe(2 + i);
      expect(f.disposal).toBe(1);
    });
  });

  test('stores only the changed rectangle after the first frame (1×1 when nothing changed)', () => {
    const rects = gif.frames.map((f) => [f.left, f.top, f.width, f.height]);
    expect(rects[0]).toEqual([0, 0, 37, 23]);
    expect(rects[3]).toEqual([5, 10, 4, 3]);
    expect(rects[4]).toEqual([0, 0, 1, 1]);
  });

  test('a frame with more than 256 colours gets a median-cut local table close to the original', () => {
    const smooth = image(64, 64, (x, y) => ((x * 4) << 16) | ((y * 4) << 8) | ((x + y) * 2));
    const out = decodeGif(encodeGif([{ rgba: smooth, delayCs: 10 }], { width: 64, height: 64, loop: false }));
    expect(out.loopCount).toBeNull();
    const decoded = out.frames[0]!.screen;
    const original = rgbOf(smooth);
    let worst = 0;
    for (let i = 0; i < original.length; i++) {
      for (const shift of [16, 8, 0]) {
        worst = Math.max(worst, Math.abs(((decoded[i]! >> shift) & 0xff) - ((original[i]! >> shift) & 0xff)));
      }
    }
    expect(new Set(decoded).size).toBeLessThanOrEqual(256);
    expect(worst).toBeLessThanOrEqual(24);
  });

  test('validates sizes, frames and delays, naming the field', () => {
    expect(() => new GifEncoder({ width: 0, height: 3 })).toThrow(
      'GIF size: expected integers in [1, 65535], found 0×3',
    );
    const enc = new GifEncoder({ width: 2, height: 2 });
    expect(() => enc.addFrame(new Uint8Array(15), 5)).toThrow(
      'frame 0: expected 16 RGBA bytes (2×2), found 15',
    );
    expect(() => enc.addFrame(new Uint8Array(16), 1.5)).toThrow(
      'delayCs: expected an integer in [0, 65535], found 1.5',
    );
    expect(() => enc.finish()).toThrow(/at least one frame/);
  });

  test('the decoder rejects a truncated file', () => {
    expect(() => decodeGif(bytes.subarray(0, bytes.length - 10))).toThrow(/GIF: truncated|lzw:/);
  });
});
