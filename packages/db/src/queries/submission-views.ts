import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { Executor } from '../db';
import { DbError } from '../errors';
import { executeFast } from '../fast-execute';
import { assignments } from '../schema/assignments';
import type { EvaluationSplit, SubmissionStatus } from '../schema/enums';
import { teams, users } from '../schema/people';
import { episodes, evaluations, submissions } from '../schema/submissions';
import { assertUuid } from '../validate';
import type { EpisodeRow, Evaluation } from './grading';
import { rowById } from './row-by-id';
import type { Submission } from './submissions';

/** A submission with the names a page shows beside it. */
export interface SubmissionView extends Submission {
  /** The owning team's name (agent work), else null. */
  teamName: string | null;
  /** Display name of the student who uploaded it. */
  submitterName: string;
  /** The course of the submission's assignment. */
  courseId: string;
}

const viewColumns = {
  submission: submissions,
  teamName: teams.name,
  submitterName: users.name,
  courseId: assignments.courseId,
};

type ViewRow = { submission: Submission; teamName: string | null; submitterName: string; courseId: string };
const toView = (r: ViewRow): SubmissionView => ({
  ...r.submission,
  teamName: r.teamName,
  submitterName: r.submitterName,
  courseId: r.courseId,
});

/** One submission with its team and submitter names and its course. */
export async function getSubmissionView(ex: Executor, id: string): Promise<SubmissionView> {
  assertUuid('submission', 'id', id);
  const [row] = await ex
    .select(viewColumns)
    .from(submissions)
    .innerJoin(users, eq(users.id, submissions.submittedBy))
    .innerJoin(assignments, eq(assignments.id, submissions.assignmentId))
    .leftJoin(teams, eq(teams.id, submissions.teamId))
    .where(eq(submissions.id, id))
    .limit(1);
  if (row === undefined) throw DbError.notFound('submission', id);
  return toView(row);
}

/** Filters of a submission listing; `courseId` or `assignmentId` is required. */
export interface SubmissionViewFilter {
  courseId?: string;
  assignmentId?: string;
  teamId?: string;
  /** The uploader (individual work). */
  userId?: string;
  status?: SubmissionStatus;
  /** At most this many, newest first (default 200, at most 1000). */
  limit?: number;
}

/** Submissions of a course or an assignment with names, newest first (baselines included). */
export async function listSubmissionViews(
  ex: Executor,
  filter: SubmissionViewFilter,
): Promise<SubmissionView[]> {
  if (filter.courseId === undefined && filter.assignmentId === undefined) {
    throw new DbError('invalid', 'submission list: courseId or assignmentId is required', {
      entity: 'submission',
      field: 'courseId',
    });
  }
  const conds = [];
  // Each id of the filter: what it names (for the error), its value, and the column it must match.
  const ids = [
    ['course', filter.courseId, assignments.courseId],
    ['assignment', filter.assignmentId, submissions.assignmentId],
    ['team', filter.teamId, submissions.teamId],
    ['user', filter.userId, submissions.submittedBy],
  ] as const;
  for (const [entity, id, column] of ids) {
    if (id === undefined) continue;
    assertUuid(entity, 'id', id);
    conds.push(eq(column, id));
  }
  if (filter.status !== undefined) conds.push(eq(submissions.status, filter.status));
  const rows = await ex
    .select(viewColumns)
    .from(submissions)
    .innerJoin(users, eq(users.id, submissions.submittedBy))
    .innerJoin(assignments, eq(assignments.id, submissions.assignmentId))
    .leftJoin(teams, eq(teams.id, submissions.teamId))
    .where(and(...conds))
    .orderBy(desc(submissions.submittedAt), asc(submissions.id))
    .limit(Math.max(1, Math.min(filter.limit ?? 200, 1000)));
  return rows.map(toView);
}

/** One evaluation by id. */
export function getEvaluation(ex: Executor, id: string): Promise<Evaluation> {
  return rowById(ex, evaluations, 'evaluation', id);
}

/** One episode of an evaluation by its index. */
export async function getEpisode(ex: Executor, evaluationId: string, index: number): Promise<EpisodeRow> {
  assertUuid('evaluation', 'id', evaluationId);
  const [row] = await ex
    .select()
    .from(episodes)
    .where(and(eq(episodes.evaluationId, evaluationId), eq(episodes.index, index)))
    .limit(1);
  if (row === undefined) throw DbError.notFound('episode', `${evaluationId}/${index}`);
  return row;
}

/** Where a board row's replay starts: an evaluation and the index of its first recorded episode. */
export interface ReplayLink {
  evaluationId: string;
  episodeIndex: number;
}

/**
 * For each submission, the first episode with a recorded trajectory in the `split` evaluation of its
 * scored attempt (what a board's "replay" links open). Submissions without one are absent.
 */
export async function replayLinks(
  ex: Executor,
  input: { submissionIds: string[]; split: EvaluationSplit },
): Promise<Map<string, ReplayLink>> {
  const out = new Map<string, ReplayLink>();
  if (input.submissionIds.length === 0) return out;
  for (const id of input.submissionIds) assertUuid('submission', 'id', id);
  // One probe per submission: its scored evaluation of the split (unique key), then the first recorded
  // episode on the episodes primary key — no scan of the assignment's submissions.
  const ids = sql.join(
    input.submissionIds.map((id) => sql`${id}::uuid`),
    sql`, `,
  );
  const rows = await executeFast(
    ex,
    sql`
    select s.id as "submissionId", r.evaluation_id as "evaluationId", r.episode_index as "episodeIndex"
    from submissions s
    cross join lateral (
      select e.id as evaluation_id, ep.index as episode_index
      from evaluations e
      join episodes ep on ep.evaluation_id = e.id
      where e.submission_id = s.id and e.attempt = s.scored_attempt and e.split = ${input.split}
        and ep.trajectory_key is not null
      order by ep.index
      limit 1
    ) r
    where s.id in (${ids})`,
  );
  for (const r of rows) {
    out.set(String(r.submissionId), {
      evaluationId: String(r.evaluationId),
      episodeIndex: Number(r.episodeIndex),
    });
  }
  return out;
}
