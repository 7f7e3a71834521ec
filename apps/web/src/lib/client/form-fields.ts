// Typed reads of a submitted form's fields, for request bodies the API's schemas check.

/** The field's text, trimmed ('' when absent or a file). */
export function fieldText(f: FormData, name: string): string {
  const v = f.get(name);
  return typeof v === 'string' ? v.trim() : '';
}

/** The field as a number; undefined when empty. */
export function fieldNumber(f: FormData, name: string): number | undefined {
  const v = fieldText(f, name);
  return v === '' ? undefined : Number(v);
}

/** A `datetime-local` field (the browser's wall clock) as an ISO instant; undefined when empty. */
export function fieldInstant(f: FormData, name: string): string | undefined {
  const v = fieldText(f, name);
  return v === '' ? undefined : new Date(v).toISOString();
}

/** The field's value when it is one of `choices`; undefined otherwise. */
export function fieldChoice<T extends string>(
  f: FormData,
  name: string,
  choices: readonly T[],
): T | undefined {
  const v = fieldText(f, name);
  return choices.find((c) => c === v);
}
