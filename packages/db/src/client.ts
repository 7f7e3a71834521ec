import path from 'node:path';
import { drizzle } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import type { Database } from './db';
import { EmbeddedPostgresServer } from './embedded';
import type { DbEnv } from './env';
import { readDbEnv } from './env';
import type { DbLogger } from './logger';
import { silentLogger } from './logger';
import { runMigrations } from './migrate';
import * as schema from './schema/index';

export type { EmbeddedPostgresOptions } from './embedded';
export { EmbeddedPostgresServer } from './embedded';
export { migrationsFolder, runMigrations } from './migrate';

/** Options of openDatabase. */
export interface OpenDatabaseOptions {
  /** Connection string; default DATABASE_URL, or the embedded server when that is unset. */
  url?: string;
  /** Configuration; default read from process.env. */
  env?: DbEnv;
  /** Apply pending migrations first; default CRITIC_DB_MIGRATE_ON_START (true). */
  migrate?: boolean;
  /** Pool size; default CRITIC_DB_POOL_MAX. */
  poolMax?: number;
  logger?: DbLogger;
}

/** An open database: the drizzle handle, the raw postgres.js pool, and how to close both. */
export interface DatabaseHandle {
  db: Database;
  sql: postgres.Sql;
  /** The connection string in use (points at the embedded server when one was started). */
  url: string;
  /** The embedded server, when DATABASE_URL was unset. */
  embedded: EmbeddedPostgresServer | undefined;
  /** Ends the pool, then stops the embedded server if this process started it. */
  close(): Promise<void>;
}

/** Wraps a postgres.js pool in drizzle with Critic's schema. */
export function createDatabase(sql: postgres.Sql): Database {
  return drizzle({ client: sql, schema });
}

/** Starts (or reuses) the embedded server described by the environment. */
export async function startEmbeddedFromEnv(
  env: DbEnv,
  logger: DbLogger = silentLogger,
): Promise<EmbeddedPostgresServer> {
  const server = new EmbeddedPostgresServer({
    dataDir: path.join(env.dataDir, 'postgres'),
    port: env.embeddedPort,
    password: env.embeddedPassword,
    logger,
  });
  await server.start();
  return server;
}

/**
 * Opens Critic's database: DATABASE_URL when set, otherwise an embedded PostgreSQL under `.data/`;
 * migrations are applied first unless disabled.
 */
export async function openDatabase(options: OpenDatabaseOptions = {}): Promise<DatabaseHandle> {
  const env = options.env ?? readDbEnv();
  const logger = options.logger ?? silentLogger;
  let embedded: EmbeddedPostgresServer | undefined;
  let url = options.url ?? env.databaseUrl;
  if (url === undefined) {
    embedded = await startEmbeddedFromEnv(env, logger);
    url = embedded.url();
  }
  try {
    if (options.migrate ?? env.migrateOnStart) await runMigrations(url, logger);
  } catch (err) {
    await embedded?.stop();
    throw err;
  }
  const sql = postgres(url, {
    max: options.poolMax ?? env.poolMax,
    onnotice: (n) => logger.debug(n.message ?? 'notice', { source: 'postgres' }),
  });
  return {
    db: createDatabase(sql),
    sql,
    url,
    embedded,
    async close() {
      await sql.end({ timeout: 5 });
      await embedded?.stop();
    },
  };
}
