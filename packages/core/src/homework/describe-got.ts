/** A short, student-readable description of any value a student's function may return. */
export function describeGot(value: unknown): string {
  if (value === undefined) return 'undefined (did the function return a value?)';
  if (value === null) return 'null';
  if (typeof value === 'number') {
    if (Number.isNaN(value)) return 'NaN';
    return `the number ${formatNumber(value)}`;
  }
  if (typeof value === 'string') {
    const shown = value.length > 20 ? `${value.slice(0, 20)}…` : value;
    return `a string (${JSON.stringify(shown)})`;
  }
  if (typeof value === 'boolean') return `a boolean (${value})`;
  if (Array.isArray(value)) return `an array of ${value.length}`;
  if (ArrayBuffer.isView(value)) return `a ${value.constructor.name}`;
  if (typeof value === 'function') return 'a function';
  if (typeof value === 'object') return 'an object';
  return `a ${typeof value}`;
}

/** A number as shown in feedback: up to 7 significant digits. */
export function formatNumber(x: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (!Number.isFinite(x)) return x > 0 ? 'Infinity' : '-Infinity';
  if (Number.isInteger(x)) return String(x);
  return String(Number(x.toPrecision(7)));
}
