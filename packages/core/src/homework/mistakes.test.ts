import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { gradeCheck, listChecks, prepareCheckCases, type StudentOutcome } from './index';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('known mistakes of the catalogue', () => {
  it('every known mistake, submitted as an answer, fails its check and is the one named', () => {
    for (const check of listChecks()) {
      const ids = check.mistakes.map((m) => m.id);
      expect(new Set(ids).size, `${check.id} has duplicate mistake ids`).toBe(ids.length);
      for (const mistake of check.mistakes) {
        for (const seed of [7, 8, 9]) {
          const cases = prepareCheckCases(check, seed, 3, 12);
          const outcomes = cases.map((c): StudentOutcome => ({ ok: true, value: mistake.compute(c.args) }));
          const grade = gradeCheck(check, cases, outcomes);
          const where = `${check.id}/${mistake.id} seed ${seed}`;
          expect(grade.passed, where).toBeLessThan(grade.total);
          expect(grade.diagnosis?.mistakeId, where).toBe(mistake.id);
          expect(grade.diagnosis?.cases, where).toBe(grade.total - grade.passed);
        }
      }
    }
  });

  it('a failing case names the mistake and then where the first mismatch is', () => {
    const check = listChecks().find((c) => c.id === 'discounted-return')!;
    const cases = prepareCheckCases(check, 2, 3, 12);
    const noReset = check.mistakes.find((m) => m.id === 'no-reset-at-done')!;
    const grade = gradeCheck(
      check,
      cases,
      cases.map((c) => ({ ok: true, value: noReset.compute(c.args) })),
    );
    const failing = grade.results.find((r) => !r.passed && r.visible)!;
    expect(failing.message).toMatch(
      /^your values match the discounted return without resetting at episode ends: the sum must stop where dones\[t\] = 1 \(element \d+: expected -?[\d.]+, got -?[\d.]+ \(tolerance .*\); \d+ of \d+ elements differ\)$/,
    );
    expect(failing.summary).toBe(noReset.message);
  });
});
