import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { describe, expect, inject, it } from 'vitest';
import { runMigrations } from '../src/migrate';
import { withDatabase } from './support/database';

describe('migrations', () => {
  it('several processes starting at once migrate once, and a re-run is a no-op', async () => {
    const adminUrl = inject('adminUrl');
    const name = `critic_migrate_${randomBytes(4).toString('hex')}`;
    const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${name}`);
    const url = withDatabase(adminUrl, name);
    try {
      await Promise.all([runMigrations(url), runMigrations(url), runMigrations(url)]);
      await runMigrations(url);
      const sql = postgres(url, { max: 1, onnotice: () => {} });
      const applied = await sql`select count(*)::int as n from drizzle.__drizzle_migrations`;
      const tables = await sql`select count(*)::int as n from pg_tables where schemaname = 'public'`;
      await sql.end();
      expect(applied[0]!.n).toBe(1);
      expect(tables[0]!.n).toBe(14);
    } finally {
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    }
  });
});
