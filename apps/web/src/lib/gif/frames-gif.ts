import type { Frame } from '@critic/envs';
import { evenIndices } from '~/lib/charts/even-indices';
import { frameHeightFor } from '~/lib/frames/frame-transform';
import { GifEncoder } from './encode';
import { rasterizeFrame } from './raster/rasterize';

/** How to turn frames into a GIF. */
export interface FramesGifOptions {
  /** Image width in pixels (default 480). */
  width?: number;
  /** Image height in pixels (default: the first frame's viewport aspect at `width`). */
  height?: number;
  /** Frames per second (default 30); GIF delays are whole hundredths, at least 2. */
  fps?: number;
  /** NETSCAPE2.0 loop count: 0 forever (default), false plays once. */
  loop?: number | false;
  /** Longer sequences keep this many evenly spaced frames (first and last included), each shown longer so the GIF lasts as long. */
  maxFrames?: number;
}

/** The delay per frame in hundredths of a second for `fps` (browsers slow down delays under 2). */
export function gifDelayCs(fps: number): number {
  if (!(fps > 0)) throw new Error(`fps: expected a positive number, found ${fps}`);
  return Math.max(2, Math.round(100 / fps));
}

/**
 * Rasterizes and encodes `frames` one at a time, yielding the number of frames encoded after each, and
 * returns the GIF bytes: drive it to the end synchronously (server) or with pauses (browser).
 */
export function* framesGif(
  frames: readonly Frame[],
  options: FramesGifOptions = {},
): Generator<number, Uint8Array> {
  const first = frames[0];
  if (!first) throw new Error('frames: expected at least one frame, found none');
  const width = options.width ?? 480;
  const height = options.height ?? frameHeightFor(first.viewport, width);
  const { maxFrames } = options;
  if (maxFrames !== undefined && !(Number.isInteger(maxFrames) && maxFrames >= 2)) {
    throw new Error(`maxFrames: expected an integer ≥ 2, found ${maxFrames}`);
  }
  const kept = evenIndices(frames.length, maxFrames ?? frames.length + 1);
  // the kept frames cover the same duration: fps scaled by kept / total
  const delayCs = gifDelayCs(((options.fps ?? 30) * kept.length) / frames.length);
  const encoder = new GifEncoder({ width, height, loop: options.loop ?? 0 });
  for (const i of kept) {
    encoder.addFrame(rasterizeFrame(frames[i]!, width, height), delayCs);
    yield encoder.frameCount;
  }
  return encoder.finish();
}

/** Runs framesGif to completion synchronously. */
export function framesGifSync(frames: readonly Frame[], options?: FramesGifOptions): Uint8Array {
  const run = framesGif(frames, options);
  for (;;) {
    const step = run.next();
    if (step.done) return step.value;
  }
}

/**
 * Runs framesGif in slices of `framesPerSlice`, giving the event loop a turn between slices (so a
 * browser stays responsive) and reporting (done, total) after each; rejects with an AbortError
 * when `signal` aborts.
 */
export async function framesGifInSlices(
  frames: readonly Frame[],
  options: FramesGifOptions = {},
  onProgress?: (done: number, total: number) => void,
  signal?: AbortSignal,
  framesPerSlice = 8,
): Promise<Uint8Array> {
  const run = framesGif(frames, options);
  const total = Math.min(frames.length, options.maxFrames ?? frames.length);
  for (;;) {
    signal?.throwIfAborted();
    for (let k = 0; k < framesPerSlice; k++) {
      const step = run.next();
      if (step.done) return step.value;
      onProgress?.(step.value, total);
    }
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
}
