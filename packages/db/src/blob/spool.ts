import { createHash, type Hash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import fs from 'node:fs/promises';
import { Readable, Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { ReadableStream as WebReadableStream } from 'node:stream/web';
import { DbError } from '../errors';
import type { BlobRef, BlobSource } from './types';

/** Turns any accepted source into a Node Readable. */
export function toReadable(source: BlobSource): Readable {
  if (source instanceof Readable) return source;
  if (source instanceof Uint8Array) return Readable.from([source], { objectMode: false });
  if (source instanceof WebReadableStream) return Readable.fromWeb(source);
  return Readable.from(source, { objectMode: false });
}

/** Hashes and counts bytes on their way through; fails as soon as the count passes `maxBytes`. */
class MeteredHash extends Transform {
  readonly hash: Hash = createHash('sha256');
  size = 0;
  constructor(private readonly maxBytes: number) {
    super();
  }
  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    this.size += chunk.length;
    if (this.size > this.maxBytes) {
      done(
        new DbError(
          'limit',
          `blob: upload exceeds the limit of ${this.maxBytes} bytes (stopped at ${this.size})`,
          {
            entity: 'blob',
            field: 'maxBytes',
          },
        ),
      );
      return;
    }
    this.hash.update(chunk);
    done(null, chunk);
  }
}

export function assertSha256(sha256: string): void {
  if (!/^[0-9a-f]{64}$/.test(sha256)) {
    throw new DbError(
      'invalid',
      `blob: key must be 64 lower-case hex digits (sha256), got ${JSON.stringify(sha256)}`,
      {
        entity: 'blob',
        field: 'sha256',
      },
    );
  }
}

/**
 * Streams `source` into `tmpPath` while hashing it and enforcing `maxBytes`; on any failure the temp
 * file is removed and the error rethrown.
 */
export async function spoolToFile(source: BlobSource, tmpPath: string, maxBytes: number): Promise<BlobRef> {
  if (!(maxBytes >= 0)) {
    throw new DbError('invalid', `blob: maxBytes must be >= 0, got ${maxBytes}`, {
      entity: 'blob',
      field: 'maxBytes',
    });
  }
  const meter = new MeteredHash(maxBytes);
  try {
    await pipeline(toReadable(source), meter, createWriteStream(tmpPath, { flags: 'wx' }));
  } catch (err) {
    await fs.rm(tmpPath, { force: true });
    throw err;
  }
  return { sha256: meter.hash.digest('hex'), size: meter.size };
}
