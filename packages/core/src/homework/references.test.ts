import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listChecks, prepareCheckCases } from './index';
import { REPO_ROOT, testPython } from './testing/python';
import type { CheckValue } from './types';

const SCRIPT = join(REPO_ROOT, 'packages/core/src/homework/testing/numpy_references.py');

/** Each check's variants: 40 students' default 15 cases (edge cases included) and 2 long lists of 60. */
function enumerateCases(): Record<string, { label: string; args: unknown[]; expected: CheckValue }[]> {
  const out: Record<string, { label: string; args: unknown[]; expected: CheckValue }[]> = {};
  for (const check of listChecks()) {
    const list: { label: string; args: unknown[]; expected: CheckValue }[] = [];
    const add = (seed: number, count: number) => {
      for (const c of prepareCheckCases(check, seed, 3, count - 3)) {
        list.push({ label: `${check.id} seed ${seed} case ${c.index}`, args: c.args, expected: c.expected });
      }
    };
    for (let seed = 0; seed < 40; seed++) add(seed, 15);
    add(2 ** 31 + 7, 60);
    add(Number.MAX_SAFE_INTEGER, 60);
    out[check.id] = list;
  }
  return out;
}

/** |a − b| ≤ 1e-9·max(|a|, |b|), with a 1e-12 floor for values that are zero up to rounding. */
function close(a: number, b: number): boolean {
  return Math.abs(a - b) <= 1e-9 * Math.max(Math.abs(a), Math.abs(b)) + 1e-12;
}

describe('homework references in float64', () => {
  it('every reference value equals an independent numpy float64 implementation to 1e-9 relative', () => {
    const cases = enumerateCases();
    const input = Object.fromEntries(
      Object.entries(cases).map(([id, list]) => [id, list.map((c) => c.args)]),
    );
    const run = spawnSync(testPython(), [SCRIPT], {
      input: JSON.stringify(input),
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    expect(run.error, `could not start ${testPython()}`).toBeUndefined();
    expect(run.status, run.stderr).toBe(0);
    const numpy = JSON.parse(run.stdout) as Record<string, CheckValue[]>;
    let values = 0;
    const mismatches: string[] = [];
    for (const [id, list] of Object.entries(cases)) {
      const theirs = numpy[id];
      expect(theirs, id).toHaveLength(list.length);
      list.forEach((c, i) => {
        const want = theirs?.[i] as CheckValue;
        const ours = Array.isArray(c.expected) ? c.expected : [c.expected];
        const wanted = Array.isArray(want) ? want : [want];
        expect(Array.isArray(c.expected), c.label).toBe(Array.isArray(want));
        expect(ours.length, c.label).toBe(wanted.length);
        ours.forEach((x, k) => {
          values++;
          if (!close(x, wanted[k] as number))
            mismatches.push(`${c.label}[${k}]: ours ${x}, numpy ${wanted[k]}`);
        });
      });
    }
    expect(mismatches.slice(0, 10)).toEqual([]);
    // 14 checks × 160 cases, most of them arrays
    expect(values).toBeGreaterThan(14 * 160);
  });

  it('every check has an absolute tolerance floor, so answers near zero (KL of equal distributions) can pass', () => {
    for (const check of listChecks()) {
      expect(check.tolerance.abs, check.id).toBeGreaterThan(0);
      expect(check.tolerance.abs, check.id).toBeLessThanOrEqual(1e-4);
      expect(check.tolerance.rel, check.id).toBeLessThanOrEqual(1e-4);
    }
  });
});
