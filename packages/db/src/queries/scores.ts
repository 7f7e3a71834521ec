import { eq, sql } from 'drizzle-orm';
import type { Executor } from '../db';
import { DbError, mapDbErrors } from '../errors';
import { assignments } from '../schema/assignments';
import { assertUuid } from '../validate';
import type { Assignment } from './assignments';
import { recordAudit } from './audit';
import { enqueueLtiGradesAfterScoring } from './lti-grades';

// Board score of one split: mean after the late penalty, score − penalty·|score| (fair for negative returns);
// on a `minimize` assignment the penalty moves the other way, score + penalty·|score|. A homework
// (checks) submission scores its points, × (1 − penalty) when late: lists show points, and the best
// one counts by default.
const boardScore = (split: 'public' | 'private') =>
  sql.raw(`(
  select case
    when a.kind = 'checks' then case when s.is_late then e.points * (1 - a.late_penalty) else e.points end
    when not s.is_late then e.mean
    when a.score_direction = 'minimize' then e.mean + a.late_penalty * abs(e.mean)
    else e.mean - a.late_penalty * abs(e.mean) end
  from evaluations e
  where e.submission_id = s.id and e.attempt = s.scored_attempt and e.split = '${split}')`);

/**
 * Recomputes `public_score`/`private_score` of one submission, or of every scored submission of an
 * assignment, from the evaluations of their scored attempt. Call inside the transaction that changed them.
 */
export async function refreshBoardScores(
  ex: Executor,
  target: { submissionId: string } | { assignmentId: string },
): Promise<void> {
  const where =
    'submissionId' in target
      ? sql`s.id = ${target.submissionId}`
      : sql`s.assignment_id = ${target.assignmentId} and s.scored_attempt is not null`;
  await ex.execute(sql`
    update submissions s set public_score = ${boardScore('public')}, private_score = ${boardScore('private')}
    from assignments a
    where a.id = s.assignment_id and ${where}`);
  // A changed score of an LMS-linked assignment goes to the LMS gradebook (AGS outbox).
  await enqueueLtiGradesAfterScoring(ex, target);
}

/** Changes an assignment's late penalty and re-scores its late submissions in one audited transaction. */
export async function setLatePenalty(
  ex: Executor,
  input: { assignmentId: string; latePenalty: number; actorId: string },
): Promise<Assignment> {
  assertUuid('assignment', 'id', input.assignmentId);
  if (!(input.latePenalty >= 0 && input.latePenalty <= 1)) {
    throw new DbError('invalid', `assignment: latePenalty must be within [0, 1], got ${input.latePenalty}`, {
      entity: 'assignment',
      field: 'latePenalty',
    });
  }
  return mapDbErrors('assignments', () =>
    ex.transaction(async (tx) => {
      const [before] = await tx
        .select()
        .from(assignments)
        .where(eq(assignments.id, input.assignmentId))
        .for('update');
      if (before === undefined) throw DbError.notFound('assignment', input.assignmentId);
      const [row] = await tx
        .update(assignments)
        .set({ latePenalty: input.latePenalty })
        .where(eq(assignments.id, input.assignmentId))
        .returning();
      await refreshBoardScores(tx, { assignmentId: input.assignmentId });
      await recordAudit(tx, {
        courseId: row!.courseId,
        actorId: input.actorId,
        action: 'assignment.set_late_penalty',
        entityType: 'assignment',
        entityId: row!.id,
        details: { from: before.latePenalty, to: input.latePenalty },
      });
      return row!;
    }),
  );
}
