import { ByteWriter } from './byte-writer';

/** GIF caps LZW codes at 12 bits. */
const MAX_CODE = 4096;

/** Dictionary of (prefix code, next index) → code, reused between calls; `stamp` marks live entries. */
const table = { codes: new Int16Array(0), stamp: new Uint16Array(0), generation: 0 };

function resetTable(): void {
  if (table.codes.length === 0) {
    table.codes = new Int16Array(MAX_CODE * 256);
    table.stamp = new Uint16Array(MAX_CODE * 256);
  }
  table.generation = (table.generation + 1) & 0xffff;
  if (table.generation === 0) {
    table.stamp.fill(0);
    table.generation = 1;
  }
}

/**
 * GIF's variable-length LZW: codes start at minCodeSize + 1 bits and grow to 12, a clear code
 * first and whenever the 4096-entry dictionary is full, then the end-of-information code; bits are
 * packed least-significant first. Returns the raw code stream (not yet split into sub-blocks).
 */
export function lzwEncode(indices: ArrayLike<number>, minCodeSize: number): Uint8Array {
  if (!Number.isInteger(minCodeSize) || minCodeSize < 2 || minCodeSize > 8) {
    throw new Error(`minCodeSize: expected an integer in [2, 8], found ${minCodeSize}`);
  }
  if (indices.length === 0) throw new Error('indices: expected at least one pixel index, found none');
  const clear = 1 << minCodeSize;
  const eoi = clear + 1;
  const out = new ByteWriter();
  let acc = 0;
  let nbits = 0;
  const emit = (code: number, size: number) => {
    acc |= code << nbits;
    nbits += size;
    while (nbits >= 8) {
      out.byte(acc & 0xff);
      acc >>>= 8;
      nbits -= 8;
    }
  };
  const check = (k: number, i: number) => {
    if (!(k >= 0 && k < clear && Number.isInteger(k))) {
      throw new Error(
        `indices[${i}]: expected an integer in [0, ${clear - 1}] for minCodeSize ${minCodeSize}, found ${k}`,
      );
    }
  };
  resetTable();
  let codeSize = minCodeSize + 1;
  let next = eoi + 1;
  emit(clear, codeSize);
  let prefix = indices[0]!;
  check(prefix, 0);
  for (let i = 1; i < indices.length; i++) {
    const k = indices[i]!;
    check(k, i);
    const key = prefix * 256 + k;
    if (table.stamp[key] === table.generation) {
      prefix = table.codes[key]!;
      continue;
    }
    emit(prefix, codeSize);
    if (next === MAX_CODE) {
      emit(clear, codeSize);
      resetTable();
      codeSize = minCodeSize + 1;
      next = eoi + 1;
    } else {
      if (next >= 1 << codeSize) codeSize++;
      table.codes[key] = next++;
      table.stamp[key] = table.generation;
    }
    prefix = k;
  }
  emit(prefix, codeSize);
  emit(eoi, codeSize);
  if (nbits > 0) out.byte(acc & 0xff);
  return out.toBytes();
}

/** Inverse of lzwEncode: decodes a GIF LZW code stream into `pixelCount` indices. */
export function lzwDecode(data: Uint8Array, minCodeSize: number, pixelCount: number): Uint8Array {
  const clear = 1 << minCodeSize;
  const eoi = clear + 1;
  const prefix = new Int16Array(MAX_CODE);
  const suffix = new Uint8Array(MAX_CODE);
  const length = new Uint16Array(MAX_CODE);
  for (let c = 0; c < clear; c++) {
    suffix[c] = c;
    length[c] = 1;
    prefix[c] = -1;
  }
  const out = new Uint8Array(pixelCount);
  let pos = 0;
  let codeSize = minCodeSize + 1;
  let next = eoi + 1;
  let prev = -1;
  let bitPos = 0;
  const totalBits = data.length * 8;
  const firstOf = (code: number) => {
    let c = code;
    while (prefix[c]! >= 0) c = prefix[c]!;
    return suffix[c]!;
  };
  const write = (code: number) => {
    const n = length[code]!;
    if (pos + n > pixelCount)
      throw new Error(`lzw: the code stream holds more than the ${pixelCount} pixels expected`);
    let c = code;
    for (let i = n - 1; i >= 0; i--) {
      out[pos + i] = suffix[c]!;
      c = prefix[c]!;
    }
    pos += n;
  };
  for (;;) {
    if (bitPos + codeSize > totalBits)
      throw new Error('lzw: the code stream ended without an end-of-information code');
    let code = 0;
    for (let b = 0; b < codeSize; b++, bitPos++) code |= ((data[bitPos >> 3]! >> (bitPos & 7)) & 1) << b;
    if (code === clear) {
      codeSize = minCodeSize + 1;
      next = eoi + 1;
      prev = -1;
      continue;
    }
    if (code === eoi) break;
    if (prev === -1) {
      if (code >= clear) throw new Error(`lzw: first code after a clear must be a literal, found ${code}`);
      write(code);
      prev = code;
      continue;
    }
    if (code > next || (code === next && next >= MAX_CODE)) {
      throw new Error(`lzw: code ${code} is not in the dictionary (next free code ${next})`);
    }
    const first = code === next ? firstOf(prev) : firstOf(code);
    if (next < MAX_CODE) {
      prefix[next] = prev;
      suffix[next] = first;
      length[next] = length[prev]! + 1;
      next++;
      if (next === 1 << codeSize && codeSize < 12) codeSize++;
    }
    write(code);
    prev = code;
  }
  if (pos !== pixelCount) throw new Error(`lzw: expected ${pixelCount} pixels, decoded ${pos}`);
  return out;
}
