import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { Executor } from '../db';
import { DbError } from '../errors';
import { checkResults, episodes, evaluations } from '../schema/submissions';
import { assertUuid } from '../validate';
import type { CheckResultRow, EpisodeRow, Evaluation } from './grading';
import { getSubmission } from './submissions';

/** Evaluations of one attempt (default: the scored one, else the latest), public before private. */
export async function submissionEvaluations(
  ex: Executor,
  submissionId: string,
  opts: { attempt?: number } = {},
): Promise<Evaluation[]> {
  // With the attempt given (the caller holds the submission) this is one indexed read, not two.
  let attempt = opts.attempt;
  if (attempt === undefined) {
    const s = await getSubmission(ex, submissionId);
    attempt = s.scoredAttempt ?? s.attempt;
  } else {
    assertUuid('submission', 'id', submissionId);
  }
  return ex
    .select()
    .from(evaluations)
    .where(and(eq(evaluations.submissionId, submissionId), eq(evaluations.attempt, attempt)))
    .orderBy(asc(evaluations.split));
}

/** Every evaluation of a submission over all attempts (rejudge history), newest attempt first. */
export async function evaluationHistory(ex: Executor, submissionId: string): Promise<Evaluation[]> {
  assertUuid('submission', 'id', submissionId);
  return ex
    .select()
    .from(evaluations)
    .where(eq(evaluations.submissionId, submissionId))
    .orderBy(desc(evaluations.attempt), asc(evaluations.split));
}

/** Episodes of an evaluation in index order (what a replay needs: seed, length, trajectory). */
export async function listEpisodes(ex: Executor, evaluationId: string): Promise<EpisodeRow[]> {
  assertUuid('evaluation', 'id', evaluationId);
  const rows = await ex
    .select()
    .from(episodes)
    .where(eq(episodes.evaluationId, evaluationId))
    .orderBy(asc(episodes.index));
  if (rows.length === 0) {
    const [e] = await ex
      .select({ id: evaluations.id })
      .from(evaluations)
      .where(eq(evaluations.id, evaluationId));
    if (e === undefined) throw DbError.notFound('evaluation', evaluationId);
  }
  return rows;
}

/**
 * Check results of an evaluation. For students (`revealHidden: false`) hidden cases keep only
 * pass/fail and points: input, expected, got and message are blanked.
 */
export async function listCheckResults(
  ex: Executor,
  evaluationId: string,
  opts: { revealHidden: boolean },
): Promise<CheckResultRow[]> {
  assertUuid('evaluation', 'id', evaluationId);
  const rows = await ex
    .select()
    .from(checkResults)
    .where(eq(checkResults.evaluationId, evaluationId))
    .orderBy(asc(checkResults.check), asc(checkResults.caseIndex));
  if (opts.revealHidden) return rows;
  return rows.map((r) =>
    r.visible ? r : { ...r, input: null, expected: null, got: null, tolerance: null, message: null },
  );
}

/** Per-check totals of an evaluation: what a homework feedback page shows first. */
export interface CheckSummary {
  check: string;
  passed: number;
  cases: number;
  points: number;
  maxPoints: number;
}

export async function summarizeChecks(ex: Executor, evaluationId: string): Promise<CheckSummary[]> {
  assertUuid('evaluation', 'id', evaluationId);
  return ex
    .select({
      check: checkResults.check,
      passed: sql<number>`count(*) filter (where ${checkResults.passed})::int`,
      cases: sql<number>`count(*)::int`,
      points: sql<number>`sum(${checkResults.points})::float8`,
      maxPoints: sql<number>`sum(${checkResults.maxPoints})::float8`,
    })
    .from(checkResults)
    .where(eq(checkResults.evaluationId, evaluationId))
    .groupBy(checkResults.check)
    .orderBy(asc(checkResults.check));
}
