import { eq, type InferSelectModel } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Executor } from '../db';
import { DbError } from '../errors';
import { assertUuid } from '../validate';

/** A table whose primary key is a uuid `id` column. */
export type UuidKeyedTable = PgTable & { id: PgColumn };

/**
 * The row of `table` with this `id`, locked for update in the caller's transaction when `forUpdate`.
 * DbError 'invalid' for an id that is not a uuid, 'not_found' (naming `entity`) when no row has it.
 */
export async function rowById<T extends UuidKeyedTable>(
  ex: Executor,
  table: T,
  entity: string,
  id: string,
  forUpdate = false,
): Promise<InferSelectModel<T>> {
  assertUuid(entity, 'id', id);
  const query = ex
    .select()
    .from(table as PgTable)
    .where(eq(table.id, id))
    .limit(1);
  const [row] = forUpdate ? await query.for('update') : await query;
  if (row === undefined) throw DbError.notFound(entity, id);
  return row as InferSelectModel<T>;
}
