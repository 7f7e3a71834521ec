import type { Frame, Shape } from '@critic/envs';
import { type FrameTransform, frameTransform } from './frame-transform';

/**
 * The part of CanvasRenderingContext2D that drawFrame uses: a browser canvas context satisfies it,
 * and so do the software rasterizer (GIF) and the recording context of the tests.
 */
export interface FrameContext {
  fillStyle: string | CanvasGradient | CanvasPattern;
  strokeStyle: string | CanvasGradient | CanvasPattern;
  lineWidth: number;
  lineCap: CanvasLineCap;
  lineJoin: CanvasLineJoin;
  font: string;
  textBaseline: CanvasTextBaseline;
  textAlign: CanvasTextAlign;
  fillRect(x: number, y: number, w: number, h: number): void;
  beginPath(): void;
  moveTo(x: number, y: number): void;
  lineTo(x: number, y: number): void;
  closePath(): void;
  arc(x: number, y: number, radius: number, startAngle: number, endAngle: number): void;
  fill(): void;
  stroke(): void;
  fillText(text: string, x: number, y: number): void;
}

/** Options of drawFrame. */
export interface DrawFrameOptions {
  /** Colour painted over the whole canvas first (default white). */
  background?: string;
  /** Thinnest stroke in pixels, so hairlines (e.g. a 0.01-unit track) stay visible (default 1). */
  minLineWidth?: number;
}

/** Width in pixels of the outline drawn around filled polygons and circles that have a `stroke`. */
const OUTLINE_PX = 1;

/** Draws an @critic/envs frame onto a width×height context: background, then every shape in order. */
export function drawFrame(
  ctx: FrameContext,
  frame: Frame,
  width: number,
  height: number,
  options: DrawFrameOptions = {},
): void {
  const t = frameTransform(frame.viewport, width, height);
  ctx.fillStyle = options.background ?? '#ffffff';
  ctx.fillRect(0, 0, width, height);
  ctx.lineCap = 'round';
  ctx.lineJoin = 'round';
  const minLineWidth = options.minLineWidth ?? 1;
  for (const shape of frame.shapes) drawShape(ctx, shape, t, minLineWidth);
}

function drawShape(ctx: FrameContext, shape: Shape, t: FrameTransform, minLineWidth: number): void {
  switch (shape.kind) {
    case 'line':
      tracePoints(ctx, shape.points, t);
      ctx.strokeStyle = shape.stroke;
      ctx.lineWidth = Math.max(minLineWidth, shape.width * t.scale);
      ctx.stroke();
      return;
    case 'polygon':
      tracePoints(ctx, shape.points, t);
      ctx.closePath();
      paint(ctx, shape.fill, shape.stroke);
      return;
    case 'circle':
      ctx.beginPath();
      ctx.arc(t.x(shape.center[0]), t.y(shape.center[1]), shape.radius * t.scale, 0, 2 * Math.PI);
      ctx.closePath();
      paint(ctx, shape.fill, shape.stroke);
      return;
    case 'text':
      ctx.fillStyle = shape.fill;
      ctx.font = `${Math.max(1, shape.size * t.scale).toFixed(1)}px sans-serif`;
      ctx.textAlign = 'left';
      ctx.textBaseline = 'alphabetic';
      ctx.fillText(shape.text, t.x(shape.at[0]), t.y(shape.at[1]));
      return;
  }
}

function tracePoints(ctx: FrameContext, points: readonly [number, number][], t: FrameTransform): void {
  ctx.beginPath();
  points.forEach(([x, y], i) => {
    if (i === 0) ctx.moveTo(t.x(x), t.y(y));
    else ctx.lineTo(t.x(x), t.y(y));
  });
}

function paint(ctx: FrameContext, fill: string, stroke: string | undefined): void {
  ctx.fillStyle = fill;
  ctx.fill();
  if (stroke) {
    ctx.strokeStyle = stroke;
    ctx.lineWidth = OUTLINE_PX;
    ctx.stroke();
  }
}
