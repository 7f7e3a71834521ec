import { sql } from 'drizzle-orm';
import type { Executor } from '../db';
import { executeFast } from '../fast-execute';
import type { EvaluationSplit } from '../schema/enums';
import { withDates } from '../timestamps';
import { assertUuid } from '../validate';

/** One team's line on a board. */
export interface LeaderboardRow {
  /** 1-based; equal scores are ordered by earlier submission time. */
  rank: number;
  teamId: string;
  teamName: string;
  submissionId: string;
  submittedAt: Date;
  isLate: boolean;
  /** True when the team chose this submission; otherwise it is their best. */
  selected: boolean;
  /** Episodes in the split. */
  n: number;
  /** Mean return, after the late penalty. */
  score: number;
  /** Mean return before any penalty. */
  rawMean: number;
  std: number;
  /** 95% confidence interval of the mean (penalised like the score). */
  ciLow: number;
  ciHigh: number;
  /** Interquartile mean of the returns. */
  iqm: number;
}

/**
 * A board of an agent assignment: per team, the selected submission if any, otherwise the one with the
 * best score on this split (ties: earlier); scores of late submissions lose `latePenalty·|score|`.
 * Rows ordered by score, then submission time. Reads only the scored attempt of each submission.
 */
export async function leaderboard(
  ex: Executor,
  input: { assignmentId: string; split: EvaluationSplit; limit?: number },
): Promise<LeaderboardRow[]> {
  assertUuid('assignment', 'id', input.assignmentId);
  const score = input.split === 'public' ? sql.raw('public_score') : sql.raw('private_score');
  const order = sql.raw((await scoreOrder(ex, input.assignmentId)) === 'asc' ? 'asc' : 'desc');
  // One index probe per team (submissions_board_<split>_idx): selected first, then best score, then earliest.
  const rows = await executeFast(
    ex,
    sql`
    with a as (select course_id, late_penalty as p from assignments where id = ${input.assignmentId}),
    best as (
      select t.id as team_id, t.name as team_name, b.*
      from a
      join teams t on t.course_id = a.course_id
      cross join lateral (
        select s.id, s.submitted_at, s.selected, s.is_late, s.scored_attempt, s.${score} as score
        from submissions s
        where s.assignment_id = ${input.assignmentId} and s.team_id = t.id and s.${score} is not null
        order by s.selected desc nulls last, s.${score} ${order} nulls last, s.submitted_at, s.id
        limit 1
      ) b
    )
    select row_number() over (order by b.score ${order}, b.submitted_at asc, b.id)::int as rank,
      b.team_id as "teamId", b.team_name as "teamName", b.id as "submissionId", b.submitted_at as "submittedAt",
      b.is_late as "isLate", b.selected, e.n, b.score, e.mean as "rawMean", e.std,
      case when b.is_late then e.ci_low - a.p * abs(e.ci_low) else e.ci_low end as "ciLow",
      case when b.is_late then e.ci_high - a.p * abs(e.ci_high) else e.ci_high end as "ciHigh",
      e.iqm
    from best b
    cross join a
    join evaluations e on e.submission_id = b.id and e.attempt = b.scored_attempt and e.split = ${input.split}
    order by rank
    limit ${input.limit ?? 1000}`,
  );
  return rows.map((r) => withDates<LeaderboardRow>(r, ['submittedAt']));
}

/** `desc` when a higher score ranks first (`maximize`), `asc` for a `minimize` assignment. */
export async function scoreOrder(ex: Executor, assignmentId: string): Promise<'asc' | 'desc'> {
  const [row] = await executeFast(
    ex,
    sql`select score_direction from assignments where id = ${assignmentId}`,
  );
  return row?.score_direction === 'minimize' ? 'asc' : 'desc';
}
