import type { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';

/** Bytes to store: a buffer, a Node stream, any async iterable of chunks, or a web stream (fetch bodies). */
export type BlobSource = Uint8Array | Readable | AsyncIterable<Uint8Array> | WebReadableStream<Uint8Array>;

/** Where a stored blob lives: its content hash and size. */
export interface BlobRef {
  /** Lower-case hex sha256 of the content; also its key. */
  sha256: string;
  size: number;
}

/** Content-addressed blob storage (artifacts, trajectories). Storing the same bytes twice keeps one copy. */
export interface BlobStore {
  /**
   * Streams `source` in, hashing as it goes. More than `maxBytes` → DbError('limit') and nothing is kept;
   * the check runs while streaming, so an oversize upload is cut off early.
   */
  put(source: BlobSource, opts?: { maxBytes?: number }): Promise<BlobRef>;
  /** A stream of the blob; DbError('not_found') when absent. */
  get(sha256: string): Promise<Readable>;
  has(sha256: string): Promise<boolean>;
  /** Removes the blob; false when it was not there. */
  delete(sha256: string): Promise<boolean>;
}
