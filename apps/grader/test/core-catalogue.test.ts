import { getSubmission, listCheckResults, submissionEvaluations } from '@critic/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @critic/core does not export its homework catalogue from its entry yet; this test reads it from source
// so the grader is checked against the real checks (the grader itself loads it through the entry).
import { listChecks } from '../../../packages/core/src/homework/catalogue';
import { type CatalogueCheck, catalogueOf } from '../src/grading/checks-catalogue';
import { gradeSubmission } from '../src/grading/grade-submission';
import { type Harness, openHarness, seedAssignment, submit } from './support/harness';

let h: Harness;
beforeAll(async () => {
  h = await openHarness();
});
afterAll(async () => {
  await h?.close();
});

const STUDENT = `export function discountedReturn(rewards: number[], dones: number[], gamma: number): number[] {
  const out: number[] = []; let g = 0;
  for (let t = rewards.length - 1; t >= 0; t--) { if (dones[t] === 1) g = 0; g = rewards[t] + gamma * g; out[t] = g; }
  return out;
}`;
const OFF_BY_ONE = `export function discountedReturn(rewards: number[], dones: number[], gamma: number): number[] {
  const out: number[] = []; let g = 0;
  for (let t = rewards.length - 1; t >= 0; t--) { if (dones[t] === 1) g = 0; g = gamma * (rewards[t] + g); out[t] = g; }
  return out;
}`;

describe("the grader with @critic/core's homework catalogue", () => {
  const catalogue = catalogueOf(listChecks() as readonly CatalogueCheck[]);
  const assignment = {
    kind: 'checks' as const,
    envId: undefined,
    publicEpisodes: 0,
    privateEpisodes: 0,
    checks: [{ name: 'discountedReturn', cases: 10, visibleCases: 3, points: 5 }],
  };

  it('a correct discounted return gets full marks on the catalogue’s cases, edge cases included', async () => {
    const seed = await seedAssignment(h.db, assignment);
    const { submission, job } = await submit(h, seed, 'checks', STUDENT);
    const o = await gradeSubmission(job.payload, { db: h.db, blobs: h.blobs, checks: catalogue });
    expect(o).toMatchObject({ verdict: 'ok', scores: { points: 5 } });
    expect((await getSubmission(h.db, submission.id)).status).toBe('succeeded');
  });

  it('a discount applied one step too early loses points, with feedback on the mismatch', async () => {
    const seed = await seedAssignment(h.db, assignment);
    const { submission, job } = await submit(h, seed, 'checks', OFF_BY_ONE);
    const o = await gradeSubmission(job.payload, { db: h.db, blobs: h.blobs, checks: catalogue });
    expect(o.verdict).toBe('wrong_answer');
    expect(o.scores!.points).toBeLessThan(5);
    const [ev] = await submissionEvaluations(h.db, submission.id);
    const rows = await listCheckResults(h.db, ev!.id, { revealHidden: true });
    expect(rows.filter((r) => !r.passed).every((r) => (r.message ?? '').length > 10)).toBe(true);
  });
});
