import type { SQL } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import type postgres from 'postgres';
import type { Executor } from './db';

const dialect = new PgDialect();

/** A drizzle transaction (as opposed to the pool) has `rollback()`. */
export function isTransaction(ex: Executor): boolean {
  return typeof (ex as { rollback?: unknown }).rollback === 'function';
}

/**
 * Runs a hot query (queue claim/complete, leaderboard) as a named prepared statement when `ex` is the
 * pool, so Postgres parses and plans it once per connection instead of on every call (drizzle's
 * `execute` sends unnamed statements); inside a transaction it goes through drizzle as usual.
 * Rows come back as plain objects (timestamps may be strings: see timestamps.ts).
 */
export async function executeFast(ex: Executor, query: SQL): Promise<Record<string, unknown>[]> {
  const client = isTransaction(ex) ? undefined : (ex as { $client?: postgres.Sql }).$client;
  if (client === undefined) return [...(await ex.execute(query))];
  const { sql: text, params } = dialect.sqlToQuery(query);
  const rows = await client.unsafe(text, params as postgres.ParameterOrJSON<never>[], { prepare: true });
  return [...rows] as Record<string, unknown>[];
}
