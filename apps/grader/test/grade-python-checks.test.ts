import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { getCheck, getHomework } from '@critic/core';
import { getSubmission, listCheckResults, submissionEvaluations } from '@critic/db';
import { describe, expect, it } from 'vitest';
import { gradeSubmission } from '../src/grading/grade-submission';
import { checksAssignment, seedAssignment, submit, submitAndGrade, useHarness } from './support/harness';

// The Python fixtures live beside the runner's Python sandbox tests.
const FIXTURES = join(import.meta.dirname, '../../../packages/runner/test/fixtures/python-homework');
const fixture = (path: string) => readFileSync(join(FIXTURES, path), 'utf8');

const h = useHarness();

/** An assignment grading one core homework: its checks with their points, 3 visible and 12 hidden cases. */
function homeworkAssignment(homeworkId: string) {
  const checks = getHomework(homeworkId).items.map((item) => ({
    name: getCheck(item.checkId).functionName,
    cases: 15,
    visibleCases: 3,
    points: item.points,
  }));
  return { ...checksAssignment(checks), actTimeMs: 100 };
}

const HOMEWORKS = [
  ['hw1-returns', 'hw1.py'],
  ['hw2-policy-gradient', 'hw2.py'],
  ['hw3-ppo', 'hw3.py'],
] as const;

describe('Python homework grading (homework.py in the Python sandbox, core cases and grading)', () => {
  for (const library of ['numpy', 'torch', 'jax']) {
    for (const [homeworkId, file] of HOMEWORKS) {
      it(`the correct homework written with ${library} gets full points on ${homeworkId}`, {
        timeout: 180_000,
      }, async () => {
        const seed = await seedAssignment(h.db, homeworkAssignment(homeworkId));
        const { outcome, submission } = await submitAndGrade(
          h,
          seed,
          'python-checks',
          fixture(`${library}/${file}`),
        );
        const max = getHomework(homeworkId).items.reduce((s, i) => s + i.points, 0);
        const [ev] = await submissionEvaluations(h.db, submission.id);
        const rows = await listCheckResults(h.db, ev!.id, { revealHidden: true });
        const failing = rows.filter((r) => !r.passed).map((r) => `${r.check}#${r.caseIndex}: ${r.message}`);
        expect(failing).toEqual([]);
        expect(outcome).toMatchObject({ status: 'succeeded', verdict: 'ok', scores: { points: max } });
        expect(rows).toHaveLength(15 * getHomework(homeworkId).items.length);
      });
    }
  }

  const MISTAKES = [
    [
      'off_by_one_discount.py',
      'discountedReturn',
      'discount-exponent-off-by-one',
      /discount exponent is off by one/,
    ],
    ['ignores_done.py', 'discountedReturn', 'no-reset-at-done', /without resetting at episode ends/],
    ['bootstrap_terminal.py', 'tdTarget', 'ignores-terminated', /bootstrap from V\(s′\) at terminal steps/],
    ['kl_wrong_direction.py', 'categoricalKl', 'kl-direction-swapped', /KL\(q‖p\): the direction is swapped/],
    ['clip_without_min.py', 'ppoClipLoss', 'clip-without-min', /uses only the clipped term/],
  ] as const;

  it('classic mistakes in Python fail with the mistake named (partial credit per case)', {
    timeout: 180_000,
  }, async () => {
    for (const [file, check, mistakeId, named] of MISTAKES) {
      const seed = await seedAssignment(h.db, {
        ...homeworkAssignment('hw1-returns'),
        checks: [{ name: check, cases: 15, visibleCases: 3, points: 10 }],
      });
      const { outcome, submission } = await submitAndGrade(
        h,
        seed,
        'python-checks',
        fixture(`mistakes/${file}`),
      );
      expect(outcome, file).toMatchObject({ status: 'succeeded', verdict: 'wrong_answer' });
      expect(outcome.scores!.points, file).toBeLessThan(10);
      const [ev] = await submissionEvaluations(h.db, submission.id);
      const rows = await listCheckResults(h.db, ev!.id, { revealHidden: true });
      const failed = rows.filter((r) => !r.passed);
      expect(failed.length, file).toBeGreaterThan(0);
      // the mistake is named on every failing case it explains, and explains most of them
      const namedRows = failed.filter((r) => named.test(r.message ?? ''));
      expect(namedRows.length, `${file}: ${failed[0]?.message}`).toBeGreaterThanOrEqual(failed.length / 2);
      expect(mistakeId.length).toBeGreaterThan(0);
    }
  });

  it('a result of the wrong shape fails each case saying so; a module without the functions is refused', async () => {
    const seed = await seedAssignment(h.db, {
      ...homeworkAssignment('hw1-returns'),
      checks: [{ name: 'tdTarget', cases: 4, visibleCases: 2, points: 10 }],
    });
    const column = await submit(h, seed, 'python-checks', fixture('mistakes/wrong_shape.py'));
    const o = await gradeSubmission(column.job.payload, { db: h.db, blobs: h.blobs });
    expect(o).toMatchObject({ status: 'succeeded', verdict: 'wrong_answer', scores: { points: 0 } });
    const [ev] = await submissionEvaluations(h.db, column.submission.id);
    const rows = await listCheckResults(h.db, ev!.id, { revealHidden: true });
    for (const r of rows.filter((x) => x.caseIndex > 0)) {
      // (case 0 may be the empty rollout: shape (0, 1))
      expect(r.message).toMatch(
        /^expected a 1-D array of shape \(\d+,\), found a numpy\.ndarray \(float64\) of shape \(\d+, 1\) \(flatten it/,
      );
    }
    const empty = await submit(h, seed, 'python-checks', 'import numpy as np\n\ndef gae(): pass\n');
    const refused = await gradeSubmission(empty.job.payload, { db: h.db, blobs: h.blobs });
    expect(refused).toMatchObject({ status: 'failed', verdict: 'invalid_artifact' });
    expect((await getSubmission(h.db, empty.submission.id)).errorMessage).toMatch(
      /homework\.py does not define td_targets\(\)/,
    );
  });
});
