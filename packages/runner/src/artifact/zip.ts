import { Inflate } from 'fflate';
import type { ArtifactLimits } from '../limits';
import { InvalidArtifactError } from '../verdict';
import { crc32 } from './crc32';

const EOCD_SIG = 0x06054b50;
const CENTRAL_SIG = 0x02014b50;
const LOCAL_SIG = 0x04034b50;
const CHUNK = 64 * 1024;

interface Entry {
  name: string;
  method: number;
  flags: number;
  crc: number;
  compressedSize: number;
  size: number;
  localOffset: number;
  unixMode: number;
}

function bad(message: string, file?: string): InvalidArtifactError {
  return new InvalidArtifactError(`zip: ${message}`, file ? { file } : {});
}

/** A safe relative path: no absolute paths, drive letters, backslashes, `.`/`..` or empty segments. */
function checkPath(name: string): void {
  if (name.length === 0 || name.length > 255)
    throw bad(`entry name of length ${name.length} (1–255 allowed)`, name);
  if (name.includes('\\') || name.includes('\0'))
    throw bad('entry names must use "/" and no NUL characters', name);
  if (name.startsWith('/') || /^[A-Za-z]:/.test(name))
    throw bad(`absolute path "${name}" is not allowed`, name);
  const segments = name.replace(/\/$/, '').split('/');
  for (const s of segments) {
    if (s === '..' || s === '.' || s === '')
      throw bad(`path "${name}" contains a "${s || '//'}" segment (path traversal)`, name);
  }
}

function findEndOfCentralDirectory(view: DataView): number {
  const min = Math.max(0, view.byteLength - 22 - 0xffff);
  for (let i = view.byteLength - 22; i >= min; i--) if (view.getUint32(i, true) === EOCD_SIG) return i;
  throw bad('not a zip archive (no end-of-central-directory record)');
}

function readEntries(bytes: Uint8Array, limits: ArtifactLimits): Entry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.byteLength < 22) throw bad(`archive of ${bytes.byteLength} bytes is too short`);
  const eocd = findEndOfCentralDirectory(view);
  const count = view.getUint16(eocd + 10, true);
  const cdSize = view.getUint32(eocd + 12, true);
  const cdOffset = view.getUint32(eocd + 16, true);
  if (count === 0xffff || cdOffset === 0xffffffff) throw bad('zip64 archives are not supported');
  if (count > limits.maxZipEntries)
    throw bad(`${count} entries; at most ${limits.maxZipEntries} are allowed`);
  if (cdOffset + cdSize > eocd) throw bad('central directory lies outside the archive');
  const entries: Entry[] = [];
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let p = cdOffset;
  for (let i = 0; i < count; i++) {
    if (p + 46 > eocd || view.getUint32(p, true) !== CENTRAL_SIG)
      throw bad(`central directory entry ${i} is corrupt`);
    const nameLen = view.getUint16(p + 28, true);
    const extraLen = view.getUint16(p + 30, true);
    const commentLen = view.getUint16(p + 32, true);
    if (p + 46 + nameLen > eocd) throw bad(`central directory entry ${i} is truncated`);
    let name: string;
    try {
      name = decoder.decode(bytes.subarray(p + 46, p + 46 + nameLen));
    } catch {
      throw bad(`entry ${i} has a name that is not valid UTF-8`);
    }
    const madeBy = view.getUint16(p + 4, true) >> 8;
    entries.push({
      name,
      flags: view.getUint16(p + 8, true),
      method: view.getUint16(p + 10, true),
      crc: view.getUint32(p + 16, true),
      compressedSize: view.getUint32(p + 20, true),
      size: view.getUint32(p + 24, true),
      localOffset: view.getUint32(p + 42, true),
      unixMode: madeBy === 3 ? view.getUint32(p + 38, true) >>> 16 : 0,
    });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

function inflateBounded(data: Uint8Array, name: string, budget: { left: number }, limit: number): Uint8Array {
  const chunks: Uint8Array[] = [];
  let total = 0;
  const inflater = new Inflate((chunk) => {
    total += chunk.length;
    budget.left -= chunk.length;
    if (budget.left < 0) {
      throw bad(
        `uncompressed contents exceed the limit of ${limit} bytes (stopped while inflating "${name}")`,
        name,
      );
    }
    chunks.push(chunk);
  });
  for (let off = 0; off < data.length; off += CHUNK) {
    inflater.push(data.subarray(off, Math.min(data.length, off + CHUNK)), off + CHUNK >= data.length);
  }
  if (data.length === 0) inflater.push(new Uint8Array(0), true);
  const out = new Uint8Array(total);
  let o = 0;
  for (const c of chunks) {
    out.set(c, o);
    o += c.length;
  }
  return out;
}

/**
 * Unpacks a zip in memory with limits: number of entries, total uncompressed size (counted while
 * inflating, so a zip bomb is stopped after at most the limit), safe relative paths, no symlinks,
 * no duplicates, stored or deflated entries only, CRC-checked. Directories are skipped.
 */
export function unzipArtifact(bytes: Uint8Array, limits: ArtifactLimits): Record<string, Uint8Array> {
  const entries = readEntries(bytes, limits);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const files: Record<string, Uint8Array> = Object.create(null);
  const budget = { left: limits.maxZipBytes };
  for (const e of entries) {
    checkPath(e.name);
    const type = e.unixMode & 0o170000;
    if (type === 0o120000) throw bad(`"${e.name}" is a symbolic link; links are not allowed`, e.name);
    if (e.name.endsWith('/')) continue;
    if (type !== 0 && type !== 0o100000) throw bad(`"${e.name}" is not a regular file`, e.name);
    if (e.name in files) throw bad(`"${e.name}" appears twice`, e.name);
    if (e.flags & 1) throw bad(`"${e.name}" is encrypted`, e.name);
    if (e.size > budget.left) {
      throw bad(
        `"${e.name}" declares ${e.size} bytes; the archive may hold at most ${limits.maxZipBytes} bytes uncompressed`,
        e.name,
      );
    }
    const lh = e.localOffset;
    if (lh + 30 > bytes.byteLength || view.getUint32(lh, true) !== LOCAL_SIG)
      throw bad(`local header of "${e.name}" is corrupt`, e.name);
    const start = lh + 30 + view.getUint16(lh + 26, true) + view.getUint16(lh + 28, true);
    const end = start + e.compressedSize;
    if (end > bytes.byteLength)
      throw bad(`"${e.name}" is truncated: its data runs past the end of the archive`, e.name);
    const data = bytes.subarray(start, end);
    let content: Uint8Array;
    if (e.method === 0) {
      budget.left -= data.length;
      if (budget.left < 0)
        throw bad(`uncompressed contents exceed the limit of ${limits.maxZipBytes} bytes`, e.name);
      content = data.slice();
    } else if (e.method === 8) {
      try {
        content = inflateBounded(data, e.name, budget, limits.maxZipBytes);
      } catch (err) {
        if (err instanceof InvalidArtifactError) throw err;
        throw bad(`"${e.name}" could not be inflated: ${(err as Error).message}`, e.name);
      }
    } else {
      throw bad(
        `"${e.name}" uses compression method ${e.method}; only stored (0) and deflate (8) are supported`,
        e.name,
      );
    }
    if (content.length !== e.size) {
      throw bad(`"${e.name}" inflates to ${content.length} bytes but declares ${e.size}`, e.name);
    }
    if (crc32(content) !== e.crc) throw bad(`"${e.name}" fails its CRC-32 check (corrupt archive)`, e.name);
    files[e.name] = content;
  }
  return files;
}
