import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { DbError } from '../errors';
import { assertSha256, spoolToFile } from './spool';
import type { BlobRef, BlobSource, BlobStore } from './types';

/**
 * Blobs as files `<dir>/<aa>/<sha256>`. Uploads go to `<dir>/.tmp/` first and are renamed into place
 * (atomic on one filesystem), so a reader never sees a partial blob.
 */
export class FsBlobStore implements BlobStore {
  constructor(
    readonly dir: string,
    private readonly defaultMaxBytes = Number.POSITIVE_INFINITY,
  ) {}

  private pathOf(sha256: string): string {
    assertSha256(sha256);
    return path.join(this.dir, sha256.slice(0, 2), sha256);
  }

  async put(source: BlobSource, opts: { maxBytes?: number } = {}): Promise<BlobRef> {
    const tmpDir = path.join(this.dir, '.tmp');
    await fs.mkdir(tmpDir, { recursive: true });
    const tmp = path.join(tmpDir, randomUUID());
    const ref = await spoolToFile(source, tmp, opts.maxBytes ?? this.defaultMaxBytes);
    const target = this.pathOf(ref.sha256);
    try {
      await fs.mkdir(path.dirname(target), { recursive: true });
      await fs.rename(tmp, target);
    } catch (err) {
      await fs.rm(tmp, { force: true });
      throw err;
    }
    return ref;
  }

  async get(sha256: string): Promise<Readable> {
    const p = this.pathOf(sha256);
    const handle = await fs.open(p, 'r').catch((err: NodeJS.ErrnoException) => {
      if (err.code === 'ENOENT') throw DbError.notFound('blob', sha256);
      throw err;
    });
    return handle.createReadStream();
  }

  async has(sha256: string): Promise<boolean> {
    return fs.stat(this.pathOf(sha256)).then(
      () => true,
      () => false,
    );
  }

  async delete(sha256: string): Promise<boolean> {
    return fs.unlink(this.pathOf(sha256)).then(
      () => true,
      (err: NodeJS.ErrnoException) => {
        if (err.code === 'ENOENT') return false;
        throw err;
      },
    );
  }
}
