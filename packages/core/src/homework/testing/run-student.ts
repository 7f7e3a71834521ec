import type { StudentOutcome } from '../grade';

/** A deep copy of arrays, typed arrays and plain objects (what crossing the sandbox boundary does). */
function copy(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(copy);
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) {
    return (value as unknown as { slice(): unknown }).slice();
  }
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, copy(v)]));
  }
  return value;
}

/**
 * Test support: calls a student function on each case's arguments (deep-copied both ways, as the
 * sandbox copies them) and records a value or the thrown error, like the runner's per-call results.
 */
export function runStudent(
  fn: (...args: never[]) => unknown,
  cases: readonly { args: unknown[] }[],
): StudentOutcome[] {
  return cases.map((c) => {
    try {
      const args = copy(c.args) as never[];
      return { ok: true, value: copy(fn(...args)) };
    } catch (error) {
      return {
        ok: false,
        failure: {
          verdict: 'runtime_error',
          message: error instanceof Error ? error.message : String(error),
        },
      };
    }
  });
}
