// How a homework case's values are shown: numbers at a readable precision, and which elements of the
// answer differ from the expected one.

/** Significant digits a case value is shown with (enough to tell answers apart, without float noise). */
const DIGITS = 6;

/** A number at 6 significant digits without float noise: `0.9103220000000001` → `0.910322`, `2.4040000000000004` → `2.404`. */
export function formatCaseNumber(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  if (Number.isInteger(x) && Math.abs(x) < 1e15) return String(x);
  const s = x.toPrecision(DIGITS);
  // toPrecision may answer in exponent form; Number() drops trailing zeros either way.
  return String(Number(s));
}

/** A value on one line with every number shortened (arrays and objects as JSON-like text). */
export function formatCaseValue(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (typeof value === 'number') return formatCaseNumber(value);
  if (Array.isArray(value)) return `[${value.map(formatCaseValue).join(', ')}]`;
  if (value !== null && typeof value === 'object') {
    return `{ ${Object.entries(value)
      .map(([k, v]) => `${k}: ${formatCaseValue(v)}`)
      .join(', ')} }`;
  }
  return JSON.stringify(value) ?? String(value);
}

/** Default tolerance when a case gives none (the checks compare with a small absolute tolerance). */
const DEFAULT_TOLERANCE = 1e-6;

/**
 * Indices where `got` differs from `expected`, when both are arrays of the same length (numbers compared
 * within `tolerance`, anything else exactly); undefined when they are not comparable element by element.
 */
export function differingIndices(
  expected: unknown,
  got: unknown,
  tolerance: number | null | undefined,
): Set<number> | undefined {
  if (!Array.isArray(expected) || !Array.isArray(got) || expected.length !== got.length) return undefined;
  const tol = tolerance ?? DEFAULT_TOLERANCE;
  const out = new Set<number>();
  expected.forEach((e, i) => {
    const g = got[i];
    const same =
      typeof e === 'number' && typeof g === 'number'
        ? Math.abs(e - g) <= tol * Math.max(1, Math.abs(e)) || (Number.isNaN(e) && Number.isNaN(g))
        : JSON.stringify(e) === JSON.stringify(g);
    if (!same) out.add(i);
  });
  return out;
}
