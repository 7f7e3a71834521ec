import { sql } from 'drizzle-orm';
import type { Executor } from '../db';
import { DbError } from '../errors';
import { withDates } from '../timestamps';
import { assertUuid } from '../validate';
import { getAssignment } from './assignments';

/** One student's line of a grade export (CSV-ready: plain values only). */
export interface GradeRow {
  email: string;
  name: string;
  /** Team name (agent assignments), else null. */
  team: string | null;
  /** The submission that counts, or null when none was graded. */
  submissionId: string | null;
  submittedAt: Date | null;
  isLate: boolean;
  /** Agent: private mean after the late penalty; checks: points after the penalty. */
  score: number | null;
  /** Agent: rank on the private board; checks: null. */
  rank: number | null;
  /** Checks: points possible; agent: null. */
  maxPoints: number | null;
}

/**
 * Grade export of an assignment: one row per enrolled student, including students who never submitted.
 * Agent assignments use the private board (selected or best private score); checks assignments use the
 * student's selected submission, else the one with the most points after the late penalty
 * (points × (1 − latePenalty) when late; the earliest among equals), as agents count their best.
 */
export async function gradeExportRows(ex: Executor, assignmentId: string): Promise<GradeRow[]> {
  assertUuid('assignment', 'id', assignmentId);
  const a = await getAssignment(ex, assignmentId);
  if (a.kind === 'agent') {
    const order = sql.raw(a.scoreDirection === 'minimize' ? 'asc' : 'desc');
    const rows = await ex.execute(sql`
      with best as (
        -- Same choice as the private board: selected first, then best board score, then earliest.
        select distinct on (s.team_id) s.id, s.team_id, s.submitted_at, s.is_late, s.private_score as score
        from submissions s
        where s.assignment_id = ${a.id} and s.team_id is not null and s.private_score is not null
        order by s.team_id, s.selected desc, s.private_score ${order}, s.submitted_at asc, s.id
      ), ranked as (
        select *, row_number() over (order by score ${order}, submitted_at asc, id)::int as rank from best
      )
      select u.email, u.name, t.name as team, r.id as "submissionId", r.submitted_at as "submittedAt",
        coalesce(r.is_late, false) as "isLate", r.score, r.rank, null::float8 as "maxPoints"
      from enrollments en
      join users u on u.id = en.user_id
      left join team_members tm on tm.course_id = en.course_id and tm.user_id = en.user_id
      left join teams t on t.id = tm.team_id
      left join ranked r on r.team_id = tm.team_id
      where en.course_id = ${a.courseId} and en.role = 'student'
      order by u.name, u.email`);
    return rows.map((r) => withDates<GradeRow>(r, ['submittedAt']));
  }
  if (a.kind !== 'checks')
    throw new DbError('invalid', `assignment ${a.id}: unknown kind`, { entity: 'assignment' });
  const rows = await ex.execute(sql`
    with cand as (
      select distinct on (s.submitted_by) s.id, s.submitted_by, s.submitted_at, s.is_late, e.points, e.max_points
      from submissions s
      join evaluations e on e.submission_id = s.id and e.attempt = s.scored_attempt and e.split = 'public'
      where s.assignment_id = ${a.id} and s.team_id is null
      order by s.submitted_by, s.selected desc,
        (case when s.is_late then e.points * (1 - ${a.latePenalty}::float8) else e.points end) desc nulls last,
        s.submitted_at asc, s.id
    )
    select u.email, u.name, null as team, c.id as "submissionId", c.submitted_at as "submittedAt",
      coalesce(c.is_late, false) as "isLate",
      case when c.is_late then c.points * (1 - ${a.latePenalty}::float8) else c.points end as score,
      null::int as rank, c.max_points as "maxPoints"
    from enrollments en
    join users u on u.id = en.user_id
    left join cand c on c.submitted_by = en.user_id
    where en.course_id = ${a.courseId} and en.role = 'student'
    order by u.name, u.email`);
  return rows.map((r) => withDates<GradeRow>(r, ['submittedAt']));
}
