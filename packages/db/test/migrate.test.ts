import { readFileSync } from 'node:fs';
import { is } from 'drizzle-orm';
import { PgTable } from 'drizzle-orm/pg-core';
import postgres from 'postgres';
import { describe, expect, inject, it } from 'vitest';
import { runMigrations } from '../src/migrate';
import * as schema from '../src/schema/index';
import { createTestDatabase } from '../src/testing';

/** Migrations drizzle-kit generated (its journal), so the count follows new migrations. */
function journalEntries(): number {
  const journal = JSON.parse(readFileSync(new URL('../drizzle/meta/_journal.json', import.meta.url), 'utf8'));
  return (journal as { entries: unknown[] }).entries.length;
}

/** Tables declared in the drizzle schema. */
function schemaTables(): number {
  return Object.values(schema).filter((x) => is(x, PgTable)).length;
}

describe('migrations', () => {
  it('several processes starting at once migrate once, and a re-run is a no-op', async () => {
    const target = await createTestDatabase(inject('adminUrl'), {
      label: 'migrate',
      poolMax: 1,
      migrate: false,
    });
    const { url } = target;
    try {
      await Promise.all([runMigrations(url), runMigrations(url), runMigrations(url)]);
      await runMigrations(url);
      const sql = postgres(url, { max: 1, onnotice: () => {} });
      const applied = await sql`select count(*)::int as n from drizzle.__drizzle_migrations`;
      const tables = await sql`select count(*)::int as n from pg_tables where schemaname = 'public'`;
      await sql.end();
      expect(applied[0]!.n).toBe(journalEntries()); // each migration applied exactly once
      expect(tables[0]!.n).toBe(schemaTables()); // every table of the schema exists
    } finally {
      await target.drop();
    }
  });
});
