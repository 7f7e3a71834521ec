import { renderFrame } from '@critic/envs';
import { describe, expect, test } from 'vitest';
import { decodeGif } from './decode';
import { framesGifInSlices, framesGifSync, gifDelayCs } from './frames-gif';

const frames = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((s) => renderFrame('CliffWalking-v1', [24 + s]));

describe('framesGif', () => {
  test('in slices: reports progress after every frame and gives the same bytes as the synchronous run', async () => {
    const seen: number[] = [];
    const bytes = await framesGifInSlices(
      frames,
      { width: 120 },
      (done, total) => seen.push(done / total),
      undefined,
      4,
    );
    expect(seen).toEqual(frames.map((_, i) => (i + 1) / frames.length));
    expect(bytes).toEqual(framesGifSync(frames, { width: 120 }));
    // CliffWalking is 12 × 4 cells: 120 × 40 px
    const gif = decodeGif(bytes);
    expect([gif.width, gif.height, gif.frames.length]).toEqual([120, 40, 11]);
  });

  test('maxFrames keeps evenly spaced frames, first and last included, each shown longer', () => {
    const gif = decodeGif(framesGifSync(frames, { width: 120, fps: 30, maxFrames: 4 }));
    expect(gif.frames).toHaveLength(4);
    // 4 of 11 frames over the same duration: 30 · 4 / 11 ≈ 10.9 fps → 9 hundredths
    expect(gif.frames.map((f) => f.delayCs)).toEqual([9, 9, 9, 9]);
    const full = decodeGif(framesGifSync(frames, { width: 120 }));
    expect(gif.frames[0]!.screen).toEqual(full.frames[0]!.screen);
    expect(gif.frames[3]!.screen).toEqual(full.frames[10]!.screen);
    expect(gif.frames[1]!.screen).toEqual(full.frames[3]!.screen);
    expect(() => framesGifSync(frames, { maxFrames: 1 })).toThrow(
      'maxFrames: expected an integer ≥ 2, found 1',
    );
  });

  test('stops with an abort error when aborted', async () => {
    const abort = new AbortController();
    const run = framesGifInSlices(
      frames,
      { width: 60 },
      (done) => done === 2 && abort.abort(),
      abort.signal,
      2,
    );
    await expect(run).rejects.toThrow(/abort/i);
  });

  test('gifDelayCs rounds to hundredths, never under 2', () => {
    expect([gifDelayCs(4), gifDelayCs(30), gifDelayCs(50), gifDelayCs(200)]).toEqual([25, 3, 2, 2]);
    expect(() => gifDelayCs(0)).toThrow('fps: expected a positive number, found 0');
    expect(() => framesGifSync([])).toThrow(/at least one frame/);
  });
});
