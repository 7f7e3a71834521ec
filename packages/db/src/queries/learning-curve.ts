import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Executor } from '../db';
import { DbError } from '../errors';
import { type LearningCurvePoint, submissions } from '../schema/submissions';
import { assertUuid, parseInput } from '../validate';

/** Most points a stored learning curve may hold (callers downsample longer curves first). */
export const MAX_LEARNING_CURVE_POINTS = 2000;

const finite = z.number().refine(Number.isFinite, 'must be a finite number');

const curveInput = z
  .array(z.object({ step: finite.refine((s) => s >= 0, 'must be >= 0'), return: finite }).strict())
  .max(MAX_LEARNING_CURVE_POINTS);

/** Stores (replaces) the learning curve attached to a submission; at most 2,000 finite points. */
export async function setLearningCurve(
  ex: Executor,
  input: { submissionId: string; points: LearningCurvePoint[] },
): Promise<number> {
  assertUuid('submission', 'id', input.submissionId);
  const points = parseInput('learning curve', curveInput, input.points);
  const rows = await ex
    .update(submissions)
    .set({ learningCurve: points })
    .where(eq(submissions.id, input.submissionId))
    .returning({ id: submissions.id });
  if (rows.length === 0) throw DbError.notFound('submission', input.submissionId);
  return points.length;
}

/** The learning curve attached to a submission, or null when none was uploaded. */
export async function getLearningCurve(
  ex: Executor,
  submissionId: string,
): Promise<LearningCurvePoint[] | null> {
  assertUuid('submission', 'id', submissionId);
  const [row] = await ex
    .select({ curve: submissions.learningCurve })
    .from(submissions)
    .where(eq(submissions.id, submissionId))
    .limit(1);
  if (row === undefined) throw DbError.notFound('submission', submissionId);
  return row.curve ?? null;
}
