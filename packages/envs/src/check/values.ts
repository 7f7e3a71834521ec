import { typeName } from '../space-explain';

/** Two observations or rewards equal element by element (Object.is: NaN equals NaN, 0 differs from -0). */
export function sameValue(a: unknown, b: unknown): boolean {
  if (typeof a === 'number' || typeof b === 'number') return Object.is(a, b);
  if ((ArrayBuffer.isView(a) || Array.isArray(a)) && (ArrayBuffer.isView(b) || Array.isArray(b))) {
    const x = a as ArrayLike<unknown>;
    const y = b as ArrayLike<unknown>;
    if (x.length !== y.length) return false;
    for (let i = 0; i < x.length; i++) if (!Object.is(x[i], y[i])) return false;
    return true;
  }
  return a === b;
}

/** A typed array or array copied to a plain array; other values as they are. */
export function copyValue(x: unknown): unknown {
  if (ArrayBuffer.isView(x) || Array.isArray(x)) return Array.from(x as ArrayLike<unknown>);
  return x;
}

export function isPlainObject(x: unknown): boolean {
  return x !== null && typeof x === 'object' && !Array.isArray(x) && !ArrayBuffer.isView(x);
}

/** A value for a message: numbers and short arrays in full, others by type. */
export function describeValue(x: unknown): string {
  if (typeof x === 'number') return String(x);
  if (typeof x === 'boolean' || x === undefined || x === null) return String(x);
  if (typeof x === 'string') return JSON.stringify(x.length > 40 ? `${x.slice(0, 40)}…` : x);
  if (ArrayBuffer.isView(x) || Array.isArray(x)) {
    const v = Array.from(x as ArrayLike<unknown>);
    const shown = v.slice(0, 8).map((e) => (typeof e === 'number' ? String(e) : typeName(e)));
    const kind = Array.isArray(x) ? '' : (x as object).constructor.name;
    return `${kind}[${shown.join(', ')}${v.length > 8 ? `, … (${v.length} values)` : ''}]`;
  }
  return typeName(x);
}

/** A thrown value for a message. */
export function errorText(err: unknown): string {
  if (err instanceof Error) return `${err.name}: ${err.message}`;
  return `a non-Error value (${describeValue(err)})`;
}
