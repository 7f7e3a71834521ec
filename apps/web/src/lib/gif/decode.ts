import { lzwDecode } from './lzw';

/** One decoded image of a GIF, composited onto the logical screen. */
export interface DecodedGifFrame {
  /** Image rectangle on the logical screen. */
  left: number;
  top: number;
  width: number;
  height: number;
  /** Graphic-control delay in hundredths of a second (0 without one). */
  delayCs: number;
  /** Graphic-control disposal method (0 without one). */
  disposal: number;
  /** The colour index of every pixel of the rectangle. */
  indices: Uint8Array;
  /** The whole logical screen after drawing this image, as 0xRRGGBB per pixel. */
  screen: Uint32Array;
}

/** A decoded GIF. */
export interface DecodedGif {
  width: number;
  height: number;
  /** Global colour table as 0xRRGGBB (empty without one). */
  globalPalette: number[];
  /** NETSCAPE2.0 loop count, or null without the extension. */
  loopCount: number | null;
  frames: DecodedGifFrame[];
}

/**
 * A strict decoder for the GIF89a files GifEncoder writes (used to check them): parses every block,
 * decodes the LZW data and composites frames (disposal 0/1 keep the screen, 2 clears the rectangle to
 * the background colour). Interlaced images and transparency are rejected as unsupported.
 */
export function decodeGif(bytes: Uint8Array): DecodedGif {
  let p = 0;
  const need = (n: number, what: string) => {
    if (p + n > bytes.length) throw new Error(`GIF: truncated at byte ${p} while reading ${what}`);
  };
  const u8 = (what: string) => {
    need(1, what);
    return bytes[p++]!;
  };
  const u16 = (what: string) => u8(what) | (u8(what) << 8);
  const table = (bits: number, what: string) => {
    const n = 1 << bits;
    need(3 * n, what);
    const colors: number[] = [];
    for (let i = 0; i < n; i++, p += 3) colors.push((bytes[p]! << 16) | (bytes[p + 1]! << 8) | bytes[p + 2]!);
    return colors;
  };
  const subBlocks = (what: string) => {
    const parts: Uint8Array[] = [];
    for (;;) {
      const size = u8(what);
      if (size === 0) break;
      need(size, what);
      parts.push(bytes.subarray(p, p + size));
      p += size;
    }
    const out = new Uint8Array(parts.reduce((s, b) => s + b.length, 0));
    let o = 0;
    for (const b of parts) {
      out.set(b, o);
      o += b.length;
    }
    return out;
  };

  need(6, 'header');
  const header = String.fromCharCode(...bytes.subarray(0, 6));
  if (header !== 'GIF89a') throw new Error(`GIF: expected header "GIF89a", found ${JSON.stringify(header)}`);
  p = 6;
  const width = u16('logical screen width');
  const height = u16('logical screen height');
  const packed = u8('logical screen flags');
  const background = u8('background index');
  u8('pixel aspect ratio');
  const globalPalette = packed & 0x80 ? table((packed & 7) + 1, 'global colour table') : [];
  const screen = new Uint32Array(width * height).fill(globalPalette[background] ?? 0);
  const frames: DecodedGifFrame[] = [];
  let loopCount: number | null = null;
  let delayCs = 0;
  let disposal = 0;
  for (;;) {
    const introducer = u8('block introducer');
    if (introducer === 0x3b) break;
    if (introducer === 0x21) {
      const label = u8('extension label');
      const body = subBlocks(`extension 0x${label.toString(16)}`);
      if (label === 0xf9) {
        if (body.length !== 4)
          throw new Error(`GIF: graphic control extension must hold 4 bytes, found ${body.length}`);
        if (body[0]! & 1) throw new Error('GIF: transparency is not supported by this decoder');
        disposal = (body[0]! >> 2) & 7;
        delayCs = body[1]! | (body[2]! << 8);
      } else if (label === 0xff && String.fromCharCode(...body.subarray(0, 11)) === 'NETSCAPE2.0') {
        if (body.length !== 14 || body[11] !== 1) throw new Error('GIF: malformed NETSCAPE2.0 extension');
        loopCount = body[12]! | (body[13]! << 8);
      }
      continue;
    }
    if (introducer !== 0x2c)
      throw new Error(`GIF: unexpected block 0x${introducer.toString(16)} at byte ${p - 1}`);
    const left = u16('image left');
    const top = u16('image top');
    const w = u16('image width');
    const h = u16('image height');
    const flags = u8('image flags');
    if (flags & 0x40) throw new Error('GIF: interlaced images are not supported by this decoder');
    if (left + w > width || top + h > height) {
      throw new Error(`GIF: image ${w}×${h} at (${left}, ${top}) exceeds the ${width}×${height} screen`);
    }
    const palette = flags & 0x80 ? table((flags & 7) + 1, 'local colour table') : globalPalette;
    const minCodeSize = u8('LZW minimum code size');
    const indices = lzwDecode(subBlocks('image data'), minCodeSize, w * h);
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) {
        const k = indices[y * w + x]!;
        if (k >= palette.length)
          throw new Error(`GIF: colour index ${k} outside a ${palette.length}-colour table`);
        screen[(top + y) * width + left + x] = palette[k]!;
      }
    }
    frames.push({ left, top, width: w, height: h, delayCs, disposal, indices, screen: screen.slice() });
    if (disposal === 2) {
      for (let y = 0; y < h; y++)
        screen.fill(globalPalette[background] ?? 0, (top + y) * width + left, (top + y) * width + left + w);
    }
    delayCs = 0;
    disposal = 0;
  }
  if (p !== bytes.length) throw new Error(`GIF: ${bytes.length - p} byte(s) after the trailer`);
  return { width, height, globalPalette, loopCount, frames };
}
