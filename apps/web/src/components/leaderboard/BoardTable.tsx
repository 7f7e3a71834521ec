import Link from 'next/link';
import type { BaselineRow, BoardRow, ReplayRef } from '~/lib/client/api-contract';
import { formatMeanCi, formatScore, formatTime } from '~/lib/client/format';

function replayHref(submissionId: string, replay: ReplayRef | null): string {
  if (replay === null) return `/submissions/${submissionId}`;
  return `/submissions/${submissionId}?evaluation=${replay.evaluationId}&episode=${replay.episodeIndex}#replay`;
}

/** Ranked team rows (own team highlighted) and baseline rows (styled apart), each linking to its replay. */
export function BoardTable({ rows, baselines }: { rows: BoardRow[]; baselines: BaselineRow[] }) {
  return (
    <div className="table-wrap">
      <table data-testid="leaderboard">
        <thead>
          <tr>
            <th className="num">Rank</th>
            <th>Team</th>
            <th className="num">Mean ± 95% CI</th>
            <th className="num">IQM</th>
            <th className="num">Episodes</th>
            <th>Submitted</th>
            <th>Replay</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr
              key={r.team.id}
              className={r.isViewerTeam ? 'viewer-team' : undefined}
              data-testid="board-row"
              data-team={r.team.name}
            >
              <td className="num">{r.rank}</td>
              <td>
                {r.team.name}
                {r.isLate && <span className="badge late"> late</span>}
              </td>
              <td className="num">{formatMeanCi(r.score, r.ciLow, r.ciHigh)}</td>
              <td className="num">{formatScore(r.iqm)}</td>
              <td className="num">{r.n}</td>
              <td>{formatTime(r.submittedAt)}</td>
              <td>
                {r.submissionId !== null && <Link href={replayHref(r.submissionId, r.replay)}>replay</Link>}
              </td>
            </tr>
          ))}
          {baselines.map((b) => (
            <tr key={b.submissionId} className="baseline" data-testid="baseline-row">
              <td className="num">—</td>
              <td>baseline: {b.baseline}</td>
              <td className="num">{formatMeanCi(b.score, b.ciLow, b.ciHigh)}</td>
              <td className="num">{formatScore(b.iqm)}</td>
              <td className="num">{b.n}</td>
              <td />
              <td>
                <Link href={replayHref(b.submissionId, b.replay)}>replay</Link>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
