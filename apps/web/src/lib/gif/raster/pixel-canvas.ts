import type { FrameContext } from '~/lib/frames/draw-frame';
import { GLYPH_ADVANCE, GLYPH_CAP_ROWS, glyphCells } from './bitmap-font';
import { parseHexColor } from './color';
import { fillDisc, fillRings, type Point, type SpanSink, segmentQuad } from './scanline';

interface SubPath {
  points: Point[];
  closed: boolean;
}

/** Cap height as a fraction of the font's pixel size (a typical sans-serif's). */
const CAP_HEIGHT_PER_EM = 0.7;

/**
 * A software canvas: the FrameContext subset of CanvasRenderingContext2D drawn into an RGBA buffer
 * without anti-aliasing (every pixel gets one of the colours drawn, so GIF palettes stay exact).
 * Colours are hex strings; lines have round caps and joins whatever lineCap/lineJoin say.
 */
export class PixelCanvas implements FrameContext {
  /** RGBA bytes, row-major, top row first; starts transparent black. */
  readonly data: Uint8ClampedArray;
  private readonly words: Uint32Array;
  fillStyle: string | CanvasGradient | CanvasPattern = '#000000';
  strokeStyle: string | CanvasGradient | CanvasPattern = '#000000';
  lineWidth = 1;
  lineCap: CanvasLineCap = 'round';
  lineJoin: CanvasLineJoin = 'round';
  font = '10px sans-serif';
  textBaseline: CanvasTextBaseline = 'alphabetic';
  textAlign: CanvasTextAlign = 'left';
  private path: SubPath[] = [];

  constructor(
    readonly width: number,
    readonly height: number,
  ) {
    if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1) {
      throw new Error(`canvas size: expected positive integers, found ${width}×${height}`);
    }
    this.data = new Uint8ClampedArray(width * height * 4);
    this.words = new Uint32Array(this.data.buffer);
  }

  fillRect(x: number, y: number, w: number, h: number): void {
    this.fillPolygon([
      [x, y],
      [x + w, y],
      [x + w, y + h],
      [x, y + h],
    ]);
  }

  beginPath(): void {
    this.path = [];
  }

  moveTo(x: number, y: number): void {
    this.path.push({ points: [[x, y]], closed: false });
  }

  lineTo(x: number, y: number): void {
    const current = this.path.at(-1);
    if (!current || current.closed) this.moveTo(x, y);
    else current.points.push([x, y]);
  }

  closePath(): void {
    const current = this.path.at(-1);
    if (current) current.closed = true;
  }

  arc(x: number, y: number, radius: number, startAngle: number, endAngle: number): void {
    const sweep = endAngle - startAngle;
    const n = Math.min(720, Math.max(16, Math.ceil(Math.abs(sweep) * Math.sqrt(Math.max(radius, 1)) * 2)));
    for (let i = 0; i <= n; i++) {
      const a = startAngle + (sweep * i) / n;
      const px = x + radius * Math.cos(a);
      const py = y + radius * Math.sin(a);
      if (i === 0 && (this.path.length === 0 || this.path.at(-1)!.closed)) this.moveTo(px, py);
      else this.lineTo(px, py);
    }
  }

  fill(): void {
    const rings = this.path.filter((s) => s.points.length >= 3).map((s) => s.points);
    if (rings.length > 0)
      fillRings(rings, this.width, this.height, this.painter(this.fillStyle, 'fillStyle'));
  }

  stroke(): void {
    const paint = this.painter(this.strokeStyle, 'strokeStyle');
    const half = this.lineWidth / 2;
    for (const sub of this.path) {
      const pts = sub.closed && sub.points.length > 2 ? [...sub.points, sub.points[0]!] : sub.points;
      for (let i = 0; i + 1 < pts.length; i++) {
        const quad = segmentQuad(pts[i]!, pts[i + 1]!, half);
        if (quad.length > 0) fillRings([quad], this.width, this.height, paint);
      }
      // round caps and joins
      if (half > 0.5) for (const [px, py] of pts) fillDisc(px, py, half, this.width, this.height, paint);
    }
  }

  fillText(text: string, x: number, y: number): void {
    const paint = this.painter(this.fillStyle, 'fillStyle');
    const cell = (fontPixelSize(this.font) * CAP_HEIGHT_PER_EM) / GLYPH_CAP_ROWS;
    const top = y - GLYPH_CAP_ROWS * cell;
    [...text].forEach((ch, i) => {
      const left = x + i * GLYPH_ADVANCE * cell;
      for (const [c, r] of glyphCells(ch)) {
        const x0 = Math.max(0, Math.round(left + c * cell));
        const x1 = Math.min(this.width, Math.max(x0 + 1, Math.round(left + (c + 1) * cell)));
        const y0 = Math.round(top + r * cell);
        const y1 = Math.max(y0 + 1, Math.round(top + (r + 1) * cell));
        for (let py = Math.max(0, y0); py < Math.min(this.height, y1); py++) if (x1 > x0) paint(py, x0, x1);
      }
    });
  }

  /** The colour of pixel (x, y) as 0xRRGGBB (alpha ignored). */
  pixel(x: number, y: number): number {
    const i = (y * this.width + x) * 4;
    return (this.data[i]! << 16) | (this.data[i + 1]! << 8) | this.data[i + 2]!;
  }

  private fillPolygon(points: Point[]): void {
    fillRings([points], this.width, this.height, this.painter(this.fillStyle, 'fillStyle'));
  }

  private painter(style: string | CanvasGradient | CanvasPattern, field: string): SpanSink {
    if (typeof style !== 'string')
      throw new Error(`${field}: expected a hex colour string, found a gradient or pattern`);
    const rgb = parseHexColor(style);
    // RGBA bytes in memory = one little-endian word 0xAABBGGRR
    const word = (0xff000000 | ((rgb & 0xff) << 16) | (rgb & 0xff00) | ((rgb >> 16) & 0xff)) >>> 0;
    const words = this.words;
    const width = this.width;
    return (y, x0, x1) => words.fill(word, y * width + x0, y * width + x1);
  }
}

/** The pixel size in a CSS font shorthand such as "12.5px sans-serif". */
function fontPixelSize(font: string): number {
  const m = /(\d+(?:\.\d+)?)px/.exec(font);
  if (!m)
    throw new Error(`font: expected a size in px such as "12px sans-serif", found ${JSON.stringify(font)}`);
  return Number(m[1]);
}
