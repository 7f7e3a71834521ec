import type { z } from 'zod';
import { DbError } from './errors';

/** Parses `input` with `schema`, or throws DbError('invalid') naming the first bad field and why. */
export function parseInput<S extends z.ZodType>(entity: string, schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const field = issue.path.map(String).join('.') || 'input';
  const details = parsed.error.issues
    .map((i) => `${i.path.map(String).join('.') || 'input'}: ${i.message}`)
    .join('; ');
  throw new DbError('invalid', `${entity}: invalid ${field} (${details})`, { entity, field });
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Throws DbError('invalid') unless `value` is a uuid; `entity`/`field` name it in the message. */
export function assertUuid(entity: string, field: string, value: string): void {
  if (!uuidPattern.test(value)) {
    throw new DbError('invalid', `${entity}: ${field} must be a uuid, got ${JSON.stringify(value)}`, {
      entity,
      field,
    });
  }
}
