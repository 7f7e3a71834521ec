import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Readable } from 'node:stream';
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  S3Client,
  type S3ClientConfig,
} from '@aws-sdk/client-s3';
import { DbError } from '../errors';
import { assertSha256, spoolToFile } from './spool';
import type { BlobRef, BlobSource, BlobStore } from './types';

/** Where and how to reach the bucket. */
export interface S3BlobStoreOptions {
  bucket: string;
  /** Key prefix, e.g. `blobs/`; default empty. */
  prefix?: string;
  /** Passed to the AWS SDK client (endpoint, region, forcePathStyle, credentials). */
  client: S3ClientConfig;
  /** Local scratch directory for hashing before upload; default the OS temp dir. */
  scratchDir?: string;
  defaultMaxBytes?: number;
}

function isNotFound(err: unknown): boolean {
  const e = err as { name?: string; $metadata?: { httpStatusCode?: number } };
  return e?.name === 'NotFound' || e?.name === 'NoSuchKey' || e?.$metadata?.httpStatusCode === 404;
}

/**
 * Blobs in an S3 bucket, keyed `<prefix><sha256>`. The key is the content's hash, known only once the
 * last byte is read, so an upload is first streamed to a local scratch file (hashing and enforcing the
 * size limit on the way: an oversize upload never reaches the bucket), then sent with its known length
 * unless the bucket already holds that content.
 */
export class S3BlobStore implements BlobStore {
  readonly client: S3Client;
  private readonly bucket: string;
  private readonly prefix: string;
  private readonly scratchDir: string;
  private readonly defaultMaxBytes: number;

  constructor(opts: S3BlobStoreOptions) {
    // S3-compatible servers (MinIO, s3rver…) often do not decode the SDK's default `aws-chunked` upload with
    // a checksum trailer and would store the framing bytes; with a custom endpoint, checksum only when required.
    const compat =
      opts.client.endpoint === undefined
        ? {}
        : {
            requestChecksumCalculation: 'WHEN_REQUIRED' as const,
            responseChecksumValidation: 'WHEN_REQUIRED' as const,
          };
    this.client = new S3Client({ ...compat, ...opts.client });
    this.bucket = opts.bucket;
    this.prefix = opts.prefix ?? '';
    this.scratchDir = opts.scratchDir ?? os.tmpdir();
    this.defaultMaxBytes = opts.defaultMaxBytes ?? Number.POSITIVE_INFINITY;
  }

  private key(sha256: string): string {
    assertSha256(sha256);
    return this.prefix + sha256;
  }

  async put(source: BlobSource, opts: { maxBytes?: number } = {}): Promise<BlobRef> {
    await fs.mkdir(this.scratchDir, { recursive: true });
    const tmp = path.join(this.scratchDir, `critic-blob-${randomUUID()}`);
    const ref = await spoolToFile(source, tmp, opts.maxBytes ?? this.defaultMaxBytes);
    try {
      if (!(await this.has(ref.sha256))) {
        await this.client.send(
          new PutObjectCommand({
            Bucket: this.bucket,
            Key: this.key(ref.sha256),
            Body: createReadStream(tmp),
            ContentLength: ref.size,
            ContentType: 'application/octet-stream',
            Metadata: { sha256: ref.sha256 },
          }),
        );
      }
      return ref;
    } finally {
      await fs.rm(tmp, { force: true });
    }
  }

  async get(sha256: string): Promise<Readable> {
    try {
      const out = await this.client.send(
        new GetObjectCommand({ Bucket: this.bucket, Key: this.key(sha256) }),
      );
      return out.Body as Readable;
    } catch (err) {
      if (isNotFound(err)) throw DbError.notFound('blob', sha256);
      throw err;
    }
  }

  async has(sha256: string): Promise<boolean> {
    try {
      await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: this.key(sha256) }));
      return true;
    } catch (err) {
      if (isNotFound(err)) return false;
      throw err;
    }
  }

  async delete(sha256: string): Promise<boolean> {
    if (!(await this.has(sha256))) return false;
    await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: this.key(sha256) }));
    return true;
  }
}
