import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { drizzle } from 'drizzle-orm/postgres-js';
import { migrate } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import type { DbLogger } from './logger';
import { silentLogger } from './logger';

/** The committed drizzle-kit migrations. */
// path.join rather than `new URL('…', import.meta.url)`: bundlers (Next) treat the latter as an asset import.
export const migrationsFolder = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'drizzle');

/** Arbitrary constant key of the advisory lock that serialises migrations across processes. */
const MIGRATION_LOCK_KEY = 7_263_614_215;

/**
 * Applies pending migrations on `url`. Safe when several processes start at once: a session advisory
 * lock on a dedicated connection lets one migrate while the others wait and then find nothing to do.
 */
export async function runMigrations(url: string, logger: DbLogger = silentLogger): Promise<void> {
  const sql = postgres(url, {
    max: 1,
    onnotice: (n) => logger.debug(n.message ?? 'notice', { source: 'migrate' }),
  });
  try {
    await sql`select pg_advisory_lock(${MIGRATION_LOCK_KEY})`;
    try {
      await migrate(drizzle({ client: sql }), { migrationsFolder });
      logger.info('database migrations applied', { migrationsFolder });
    } finally {
      await sql`select pg_advisory_unlock(${MIGRATION_LOCK_KEY})`;
    }
  } finally {
    await sql.end();
  }
}
