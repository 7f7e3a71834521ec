import { sql } from 'drizzle-orm';
import type { Executor } from '../db';
import { executeFast } from '../fast-execute';
import type { ScoreDirection } from '../schema/enums';
import { assertUuid } from '../validate';
import { type BaselineRow, baselineRows } from './baselines';

/** A score with its 95% confidence interval. */
export interface ScoredInterval {
  score: number;
  ciLow: number;
  ciHigh: number;
}

/** A baseline used to normalize a project's score. */
export interface BoardBaseline extends ScoredInterval {
  /** Its label (`random`, `ppo`, `dqn`). */
  baseline: string;
  submissionId: string;
}

/** One project's line on the cross-project board. */
export interface ProjectBoardRow {
  /** 1-based position among rows with a normalized score; null for the others (listed last). */
  rank: number | null;
  projectId: string;
  title: string;
  envId: string;
  direction: ScoreDirection;
  teamId: string;
  teamName: string;
  assignmentId: string;
  /** The team's best private submission (direction-aware), or null before one is scored. */
  best: (ScoredInterval & { submissionId: string; n: number; hasLearningCurve: boolean }) | null;
  /** The random agent's private score. */
  random: BoardBaseline | null;
  /** The reference agent's private score (PPO, else DQN). */
  reference: BoardBaseline | null;
  /** (score − random) / (reference − random), interval ends mapped alike; null without both baselines. */
  normalized: ScoredInterval | null;
  /** Projects whose normalized intervals overlap this one's: not distinguishable from it. */
  tiedWith: string[];
  /** An episode of the best submission to replay (its best private episode with a trajectory). */
  replay: { evaluationId: string; episodeIndex: number } | null;
}

/** Baselines tried as the reference, in order of preference. */
export const REFERENCE_BASELINES = ['ppo', 'dqn'] as const;

/**
 * Maps a score and its interval onto the random → reference scale, where random is 0 and the
 * reference 1 whatever the direction (a negative scale for `minimize` swaps the interval's ends).
 * Undefined when the two baselines score the same.
 */
export function normalizeScore(
  s: ScoredInterval,
  random: number,
  reference: number,
): ScoredInterval | undefined {
  const scale = reference - random;
  if (scale === 0 || !Number.isFinite(scale)) return undefined;
  // normalized = (score − random) / (reference − random)
  const f = (x: number) => (x - random) / scale;
  const a = f(s.ciLow);
  const b = f(s.ciHigh);
  return { score: f(s.score), ciLow: Math.min(a, b), ciHigh: Math.max(a, b) };
}

/** For each row, the ids of the other rows whose intervals overlap its own (closed intervals). */
export function overlappingIntervals<T extends { id: string; interval: ScoredInterval | null }>(
  rows: readonly T[],
): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const r of rows) {
    const i = r.interval;
    out.set(
      r.id,
      i === null
        ? []
        : rows
            .filter(
              (o) =>
                o.id !== r.id &&
                o.interval !== null &&
                o.interval.ciLow <= i.ciHigh &&
                i.ciLow <= o.interval.ciHigh,
            )
            .map((o) => o.id),
    );
  }
  return out;
}

function asBaseline(b: BaselineRow | undefined): BoardBaseline | null {
  return b === undefined
    ? null
    : {
        baseline: b.baseline,
        submissionId: b.submissionId,
        score: b.score,
        ciLow: b.ciLow,
        ciHigh: b.ciHigh,
      };
}

/**
 * The instructor's cross-project board: every approved project's best private score (the highest,
 * or the lowest for `minimize`; late penalty applied as on the assignment's board), its random and
 * reference baselines, the normalized score and interval, sorted by normalized score (best first;
 * projects without one last, by title), each with the projects it is tied with.
 */
export async function projectBoard(ex: Executor, input: { courseId: string }): Promise<ProjectBoardRow[]> {
  assertUuid('project board', 'courseId', input.courseId);
  const rows = await executeFast(
    ex,
    sql`
    select p.id as "projectId", p.title, p.env_id as "envId", p.direction, t.id as "teamId", t.name as "teamName",
      a.id as "assignmentId", b.id as "submissionId", b.private_score as score, b.has_curve as "hasLearningCurve",
      e.id as "evaluationId", e.n,
      case when b.is_late then e.ci_low - a.late_penalty * abs(e.ci_low) else e.ci_low end as "ciLow",
      case when b.is_late then e.ci_high - a.late_penalty * abs(e.ci_high) else e.ci_high end as "ciHigh",
      ep.index as "episodeIndex"
    from projects p
    join teams t on t.id = p.team_id
    join assignments a on a.id = p.assignment_id
    left join lateral (
      select s.id, s.private_score, s.is_late, s.scored_attempt, s.learning_curve is not null as has_curve
      from submissions s
      where s.assignment_id = a.id and s.team_id = p.team_id and s.baseline is null and s.private_score is not null
      order by case when p.direction = 'minimize' then -s.private_score else s.private_score end desc,
        s.submitted_at, s.id
      limit 1
    ) b on true
    left join evaluations e on e.submission_id = b.id and e.attempt = b.scored_attempt and e.split = 'private'
    left join lateral (
      select x.index from episodes x
      where x.evaluation_id = e.id and x.trajectory_key is not null
      order by case when p.direction = 'minimize' then -x.return else x.return end desc, x.index
      limit 1
    ) ep on true
    where p.course_id = ${input.courseId} and p.status = 'approved'`,
  );
  const board: ProjectBoardRow[] = [];
  for (const r of rows) {
    const assignmentId = String(r.assignmentId);
    const baselines = await baselineRows(ex, { assignmentId, split: 'private' });
    const random = asBaseline(baselines.find((x) => x.baseline === 'random'));
    const ref = REFERENCE_BASELINES.map((k) => baselines.find((x) => x.baseline === k)).find((x) => x);
    const reference = asBaseline(ref);
    const hasBest = r.submissionId !== null && r.evaluationId !== null;
    const best = hasBest
      ? {
          submissionId: String(r.submissionId),
          score: Number(r.score),
          ciLow: Number(r.ciLow),
          ciHigh: Number(r.ciHigh),
          n: Number(r.n),
          hasLearningCurve: r.hasLearningCurve === true,
        }
      : null;
    board.push({
      rank: null,
      projectId: String(r.projectId),
      title: String(r.title),
      envId: String(r.envId),
      direction: r.direction as ScoreDirection,
      teamId: String(r.teamId),
      teamName: String(r.teamName),
      assignmentId,
      best,
      random,
      reference,
      normalized:
        (best && random && reference && normalizeScore(best, random.score, reference.score)) || null,
      tiedWith: [],
      replay:
        hasBest && r.episodeIndex !== null
          ? { evaluationId: String(r.evaluationId), episodeIndex: Number(r.episodeIndex) }
          : null,
    });
  }
  board.sort((x, y) => {
    if (x.normalized && y.normalized)
      return y.normalized.score - x.normalized.score || x.title.localeCompare(y.title);
    if (x.normalized || y.normalized) return x.normalized ? -1 : 1;
    return x.title.localeCompare(y.title);
  });
  const ties = overlappingIntervals(board.map((b) => ({ id: b.projectId, interval: b.normalized })));
  board.forEach((b, i) => {
    b.rank = b.normalized ? i + 1 : null;
    b.tiedWith = ties.get(b.projectId) ?? [];
  });
  return board;
}
