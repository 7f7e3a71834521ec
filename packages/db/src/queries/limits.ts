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
 * How many counted submissions an owner made on the local day of `at`. Pass `teamId` for team work,
 * else the student's `userId`.
 */
export async function countSubmissionsOnDay(
  ex: Executor,
  input: { assignmentId: string; teamId: string | null; userId: string; at: Date },
): Promise<number> {
  const rows = await ex.execute(sql`
    select count(*)::int as n
    from submissions s
    join assignments a on a.id = s.assignment_id
    join courses c on c.id = a.course_id
    where s.assignment_id = ${input.assignmentId} and s.counts_toward_limit
      and ${input.teamId === null ? sql`s.team_id is null and s.submitted_by = ${input.userId}` : sql`s.team_id = ${input.teamId}`}
      and (s.submitted_at at time zone c.timezone)::date = (${input.at.toISOString()}::timestamptz at time zone c.timezone)::date`);
  return (rows[0] as { n: number }).n;
}
