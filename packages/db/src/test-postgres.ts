// Throw-away PostgreSQL for tests, the end-to-end setup and benchmarks (`@critic/db/test-postgres`): a server
// for a run and fresh databases on it. No test-framework import, so a benchmark can use it as a plain script;
// tests take it (with the vitest hooks) from `@critic/db/testing`.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import { createDatabase } from './client';
import type { Database } from './db';
import { EmbeddedPostgresServer } from './embedded';
import { runMigrations } from './migrate';

/** A PostgreSQL superuser connection for a test run, and how to let it go. */
export interface TestPostgres {
  /** Superuser connection string; callers create their own databases on it. */
  url: string;
  /** `DATABASE_URL` when that was set, else an embedded server started for this run. */
  kind: 'DATABASE_URL' | 'embedded';
  /** Stops the embedded server and removes its directory (nothing to do for DATABASE_URL). */
  stop(): Promise<void>;
}

/** A loopback port the OS just handed out, so parallel runs do not collide. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

/**
 * DATABASE_URL's server when it is set; otherwise a fresh embedded PostgreSQL in a temporary directory
 * (named after `label`) on a free port, removed again by `stop()`.
 */
export async function startTestPostgres(label: string): Promise<TestPostgres> {
  const url = process.env.DATABASE_URL;
  if (url !== undefined && url !== '') return { url, kind: 'DATABASE_URL', stop: async () => {} };
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), `critic-${label}-`));
  // The embedded server runs as the `postgres` OS user when we are root: it must reach its directory.
  await fs.chmod(dir, 0o755);
  const server = new EmbeddedPostgresServer({
    dataDir: path.join(dir, 'pg'),
    port: await freePort(),
    password: 'test',
  });
  await server.start();
  return {
    url: server.url(),
    kind: 'embedded',
    stop: async () => {
      await server.stop();
      await fs.rm(dir, { recursive: true, force: true });
    },
  };
}

/** A database of its own (for one test file, an end-to-end run or a benchmark) on a test server. */
export interface TestDatabase {
  /** The drizzle database on `sql`. */
  db: Database;
  /** Its connection pool. */
  sql: postgres.Sql;
  /** Its connection string. */
  url: string;
  /** Its name (`critic_<label>_<pid>_<random>`). */
  name: string;
  /** Closes the pool and drops the database (forcing other connections off). */
  drop(): Promise<void>;
  /** Closes the pool and leaves the database in place (a benchmark's, kept to look at). */
  close(): Promise<void>;
}

/**
 * Creates a fresh database on the server at `adminUrl` (a superuser connection: `startTestPostgres`'s
 * or vitest's injected `adminUrl`), migrated unless `migrate: false`, with a pool of `poolMax`.
 * The one way tests, the end-to-end setup and the benchmarks make and drop their databases.
 */
export async function createTestDatabase(
  adminUrl: string,
  options: { label?: string; poolMax?: number; migrate?: boolean } = {},
): Promise<TestDatabase> {
  const name = `critic_${options.label ?? 'test'}_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  const url = u.toString();
  try {
    if (options.migrate !== false) await runMigrations(url);
  } catch (err) {
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end();
    throw err;
  }
  const sql = postgres(url, { max: options.poolMax ?? 5, onnotice: () => {} });
  return {
    db: createDatabase(sql),
    sql,
    url,
    name,
    async drop() {
      await sql.end({ timeout: 5 });
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
    async close() {
      await sql.end({ timeout: 5 });
      await admin.end();
    },
  };
}
