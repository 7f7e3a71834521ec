import type { StudentOutcome } from '../grade';

/**
 * Test support: calls a student function on each case's arguments (structured-cloned both ways, as the
 * sandbox copies them) and records a value or the thrown error, like the runner's per-call results.
 */
export function runStudent(
  fn: (...args: never[]) => unknown,
  cases: readonly { args: unknown[] }[],
): StudentOutcome[] {
  return cases.map((c) => {
    try {
      const args = structuredClone(c.args) as never[];
      return { ok: true, value: structuredClone(fn(...args)) };
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
