import { expect } from 'vitest';
import { DbError } from '../../src/errors';

/** Awaits `p`, expecting a DbError with this code, a message matching `text` and (optionally) the field. */
export async function expectDbError(
  p: Promise<unknown>,
  code: DbError['code'],
  text: RegExp,
  field?: string,
) {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(DbError);
  const e = err as DbError;
  expect(e.code).toBe(code);
  expect(e.message).toMatch(text);
  if (field !== undefined) expect(e.field).toBe(field);
  return e;
}
