import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

/** Repository root (packages/db/src → ../../..); `.data/` lives here unless CRITIC_DATA_DIR says otherwise. */
// path.join rather than `new URL('…', import.meta.url)`: bundlers (Next) treat the latter as an asset import.
export const repoRoot = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

const boolFlag = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

const schema = z.object({
  /** Postgres connection string; unset → an embedded PostgreSQL under `<dataDir>/postgres`. */
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
  /** Root of local state (embedded Postgres, filesystem blobs). */
  CRITIC_DATA_DIR: z.string().min(1).optional(),
  /** Port of the embedded Postgres; never 5432 so it cannot clash with a system server. */
  CRITIC_EMBEDDED_PG_PORT: z.coerce
    .number()
    .int()
    .min(1024)
    .max(65535)
    .refine((p) => p !== 5432, {
      message: 'must not be 5432 (reserved for a system PostgreSQL)',
    })
    .default(54329),
  /** Password of the embedded server's `postgres` user (it listens on localhost only). */
  CRITIC_EMBEDDED_PG_PASSWORD: z.string().min(1).default('critic-local'),
  /** Connections per process in the postgres.js pool. */
  CRITIC_DB_POOL_MAX: z.coerce.number().int().min(1).max(200).default(10),
  /** Apply pending migrations when a process opens the database. */
  CRITIC_DB_MIGRATE_ON_START: boolFlag.default(true),
  /** Filesystem blob directory; default `<dataDir>/blobs`. */
  CRITIC_BLOB_DIR: z.string().min(1).optional(),
  /** S3-compatible endpoint (e.g. http://127.0.0.1:4569); with S3_BUCKET set, blobs go to S3. */
  S3_ENDPOINT: z.url().optional(),
  /** S3 region. */
  S3_REGION: z.string().min(1).default('us-east-1'),
  /** Bucket name; setting it selects the S3 blob store. */
  S3_BUCKET: z.string().min(3).optional(),
  /** Path-style addressing (needed by most S3-compatible servers). */
  S3_FORCE_PATH_STYLE: boolFlag.default(false),
  /** Access key; unset → the AWS SDK's default credential chain. */
  S3_ACCESS_KEY_ID: z.string().min(1).optional(),
  /** Secret key; required when S3_ACCESS_KEY_ID is set. */
  S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
});

/** The validated data-layer configuration. */
export interface DbEnv {
  databaseUrl: string | undefined;
  dataDir: string;
  embeddedPort: number;
  embeddedPassword: string;
  poolMax: number;
  migrateOnStart: boolean;
  blobDir: string;
  s3:
    | {
        endpoint: string | undefined;
        region: string;
        bucket: string;
        forcePathStyle: boolean;
        credentials: { accessKeyId: string; secretAccessKey: string } | undefined;
      }
    | undefined;
}

/** Reads and validates the environment; throws one error listing every bad variable. */
export function readDbEnv(source: NodeJS.ProcessEnv = process.env): DbEnv {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = schema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`invalid database/blob configuration in the environment:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  if ((e.S3_ACCESS_KEY_ID === undefined) !== (e.S3_SECRET_ACCESS_KEY === undefined)) {
    throw new Error('invalid configuration: S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY must be set together');
  }
  const dataDir = path.resolve(e.CRITIC_DATA_DIR ?? path.join(repoRoot, '.data'));
  return {
    databaseUrl: e.DATABASE_URL,
    dataDir,
    embeddedPort: e.CRITIC_EMBEDDED_PG_PORT,
    embeddedPassword: e.CRITIC_EMBEDDED_PG_PASSWORD,
    poolMax: e.CRITIC_DB_POOL_MAX,
    migrateOnStart: e.CRITIC_DB_MIGRATE_ON_START,
    blobDir: path.resolve(e.CRITIC_BLOB_DIR ?? path.join(dataDir, 'blobs')),
    s3:
      e.S3_BUCKET === undefined
        ? undefined
        : {
            endpoint: e.S3_ENDPOINT,
            region: e.S3_REGION,
            bucket: e.S3_BUCKET,
            forcePathStyle: e.S3_FORCE_PATH_STYLE,
            credentials:
              e.S3_ACCESS_KEY_ID !== undefined && e.S3_SECRET_ACCESS_KEY !== undefined
                ? { accessKeyId: e.S3_ACCESS_KEY_ID, secretAccessKey: e.S3_SECRET_ACCESS_KEY }
                : undefined,
          },
  };
}
