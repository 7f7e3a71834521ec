import { casesFor } from '@critic/core';
import { evaluationHistory, getSubmission, listCheckResults, submissionEvaluations } from '@critic/db';
import { describe, expect, it } from 'vitest';
import { homeworkOf } from '../src/grading/grade-checks';
import { gradeSubmission } from '../src/grading/grade-submission';
import { checksSeed } from '../src/seeds/private-seeds';
import { checksAssignment, seedAssignment, submit, submitAndGrade, useHarness } from './support/harness';

const h = useHarness();

const discountedReturnAssignment = checksAssignment([
  { name: 'discountedReturn', cases: 6, visibleCases: 2, points: 10 },
]);

const CORRECT = `export function discountedReturn(r: number[], d: number[], gamma: number): number[] {
  const out = new Array(r.length).fill(0); let g = 0;
  for (let t = r.length - 1; t >= 0; t--) { g = r[t] + gamma * g * (1 - d[t]); out[t] = g; }
  return out;
}`;
const OFF_BY_ONE = `export function discountedReturn(rewards: number[], dones: number[], gamma: number): number[] {
  const out: number[] = []; let g = 0;
  for (let t = rewards.length - 1; t >= 0; t--) { if (dones[t] === 1) g = 0; g = gamma * (rewards[t] + g); out[t] = g; }
  return out;
}`;
const IGNORES_DONE = `export function discountedReturn(r: number[], d: number[], gamma: number): number[] {
  const out = new Array(r.length).fill(0); let g = 0;
  for (let t = r.length - 1; t >= 0; t--) { g = r[t] + gamma * g; out[t] = g; }
  return out;
}`;

/** Submits `source` as the student's module and grades it: the outcome and every case's result, hidden ones included. */
async function gradeModule(seed: Awaited<ReturnType<typeof seedAssignment>>, source: string) {
  const { outcome, submission } = await submitAndGrade(h, seed, 'checks', source);
  const [evaluation] = await submissionEvaluations(h.db, submission.id);
  const rows = await listCheckResults(h.db, evaluation!.id, { revealHidden: true });
  return { outcome, rows };
}

describe('homework checks grading (sandboxed student module, per-student cases)', () => {
  it('a correct module gets every point; visible cases show values, hidden ones only pass/fail', async () => {
    const seed = await seedAssignment(h.db, discountedReturnAssignment);
    const { outcome, submission } = await submitAndGrade(h, seed, 'checks', CORRECT);
    expect(outcome).toMatchObject({ status: 'succeeded', verdict: 'ok', scores: { points: 10 } });
    const [ev] = await submissionEvaluations(h.db, submission.id);
    expect(ev).toMatchObject({
      split: 'public',
      n: 6,
      mean: 1,
      points: 10,
      maxPoints: 10,
      envVersion: 'none',
    });
    const student = await listCheckResults(h.db, ev!.id, { revealHidden: false });
    expect(student.map((r) => [r.caseIndex, r.visible, r.passed])).toEqual([
      [0, true, true],
      [1, true, true],
      [2, false, true],
      [3, false, true],
      [4, false, true],
      [5, false, true],
    ]);
    expect(student[0]!.input).not.toBeNull();
    expect(student[3]!.input).toBeNull();
    expect((await getSubmission(h.db, submission.id)).progressDone).toBe(6);
  });

  it('a wrong module gets partial credit with feedback naming the mistake; failures are per case', async () => {
    const seed = await seedAssignment(h.db, discountedReturnAssignment);
    const { outcome: o, rows } = await gradeModule(seed, IGNORES_DONE);
    expect(o.verdict).toBe('wrong_answer');
    expect(o.scores!.points).toBeLessThan(10);
    const failed = rows.filter((r) => !r.passed);
    expect(failed.length).toBeGreaterThan(0);
    for (const r of failed) expect(r.message).toMatch(/without resetting at episode ends/);
    // Cases without an episode end inside (empty, length-1, γ = 0, …) pass even with this mistake:
    // partial credit is per case.
    expect(o.scores!.points).toBeGreaterThan(0);
    expect(rows.filter((r) => r.passed).length).toBe(rows.length - failed.length);
    // The tolerance of the comparison is stored with every case.
    for (const r of rows) expect(r.message).toMatch(/tolerance \|got − expected\| ≤ /);

    const { outcome: ob, rows: obRows } = await gradeModule(seed, OFF_BY_ONE);
    expect(ob.verdict).toBe('wrong_answer');
    expect(obRows.some((r) => !r.passed && /discount/i.test(r.message ?? ''))).toBe(true);

    const { outcome: t, rows: trows } = await gradeModule(
      seed,
      'export function discountedReturn() { throw new Error("not yet"); }',
    );
    expect(t).toMatchObject({ status: 'succeeded', verdict: 'wrong_answer', scores: { points: 0 } });
    expect(trows[0]!.message).toMatch(/^runtime_error: .*not yet/);
  });

  it('a function that allocates without end fails its case with memory_limit; the cases after it are not run', async () => {
    const seed = await seedAssignment(h.db, {
      ...discountedReturnAssignment,
      memoryMb: 128,
      actTimeMs: 5000,
    });
    const { outcome: o, rows } = await gradeModule(
      seed,
      'const keep: number[][] = []; export function discountedReturn() { for (;;) keep.push(new Array(1e5).fill(keep.length)); }',
    );
    expect(o).toMatchObject({ status: 'succeeded', verdict: 'wrong_answer', scores: { points: 0 } });
    expect(rows).toHaveLength(6);
    expect(rows[0]!.message).toMatch(/^memory_limit: /);
    for (const r of rows.slice(1))
      expect(r.message).toMatch(/^not_run: .*an earlier failure ended the batch/);
  });

  it('a module without the function is invalid_artifact; each student gets their own cases', async () => {
    const seed = await seedAssignment(h.db, discountedReturnAssignment);
    const missing = await submit(h, seed, 'checks', 'export function somethingElse() { return 1; }');
    const o = await gradeSubmission(missing.job.payload, { db: h.db, blobs: h.blobs });
    expect(o).toMatchObject({ status: 'failed', verdict: 'invalid_artifact' });
    expect((await getSubmission(h.db, missing.submission.id)).errorMessage).toMatch(/discountedReturn/);
    expect(await evaluationHistory(h.db, missing.submission.id)).toHaveLength(0);
    const casesOf = (owner: string) =>
      casesFor({
        homeworkId: 'assignment',
        homework: homeworkOf(seed.assignment),
        seed: checksSeed(seed.assignment.seedSalt, seed.assignment.id, owner),
      }).checks[0]!.cases;
    expect(casesOf('student-a')).toEqual(casesOf('student-a'));
    expect(casesOf('student-a')).not.toEqual(casesOf('student-b'));
  });
});
