import type { Frame } from '@critic/envs';

/** A world→pixel mapping: uniform scale (aspect preserved), centred, y flipped (world y up, pixel y down). */
export interface FrameTransform {
  /** Pixels per world unit. */
  scale: number;
  /** Pixel x of world x. */
  x(wx: number): number;
  /** Pixel y of world y. */
  y(wy: number): number;
}

/** The transform that fits `viewport` into a width×height pixel box, letterboxed and centred. */
export function frameTransform(viewport: Frame['viewport'], width: number, height: number): FrameTransform {
  const w = viewport.xMax - viewport.xMin;
  const h = viewport.yMax - viewport.yMin;
  if (!(w > 0) || !(h > 0)) {
    throw new Error(
      `frame.viewport: expected xMin < xMax and yMin < yMax, found x [${viewport.xMin}, ${viewport.xMax}], y [${viewport.yMin}, ${viewport.yMax}]`,
    );
  }
  const scale = Math.min(width / w, height / h);
  const offsetX = (width - w * scale) / 2;
  const offsetY = (height - h * scale) / 2;
  return {
    scale,
    x: (wx) => offsetX + (wx - viewport.xMin) * scale,
    y: (wy) => offsetY + (viewport.yMax - wy) * scale,
  };
}

/** The pixel height that keeps `viewport`'s aspect ratio at the given width (at least 1). */
export function frameHeightFor(viewport: Frame['viewport'], width: number): number {
  const ratio = (viewport.yMax - viewport.yMin) / (viewport.xMax - viewport.xMin);
  return Math.max(1, Math.round(width * ratio));
}
