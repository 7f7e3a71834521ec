import type { Frame } from '@critic/envs';
import { type DrawFrameOptions, drawFrame } from '~/lib/frames/draw-frame';
import { PixelCanvas } from './pixel-canvas';

/** Draws `frame` at width×height in software and returns its RGBA pixels (row-major, top row first). */
export function rasterizeFrame(
  frame: Frame,
  width: number,
  height: number,
  options?: DrawFrameOptions,
): Uint8ClampedArray {
  const canvas = new PixelCanvas(width, height);
  drawFrame(canvas, frame, width, height, options);
  return canvas.data;
}
