import { Rng } from '@critic/envs';
import sharp from 'sharp';
import { describe, expect, test } from 'vitest';
import { encodeGif } from './encode';
import { image } from './testing/image';

// The encoder checked by an independent decoder (libvips, through sharp), not only by ./decode.ts.

describe('GIF encoder against libvips', () => {
  test('libvips decodes every frame (changed-rectangle deltas and a dictionary reset included) to the input pixels, with delays and loop', async () => {
    const rng = new Rng(3);
    const palette = Array.from({ length: 200 }, () => rng.integer(0x1000000));
    const w = 61;
    const h = 47;
    // Noisy 200-colour frames fill LZW's 4096-entry dictionary (clear codes); frame 3 changes a block only.
    const frames = [0, 1].map(() => image(w, h, () => palette[rng.integer(palette.length)]!));
    const third = frames[1]!.slice();
    for (let y = 20; y < 30; y++) for (let x = 7; x < 19; x++) third.set([1, 2, 3, 255], (y * w + x) * 4);
    frames.push(third);
    const bytes = encodeGif(
      frames.map((rgba, i) => ({ rgba, delayCs: 4 + i })),
      { width: w, height: h },
    );
    const meta = await sharp(bytes, { animated: true }).metadata();
    expect(meta.pages).toBe(3);
    expect(meta.delay).toEqual([40, 50, 60]);
    expect(meta.loop).toBe(0);
    const { data, info } = await sharp(bytes, { animated: true })
      .ensureAlpha()
      .raw()
      .toBuffer({ resolveWithObject: true });
    expect([info.width, info.height]).toEqual([w, h * 3]);
    frames.forEach((rgba, i) => {
      const page = data.subarray(i * w * h * 4, (i + 1) * w * h * 4);
      expect(Buffer.from(page).equals(Buffer.from(rgba)), `frame ${i}`).toBe(true);
    });
  });
});
