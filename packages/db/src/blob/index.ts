// `@critic/db/blob`: content-addressed blob storage on the filesystem (default) or S3.
import type { DbEnv } from '../env';
import { readDbEnv } from '../env';
import { FsBlobStore } from './fs-store';
import { S3BlobStore } from './s3-store';
import type { BlobStore } from './types';

export { FsBlobStore } from './fs-store';
export { S3BlobStore, type S3BlobStoreOptions } from './s3-store';
export type { BlobRef, BlobSource, BlobStore } from './types';

/** The store the environment asks for: S3 when S3_BUCKET is set, else files under CRITIC_BLOB_DIR. */
export function createBlobStore(env: DbEnv = readDbEnv()): BlobStore {
  if (env.s3 === undefined) return new FsBlobStore(env.blobDir);
  return new S3BlobStore({
    bucket: env.s3.bucket,
    client: {
      region: env.s3.region,
      forcePathStyle: env.s3.forcePathStyle,
      ...(env.s3.endpoint ? { endpoint: env.s3.endpoint } : {}),
      ...(env.s3.credentials ? { credentials: env.s3.credentials } : {}),
    },
  });
}
