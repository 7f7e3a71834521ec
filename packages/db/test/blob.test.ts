import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { ReadableStream as WebReadableStream } from 'node:stream/web';
import { ListObjectsV2Command } from '@aws-sdk/client-s3';
// s3rver (unmaintained since 2021) is kept: its maintained fork @20minutes/s3rver was tried — 4.0.4
// (Node ≥ 20) answers the AWS SDK v3's PutObject with SignatureDoesNotMatch, and 5.0.0 needs Node 24;
// MinIO and LocalStack are not npm packages and do not install offline.
import S3rver from 's3rver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FsBlobStore } from '../src/blob/fs-store';
import { S3BlobStore } from '../src/blob/s3-store';
import type { BlobStore } from '../src/blob/types';
import { expectDbError } from './support/expect-error';

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

async function readAll(stream: Readable): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const c of stream) parts.push(Buffer.from(c as Uint8Array));
  return Buffer.concat(parts);
}

/** `total` pseudo-random bytes in 64 KiB chunks, produced lazily (never one big buffer in the source). */
async function* chunks(total: number, seed: Buffer): AsyncGenerator<Uint8Array> {
  let left = total;
  let block = seed;
  while (left > 0) {
    block = createHash('sha512').update(block).digest();
    const n = Math.min(65_536, left);
    yield Buffer.alloc(n, block);
    left -= n;
  }
}

let root = '';
let s3server: S3rver | undefined;
let s3Store: S3BlobStore | undefined;
const S3_BUCKET = 'critic-test';

beforeAll(async () => {
  root = await fs.mkdtemp(path.join(os.tmpdir(), 'critic-blob-'));
  s3server = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory: path.join(root, 's3rver'),
    configureBuckets: [{ name: S3_BUCKET }],
  });
  const { port } = await s3server.run();
  s3Store = new S3BlobStore({
    bucket: S3_BUCKET,
    prefix: 'blobs/',
    scratchDir: path.join(root, 's3-scratch'),
    client: {
      endpoint: `http://127.0.0.1:${port}`,
      region: 'us-east-1',
      forcePathStyle: true,
      credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
    },
  });
});

afterAll(async () => {
  s3Store?.client.destroy();
  await s3server?.close();
  await fs.rm(root, { recursive: true, force: true });
});

interface Contract {
  store: () => BlobStore;
  /** Every key or temp file the store holds, to prove that a refused upload left nothing behind. */
  leftovers: () => Promise<string[]>;
}

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await fs.readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
}

const contracts: Record<string, Contract> = {
  filesystem: {
    store: () => new FsBlobStore(path.join(root, 'fs')),
    leftovers: () => filesUnder(path.join(root, 'fs')),
  },
  s3: {
    store: () => s3Store!,
    leftovers: async () => {
      const out = await s3Store!.client.send(new ListObjectsV2Command({ Bucket: S3_BUCKET }));
      return [
        ...(out.Contents ?? []).map((o) => o.Key!),
        ...(await filesUnder(path.join(root, 's3-scratch'))),
      ];
    },
  },
};

describe.each(Object.entries(contracts))('%s blob store', (_name, c) => {
  it('stores by content hash, dedupes, streams back, and deletes', async () => {
    const store = c.store();
    const bytes = randomBytes(10_000);
    const ref = await store.put(bytes);
    expect(ref).toEqual({ sha256: sha(bytes), size: 10_000 });
    expect(await store.has(ref.sha256)).toBe(true);
    expect((await readAll(await store.get(ref.sha256))).equals(bytes)).toBe(true);
    // Same content from a web stream: same key, still one object.
    const web = new WebReadableStream<Uint8Array>({
      start(ctrl) {
        ctrl.enqueue(bytes.subarray(0, 4000));
        ctrl.enqueue(bytes.subarray(4000));
        ctrl.close();
      },
    });
    expect(await store.put(web)).toEqual(ref);
    expect(await c.leftovers()).toHaveLength(1);
    expect(await store.delete(ref.sha256)).toBe(true);
    expect(await store.has(ref.sha256)).toBe(false);
    expect(await store.delete(ref.sha256)).toBe(false);
    await expectDbError(store.get(ref.sha256), 'not_found', /blob "[0-9a-f]{64}" not found/);
    await expectDbError(store.has('../etc/passwd'), 'invalid', /64 lower-case hex digits/, 'sha256');
    expect(await c.leftovers()).toEqual([]);
  });

  it('streams a multi-megabyte object in and out intact', async () => {
    const store = c.store();
    const size = 6 * 1024 * 1024 + 123;
    const expected = createHash('sha256');
    for await (const ch of chunks(size, Buffer.from('seed'))) expected.update(ch);
    const ref = await store.put(Readable.from(chunks(size, Buffer.from('seed'))), {
      maxBytes: 8 * 1024 * 1024,
    });
    expect(ref).toEqual({ sha256: expected.digest('hex'), size });
    const back = createHash('sha256');
    let n = 0;
    for await (const ch of await store.get(ref.sha256)) {
      back.update(ch as Uint8Array);
      n += (ch as Uint8Array).length;
    }
    expect(n).toBe(size);
    expect(back.digest('hex')).toBe(ref.sha256);
    await store.delete(ref.sha256);
  });

  it('refuses an oversize upload while streaming and leaves nothing behind', async () => {
    const store = c.store();
    let produced = 0;
    async function* counting() {
      for await (const ch of chunks(3 * 1024 * 1024, Buffer.from('big'))) {
        produced += ch.length;
        yield ch;
      }
    }
    await expectDbError(
      store.put(counting(), { maxBytes: 1024 * 1024 }),
      'limit',
      /exceeds the limit of 1048576 bytes/,
      'maxBytes',
    );
    expect(produced).toBeLessThan(3 * 1024 * 1024); // cut off early, not read to the end
    expect(await c.leftovers()).toEqual([]);
  });
});
