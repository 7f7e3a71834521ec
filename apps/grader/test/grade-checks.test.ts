import { casesFor } from '@critic/core';
import { evaluationHistory, getSubmission, listCheckResults, submissionEvaluations } from '@critic/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { homeworkOf } from '../src/grading/grade-checks';
import { gradeSubmission } from '../src/grading/grade-submission';
import { checksSeed } from '../src/seeds/private-seeds';
import { type Harness, openHarness, seedAssignment, submit } from './support/harness';

let h: Harness;
beforeAll(async () => {
  h = await openHarness();
});
afterAll(async () => {
  await h?.close();
});

const checksAssignment = {
  kind: 'checks' as const,
  envId: undefined,
  publicEpisodes: 0,
  privateEpisodes: 0,
  checks: [{ name: 'discountedReturn', cases: 6, visibleCases: 2, points: 10 }],
};

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

describe('homework checks grading (sandboxed student module, per-student cases)', () => {
  it('a correct module gets every point; visible cases show values, hidden ones only pass/fail', async () => {
    const seed = await seedAssignment(h.db, checksAssignment);
    const { submission, job } = await submit(h, seed, 'checks', CORRECT);
    const outcome = await gradeSubmission(job.payload, { db: h.db, blobs: h.blobs });
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
    const seed = await seedAssignment(h.db, checksAssignment);
    const wrong = await submit(h, seed, 'checks', IGNORES_DONE);
    const o = await gradeSubmission(wrong.job.payload, { db: h.db, blobs: h.blobs });
    expect(o.verdict).toBe('wrong_answer');
    expect(o.scores!.points).toBeLessThan(10);
    const [ev] = await submissionEvaluations(h.db, wrong.submission.id);
    const rows = await listCheckResults(h.db, ev!.id, { revealHidden: true });
    const failed = rows.filter((r) => !r.passed);
    expect(failed.length).toBeGreaterThan(0);
    for (const r of failed) expect(r.message).toMatch(/without resetting at episode ends/);
    // Cases without an episode end inside (empty, length-1, γ = 0, …) pass even with this mistake:
    // partial credit is per case.
    expect(o.scores!.points).toBeGreaterThan(0);
    expect(rows.filter((r) => r.passed).length).toBe(rows.length - failed.length);
    // The tolerance of the comparison is stored with every case.
    for (const r of rows) expect(r.message).toMatch(/tolerance \|got − expected\| ≤ /);

    const offByOne = await submit(h, seed, 'checks', OFF_BY_ONE);
    const ob = await gradeSubmission(offByOne.job.payload, { db: h.db, blobs: h.blobs });
    expect(ob.verdict).toBe('wrong_answer');
    const [obEv] = await submissionEvaluations(h.db, offByOne.submission.id);
    const obRows = await listCheckResults(h.db, obEv!.id, { revealHidden: true });
    expect(obRows.some((r) => !r.passed && /discount/i.test(r.message ?? ''))).toBe(true);

    const throws = await submit(
      h,
      seed,
      'checks',
      'export function discountedReturn() { throw new Error("not yet"); }',
    );
    const t = await gradeSubmission(throws.job.payload, { db: h.db, blobs: h.blobs });
    expect(t).toMatchObject({ status: 'succeeded', verdict: 'wrong_answer', scores: { points: 0 } });
    const [tev] = await submissionEvaluations(h.db, throws.submission.id);
    const trows = await listCheckResults(h.db, tev!.id, { revealHidden: true });
    expect(trows[0]!.message).toMatch(/^runtime_error: .*not yet/);
  });

  it('a function that allocates without end fails its case with memory_limit; the cases after it are not run', async () => {
    const seed = await seedAssignment(h.db, { ...checksAssignment, memoryMb: 128, actTimeMs: 5000 });
    const hog = await submit(
      h,
      seed,
      'checks',
      'const keep: number[][] = []; export function discountedReturn() { for (;;) keep.push(new Array(1e5).fill(keep.length)); }',
    );
    const o = await gradeSubmission(hog.job.payload, { db: h.db, blobs: h.blobs });
    expect(o).toMatchObject({ status: 'succeeded', verdict: 'wrong_answer', scores: { points: 0 } });
    const [ev] = await submissionEvaluations(h.db, hog.submission.id);
    const rows = await listCheckResults(h.db, ev!.id, { revealHidden: true });
    expect(rows).toHaveLength(6);
    expect(rows[0]!.message).toMatch(/^memory_limit: /);
    for (const r of rows.slice(1))
      expect(r.message).toMatch(/^not_run: .*an earlier failure ended the batch/);
  });

  it('a module without the function is invalid_artifact; each student gets their own cases', async () => {
    const seed = await seedAssignment(h.db, checksAssignment);
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
