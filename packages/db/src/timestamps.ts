/**
 * drizzle's postgres.js driver turns off postgres.js' timestamp parsing (its column mappers parse
 * instead), so raw `execute` results carry timestamps as strings. These restore Date objects.
 */
export function toDate(value: unknown): Date {
  if (value instanceof Date) return value;
  if (typeof value === 'string') {
    // Postgres text format: "2026-11-24 19:58:53.123+00" → ISO 8601.
    const iso = value.includes('T') ? value : value.replace(' ', 'T').replace(/([+-]\d\d)$/, '$1:00');
    const d = new Date(iso);
    if (!Number.isNaN(d.getTime())) return d;
  }
  throw new TypeError(`expected a timestamp, got ${JSON.stringify(value)}`);
}

export function toDateOrNull(value: unknown): Date | null {
  return value === null || value === undefined ? null : toDate(value);
}

/** Returns `row` with the named fields converted to Date (null stays null). */
export function withDates<T>(row: Record<string, unknown>, fields: readonly string[]): T {
  const out: Record<string, unknown> = { ...row };
  for (const f of fields) out[f] = toDateOrNull(out[f]);
  return out as T;
}
