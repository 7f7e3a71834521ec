import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { inject } from 'vitest';
import { createDatabase } from '../../src/client';
import type { Database } from '../../src/db';
import { runMigrations } from '../../src/migrate';

/** A fresh, migrated database of its own for one test file. */
export interface TestDatabase {
  db: Database;
  sql: postgres.Sql;
  url: string;
  drop(): Promise<void>;
}

/** `url` with its database name replaced. */
export function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

export async function createTestDatabase(poolMax = 5): Promise<TestDatabase> {
  const adminUrl = inject('adminUrl');
  const name = `critic_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = withDatabase(adminUrl, name);
  await runMigrations(url);
  const sql = postgres(url, { max: poolMax, onnotice: () => {} });
  return {
    db: createDatabase(sql),
    sql,
    url,
    async drop() {
      await sql.end({ timeout: 5 });
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}
