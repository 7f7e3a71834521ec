import { ScoreIntervals } from '~/components/charts/ScoreIntervals';
import type { Leaderboard } from '~/lib/client/api-contract';

/** Every team's and baseline's mean with its 95% confidence interval, as one picture. */
export function BoardIntervals({ board }: { board: Leaderboard }) {
  const rows = [
    ...board.rows.map((r) => ({
      key: r.team.id,
      label: `${r.rank}. ${r.team.name}`,
      mean: r.score,
      ciLow: r.ciLow,
      ciHigh: r.ciHigh,
      highlight: r.isViewerTeam,
    })),
    ...board.baselines.map((b) => ({
      key: b.submissionId,
      label: `baseline: ${b.baseline}`,
      mean: b.score,
      ciLow: b.ciLow,
      ciHigh: b.ciHigh,
      baseline: true,
    })),
  ];
  return <ScoreIntervals rows={rows} xLabel="mean return" title={`${board.board} board`} />;
}
