import { ByteWriter } from './byte-writer';
import { lzwEncode } from './lzw';
import { medianCut } from './median-cut';

/** Options of a GIF animation. */
export interface GifOptions {
  /** Logical screen width in pixels. */
  width: number;
  /** Logical screen height in pixels. */
  height: number;
  /** NETSCAPE2.0 loop count: 0 loops forever (default); `false` plays once (no extension). */
  loop?: number | false;
}

interface EncodedFrame {
  left: number;
  top: number;
  width: number;
  height: number;
  delayCs: number;
  /** Local colour table (RGB ints), when the frame did not fit the global one. */
  localPalette: number[] | null;
  minCodeSize: number;
  lzw: Uint8Array;
}

const MAX_COLORS = 256;

/**
 * Incremental GIF89a encoder. Frames are RGBA (alpha ignored); colours go into one global colour
 * table while they fit in 256, and a frame that would overflow it gets its own median-cut local
 * table. After the first frame only the rectangle that changed is stored (disposal "do not dispose").
 *
 * Kept rather than `gifenc` (1.0.3) for size: gifenc writes every frame whole at (0, 0), while a
 * replay changes a few hundred pixels per step; the changed-rectangle frames here are what keep a
 * 500-step CartPole GIF near 40 kB. Frames carry only the colours they name, so the exact global
 * table needs no quantizer. Checked against libvips (`libvips.test.ts`), not only `decode.ts`.
 */
export class GifEncoder {
  private readonly global = new Map<number, number>();
  private readonly frames: EncodedFrame[] = [];
  private previous: Uint32Array | null = null;
  readonly width: number;
  readonly height: number;
  private readonly loop: number | false;

  constructor(options: GifOptions) {
    const { width, height } = options;
    if (
      !Number.isInteger(width) ||
      !Number.isInteger(height) ||
      width < 1 ||
      height < 1 ||
      width > 65535 ||
      height > 65535
    ) {
      throw new Error(`GIF size: expected integers in [1, 65535], found ${width}×${height}`);
    }
    const loop = options.loop ?? 0;
    if (loop !== false && !(Number.isInteger(loop) && loop >= 0 && loop <= 65535)) {
      throw new Error(`loop: expected false or an integer in [0, 65535], found ${loop}`);
    }
    this.width = width;
    this.height = height;
    this.loop = loop;
  }

  /** Number of frames added so far. */
  get frameCount(): number {
    return this.frames.length;
  }

  /** Adds a frame of width×height RGBA pixels shown for `delayCs` hundredths of a second. */
  addFrame(rgba: ArrayLike<number>, delayCs: number): void {
    const n = this.width * this.height;
    if (rgba.length !== n * 4) {
      throw new Error(
        `frame ${this.frames.length}: expected ${n * 4} RGBA bytes (${this.width}×${this.height}), found ${rgba.length}`,
      );
    }
    if (!(Number.isInteger(delayCs) && delayCs >= 0 && delayCs <= 65535)) {
      throw new Error(`delayCs: expected an integer in [0, 65535], found ${delayCs}`);
    }
    const pixels = rgbWords(rgba, n);
    const rect = this.previous ? changedRect(this.previous, pixels, this.width, this.height) : null;
    const left = rect?.left ?? 0;
    const top = rect?.top ?? 0;
    const w = rect?.width ?? this.width;
    const h = rect?.height ?? this.height;
    const histogram = new Map<number, number>();
    for (let y = top; y < top + h; y++) {
      for (let x = left; x < left + w; x++) {
        const c = pixels[y * this.width + x]!;
        histogram.set(c, (histogram.get(c) ?? 0) + 1);
      }
    }
    let fresh = 0;
    for (const c of histogram.keys()) if (!this.global.has(c)) fresh++;
    let indexOf: ReadonlyMap<number, number>;
    let localPalette: number[] | null = null;
    let paletteSize: number;
    if (this.global.size + fresh <= MAX_COLORS) {
      for (const c of histogram.keys()) if (!this.global.has(c)) this.global.set(c, this.global.size);
      indexOf = this.global;
      paletteSize = this.global.size;
    } else {
      const cut = medianCut(histogram, MAX_COLORS);
      localPalette = cut.palette;
      indexOf = cut.indexOf;
      paletteSize = cut.palette.length;
    }
    const indices = new Uint8Array(w * h);
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++)
        indices[y * w + x] = indexOf.get(pixels[(top + y) * this.width + left + x]!)!;
    }
    const minCodeSize = Math.max(2, bitsFor(paletteSize));
    this.frames.push({
      left,
      top,
      width: w,
      height: h,
      delayCs,
      localPalette,
      minCodeSize,
      lzw: lzwEncode(indices, minCodeSize),
    });
    this.previous = pixels;
  }

  /** The GIF file: header, logical screen, global colour table, loop extension, frames, trailer. */
  finish(): Uint8Array {
    if (this.frames.length === 0) throw new Error('GIF: expected at least one frame, found none');
    const out = new ByteWriter();
    out.ascii('GIF89a');
    out.u16(this.width);
    out.u16(this.height);
    const globalBits = Math.max(1, bitsFor(this.global.size));
    out.byte(0x80 | (7 << 4) | (globalBits - 1)); // global table, 8-bit colour resolution, table size
    out.byte(0); // background colour index
    out.byte(0); // pixel aspect ratio: unspecified
    writeColorTable(out, [...this.global.keys()], globalBits);
    if (this.loop !== false) {
      out.bytes([0x21, 0xff, 11]);
      out.ascii('NETSCAPE2.0');
      out.bytes([3, 1]);
      out.u16(this.loop);
      out.byte(0);
    }
    for (const f of this.frames) {
      out.bytes([0x21, 0xf9, 4, 1 << 2]); // graphic control: disposal 1 (do not dispose), no transparency
      out.u16(f.delayCs);
      out.bytes([0, 0]);
      out.byte(0x2c);
      out.u16(f.left);
      out.u16(f.top);
      out.u16(f.width);
      out.u16(f.height);
      if (f.localPalette) {
        const bits = Math.max(1, bitsFor(f.localPalette.length));
        out.byte(0x80 | (bits - 1));
        writeColorTable(out, f.localPalette, bits);
      } else {
        out.byte(0);
      }
      out.byte(f.minCodeSize);
      for (let i = 0; i < f.lzw.length; i += 255) {
        const block = f.lzw.subarray(i, i + 255);
        out.byte(block.length);
        out.bytes(block);
      }
      out.byte(0);
    }
    out.byte(0x3b);
    return out.toBytes();
  }
}

/** One frame for encodeGif. */
export interface GifFrame {
  /** width×height RGBA bytes. */
  rgba: ArrayLike<number>;
  /** Display time in hundredths of a second. */
  delayCs: number;
}

/** Encodes a whole animation at once (see GifEncoder). */
export function encodeGif(frames: readonly GifFrame[], options: GifOptions): Uint8Array {
  const encoder = new GifEncoder(options);
  for (const f of frames) encoder.addFrame(f.rgba, f.delayCs);
  return encoder.finish();
}

const LITTLE_ENDIAN = new Uint8Array(Uint32Array.of(1).buffer)[0] === 1;

/** The 0xRRGGBB colour of each of the n RGBA pixels (reading whole words when the bytes allow it). */
function rgbWords(rgba: ArrayLike<number>, n: number): Uint32Array {
  const out = new Uint32Array(n);
  if (
    LITTLE_ENDIAN &&
    (rgba instanceof Uint8Array || rgba instanceof Uint8ClampedArray) &&
    rgba.byteOffset % 4 === 0
  ) {
    const words = new Uint32Array(rgba.buffer, rgba.byteOffset, n);
    for (let i = 0; i < n; i++) {
      const w = words[i]!; // bytes R, G, B, A = word 0xAABBGGRR
      out[i] = ((w & 0xff) << 16) | (w & 0xff00) | ((w >>> 16) & 0xff);
    }
    return out;
  }
  for (let i = 0; i < n; i++) out[i] = (rgba[4 * i]! << 16) | (rgba[4 * i + 1]! << 8) | rgba[4 * i + 2]!;
  return out;
}

/** Bits needed to index `n` colours (0 for n ≤ 1). */
function bitsFor(n: number): number {
  let bits = 0;
  while (1 << bits < n) bits++;
  return bits;
}

function writeColorTable(out: ByteWriter, colors: readonly number[], bits: number): void {
  const size = 1 << bits;
  for (let i = 0; i < size; i++) {
    const c = colors[i] ?? 0;
    out.bytes([(c >> 16) & 0xff, (c >> 8) & 0xff, c & 0xff]);
  }
}

/** Bounding box of the pixels that differ between two frames; a 1×1 box at the origin when none do. */
function changedRect(before: Uint32Array, after: Uint32Array, width: number, height: number) {
  let x0 = width;
  let y0 = height;
  let x1 = -1;
  let y1 = -1;
  for (let y = 0; y < height; y++) {
    const row = y * width;
    for (let x = 0; x < width; x++) {
      if (before[row + x] !== after[row + x]) {
        if (x < x0) x0 = x;
        if (x > x1) x1 = x;
        if (y < y0) y0 = y;
        y1 = y;
      }
    }
  }
  if (x1 < 0) return { left: 0, top: 0, width: 1, height: 1 };
  return { left: x0, top: y0, width: x1 - x0 + 1, height: y1 - y0 + 1 };
}
