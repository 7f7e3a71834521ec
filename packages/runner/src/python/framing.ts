/**
 * The binary framing between the grader and the Python child (packages/runner/python/critic_sandbox/framing.py):
 *
 *   u32 LE header length H · u32 LE body length B · H bytes of UTF-8 JSON · B bytes of arrays
 *
 * The JSON is `{ value, arrays: [{ dtype, shape }] }`: `value` is plain JSON in which `{"$nd": i}`
 * stands for array i and `{"$num": "NaN" | "Infinity" | "-Infinity"}` for such numbers; the arrays'
 * raw little-endian bytes follow in order, each starting at a multiple of 8 bytes.
 */

/** Element types that travel as raw bytes. */
export type NdDtype = 'f64' | 'f32' | 'i64' | 'bool' | 'u8';

/** An n-dimensional array: row-major data of `shape`. `bool` data is one byte (0 or 1) per element; `u8` (uint8: Atari frames, rgb_array renders) one byte. */
export interface NdArray {
  dtype: NdDtype;
  shape: number[];
  data: Float64Array | Float32Array | BigInt64Array | Uint8Array;
}

/** What a frame's value may hold. */
export type FrameValue =
  | null
  | boolean
  | number
  | string
  | NdArray
  | FrameValue[]
  | { [key: string]: FrameValue };

/** Largest header and body a peer may send (a larger frame is a protocol error). */
export const MAX_HEADER_BYTES = 16 * 1024 * 1024;
export const MAX_BODY_BYTES = 256 * 1024 * 1024;

const ITEM_BYTES: Record<NdDtype, number> = { f64: 8, f32: 4, i64: 8, bool: 1, u8: 1 };

/** A float64 NdArray of `shape` over `data` (no copy). */
export function ndF64(data: Float64Array, shape: number[]): NdArray {
  return { dtype: 'f64', shape, data };
}

/** A float32 NdArray of `shape` over `data` (no copy). */
export function ndF32(data: Float32Array, shape: number[]): NdArray {
  return { dtype: 'f32', shape, data };
}

/** True for an NdArray (as built by `ndF64` etc. or decoded from a frame). */
export function isNdArray(v: unknown): v is NdArray {
  return (
    typeof v === 'object' &&
    v !== null &&
    'dtype' in v &&
    'shape' in v &&
    'data' in v &&
    ArrayBuffer.isView((v as NdArray).data)
  );
}

const pad8 = (n: number) => (8 - (n % 8)) % 8;

function elementCount(shape: readonly number[]): number {
  return shape.reduce((a, d) => a * d, 1);
}

/** Encodes one frame. */
export function encodeFrame(value: FrameValue): Buffer {
  const arrays: NdArray[] = [];
  const flatten = (v: FrameValue): unknown => {
    if (typeof v === 'number') {
      if (Number.isNaN(v)) return { $num: 'NaN' };
      if (!Number.isFinite(v)) return { $num: v > 0 ? 'Infinity' : '-Infinity' };
      return v;
    }
    if (v === null || typeof v !== 'object') return v;
    if (isNdArray(v)) {
      if (v.data.length !== elementCount(v.shape)) {
        throw new RangeError(`encodeFrame: ${v.data.length} elements for shape [${v.shape.join(', ')}]`);
      }
      arrays.push(v);
      return { $nd: arrays.length - 1 };
    }
    if (Array.isArray(v)) return v.map(flatten);
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, flatten(x)]));
  };
  const plain = flatten(value);
  const header = Buffer.from(
    JSON.stringify({ value: plain, arrays: arrays.map((a) => ({ dtype: a.dtype, shape: a.shape })) }),
    'utf8',
  );
  let bodyBytes = 0;
  for (const a of arrays) bodyBytes += a.data.byteLength + pad8(a.data.byteLength);
  const out = Buffer.alloc(8 + header.length + bodyBytes);
  out.writeUInt32LE(header.length, 0);
  out.writeUInt32LE(bodyBytes, 4);
  header.copy(out, 8);
  let at = 8 + header.length;
  for (const a of arrays) {
    out.set(new Uint8Array(a.data.buffer, a.data.byteOffset, a.data.byteLength), at);
    at += a.data.byteLength + pad8(a.data.byteLength);
  }
  return out;
}

/** A frame the peer sent that cannot be decoded (the child runs hostile code). */
export class FrameError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FrameError';
  }
}

function typedArray(dtype: NdDtype, bytes: Uint8Array): NdArray['data'] {
  // Copy into a fresh, aligned buffer: the chunk's offset need not be a multiple of 8.
  const copy = new Uint8Array(bytes.length);
  copy.set(bytes);
  const buf = copy.buffer;
  switch (dtype) {
    case 'f64':
      return new Float64Array(buf);
    case 'f32':
      return new Float32Array(buf);
    case 'i64':
      return new BigInt64Array(buf);
    case 'bool':
    case 'u8':
      return new Uint8Array(buf);
  }
}

function decodeFrame(headerBytes: Buffer, body: Buffer): FrameValue {
  let header: unknown;
  try {
    header = JSON.parse(headerBytes.toString('utf8'));
  } catch {
    throw new FrameError('frame header is not JSON');
  }
  if (typeof header !== 'object' || header === null || !('value' in header)) {
    throw new FrameError('frame header has no value');
  }
  const metas = (header as { arrays?: unknown }).arrays ?? [];
  if (!Array.isArray(metas)) throw new FrameError('frame header arrays is not a list');
  const arrays: NdArray[] = [];
  let at = 0;
  for (const m of metas as { dtype?: unknown; shape?: unknown }[]) {
    const dtype = m?.dtype;
    const shape = m?.shape;
    if (typeof dtype !== 'string' || !(dtype in ITEM_BYTES))
      throw new FrameError(`bad array dtype ${String(dtype)}`);
    if (!Array.isArray(shape) || !shape.every((d) => Number.isInteger(d) && d >= 0)) {
      throw new FrameError('bad array shape');
    }
    const nbytes = elementCount(shape) * ITEM_BYTES[dtype as NdDtype];
    if (at + nbytes > body.length) throw new FrameError('array bytes run past the frame');
    arrays.push({
      dtype: dtype as NdDtype,
      shape,
      data: typedArray(dtype as NdDtype, body.subarray(at, at + nbytes)),
    });
    at += nbytes + pad8(nbytes);
  }
  const revive = (v: unknown): FrameValue => {
    if (v === null || typeof v !== 'object') return v as FrameValue;
    if (Array.isArray(v)) return v.map(revive);
    const keys = Object.keys(v);
    if (keys.length === 1 && keys[0] === '$nd') {
      const a = arrays[(v as { $nd: number }).$nd];
      if (!a) throw new FrameError('reference to a missing array');
      return a;
    }
    if (keys.length === 1 && keys[0] === '$num') {
      const s = (v as { $num: unknown }).$num;
      if (s === 'NaN') return Number.NaN;
      if (s === 'Infinity') return Number.POSITIVE_INFINITY;
      if (s === '-Infinity') return Number.NEGATIVE_INFINITY;
      throw new FrameError('bad $num');
    }
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, revive(x)]));
  };
  return revive((header as { value: unknown }).value);
}

/** Collects stream chunks and yields whole frames. */
export class FrameDecoder {
  private chunks: Buffer[] = [];
  private buffered = 0;

  /** Adds bytes; returns the frames completed by them (throws FrameError on a malformed frame). */
  push(chunk: Buffer): FrameValue[] {
    this.chunks.push(chunk);
    this.buffered += chunk.length;
    const out: FrameValue[] = [];
    for (;;) {
      if (this.buffered < 8) return out;
      const all = this.chunks.length === 1 ? this.chunks[0]! : Buffer.concat(this.chunks);
      this.chunks = [all];
      const h = all.readUInt32LE(0);
      const b = all.readUInt32LE(4);
      if (h > MAX_HEADER_BYTES || b > MAX_BODY_BYTES)
        throw new FrameError(`frame too large (${h} + ${b} bytes)`);
      if (this.buffered < 8 + h + b) return out;
      out.push(decodeFrame(all.subarray(8, 8 + h), all.subarray(8 + h, 8 + h + b)));
      const rest = all.subarray(8 + h + b);
      this.chunks = rest.length ? [rest] : [];
      this.buffered = rest.length;
    }
  }
}
