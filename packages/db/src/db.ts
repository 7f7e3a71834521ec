import type { PostgresJsDatabase } from 'drizzle-orm/postgres-js';
import type * as schema from './schema/index';

/** A drizzle database over postgres.js with Critic's schema. */
export type Database = PostgresJsDatabase<typeof schema>;

/** An open transaction on a Database. */
export type Transaction = Parameters<Parameters<Database['transaction']>[0]>[0];

/** Anything queries can run on: the database, or a transaction to join. */
export type Executor = Database | Transaction;
