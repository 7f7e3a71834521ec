import { sql } from 'drizzle-orm';
import type { Executor } from '../db';
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
  /** Counted submissions of the team in this assignment. */
  submissions: number;
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
  const rows = await ex.execute(sql`
    with a as (select late_penalty as p from assignments where id = ${input.assignmentId}),
    cand as (
      select s.id, s.team_id, s.submitted_at, s.selected, s.is_late, e.n, e.mean, e.std, e.iqm,
        case when s.is_late then e.mean - a.p * abs(e.mean) else e.mean end as score,
        case when s.is_late then e.ci_low - a.p * abs(e.ci_low) else e.ci_low end as ci_low,
        case when s.is_late then e.ci_high - a.p * abs(e.ci_high) else e.ci_high end as ci_high
      from evaluations e
      join submissions s on s.id = e.submission_id and s.scored_attempt = e.attempt
      cross join a
      where e.assignment_id = ${input.assignmentId} and e.split = ${input.split} and s.team_id is not null
    ),
    best as (
      select distinct on (team_id) *, count(*) over (partition by team_id) as n_subs
      from cand
      order by team_id, selected desc, score desc, submitted_at asc, id
    )
    select row_number() over (order by b.score desc, b.submitted_at asc, b.id)::int as rank,
      b.team_id as "teamId", t.name as "teamName", b.id as "submissionId", b.submitted_at as "submittedAt",
      b.is_late as "isLate", b.selected, b.n, b.score, b.mean as "rawMean", b.std, b.ci_low as "ciLow",
      b.ci_high as "ciHigh", b.iqm, b.n_subs::int as submissions
    from best b join teams t on t.id = b.team_id
    order by rank
    limit ${input.limit ?? 1000}`);
  return rows.map((r) => withDates<LeaderboardRow>(r, ['submittedAt']));
}
