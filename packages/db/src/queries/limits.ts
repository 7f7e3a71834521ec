import { sql } from 'drizzle-orm';
import type { Executor } from '../db';
import { assertUuid } from '../validate';

/** Submissions of one owner (team, or the student for individual work) on one local day. */
export interface DailyCount {
  /** The team for team work, else null. */
  teamId: string | null;
  /** The submitting student for individual work, else null. */
  userId: string | null;
  /** Calendar day in the course's time zone, `YYYY-MM-DD`. */
  day: string;
  /** Submissions that count toward the daily limit (platform failures excluded). */
  count: number;
}

/** Per-owner, per-day counts for an assignment (days in the course's time zone), newest day first. */
export async function dailySubmissionCounts(
  ex: Executor,
  assignmentId: string,
  opts: { sinceDays?: number } = {},
): Promise<DailyCount[]> {
  assertUuid('assignment', 'id', assignmentId);
  const since = opts.sinceDays ?? 14;
  const rows = await ex.execute(sql`
    select s.team_id as "teamId", case when s.team_id is null then s.submitted_by end as "userId",
      to_char((s.submitted_at at time zone c.timezone)::date, 'YYYY-MM-DD') as day, count(*)::int as count
    from submissions s
    join assignments a on a.id = s.assignment_id
    join courses c on c.id = a.course_id
    where s.assignment_id = ${assignmentId} and s.counts_toward_limit
      and s.submitted_at >= now() - make_interval(days => ${since})
    group by 1, 2, 3
    order by day desc, count desc`);
  return [...rows] as unknown as DailyCount[];
}

/**
 * How many counted submissions were made on the local day of `at`: by the team (`teamId`, team work)
 * and by the student (`userId`, whichever team they were in, so leaving and re-creating teams does not
 * start the count again). For individual work (`teamId` null) both are the student's.
 */
export async function countSubmissionsOnDay(
  ex: Executor,
  input: { assignmentId: string; teamId: string | null; userId: string; at: Date },
): Promise<{ team: number; student: number }> {
  const rows = await ex.execute(sql`
    select
      count(*) filter (where ${input.teamId === null ? sql`s.team_id is null` : sql`s.team_id = ${input.teamId}`})::int as team,
      count(*) filter (where s.submitted_by = ${input.userId} and s.baseline is null)::int as student
    from submissions s
    join assignments a on a.id = s.assignment_id
    join courses c on c.id = a.course_id
    where s.assignment_id = ${input.assignmentId} and s.counts_toward_limit
      and ${input.teamId === null ? sql`s.submitted_by = ${input.userId}` : sql`(s.team_id = ${input.teamId} or s.submitted_by = ${input.userId})`}
      and (s.submitted_at at time zone c.timezone)::date = (${input.at.toISOString()}::timestamptz at time zone c.timezone)::date`);
  const row = rows[0] as { team: number; student: number };
  return { team: row.team, student: row.student };
}
