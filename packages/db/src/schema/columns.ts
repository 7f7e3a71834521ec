// Column and constraint shapes many tables share, so that each table states only what is its own.
// Every builder makes exactly the column the longhand did: the generated schema must not change.
import { type AnyColumn, sql } from 'drizzle-orm';
import { type AnyPgColumn, bigint, check, timestamp, uuid } from 'drizzle-orm/pg-core';

/** `id uuid primary key default gen_random_uuid()`. */
export const uuidKey = () => uuid('id').primaryKey().defaultRandom();

/** `id bigint primary key generated always as identity`, for append-only logs and queues. */
export const identityKey = () => bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity();

/** A `timestamp with time zone` column, read as a Date. */
export const timestamptz = <TName extends string>(name: TName) => timestamp(name, { withTimezone: true });

/** `created_at timestamptz not null default now()`. */
export const createdAt = () => timestamptz('created_at').notNull().defaultNow();

/** A required reference: `name uuid not null`, and the row is deleted with `target`'s row (cascade). */
export const cascadeRef = <TName extends string>(name: TName, target: () => AnyPgColumn) =>
  uuid(name).notNull().references(target, { onDelete: 'cascade' });

/** An optional reference: `name uuid`, set to null when `target`'s row is deleted. */
export const setNullRef = <TName extends string>(name: TName, target: () => AnyPgColumn) =>
  uuid(name).references(target, { onDelete: 'set null' });

/** A check constraint that `column` holds a lower-case sha256 digest in hex. */
export const sha256Check = (name: string, column: AnyColumn) =>
  check(name, sql`${column} ~ '^[0-9a-f]{64}$'`);
