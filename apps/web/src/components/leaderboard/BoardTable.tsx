import Link from 'next/link';
import { type Column, DataTable } from '~/components/tables/DataTable';
import type { BaselineRow, BoardRow, ReplayRef } from '~/lib/client/api-contract';
import { formatMeanCi, formatScore, formatTime } from '~/lib/client/format';

function replayHref(submissionId: string, replay: ReplayRef | null): string {
  if (replay === null) return `/submissions/${submissionId}`;
  return `/submissions/${submissionId}?evaluation=${replay.evaluationId}&episode=${replay.episodeIndex}#replay`;
}

/** A board line: a ranked team, or a baseline (unranked, styled apart). */
type Line = { team: BoardRow; baseline?: undefined } | { team?: undefined; baseline: BaselineRow };

const stats = (l: Line) => l.team ?? l.baseline;

const COLUMNS: Column<Line>[] = [
  { header: 'Rank', className: 'num', cell: (l) => l.team?.rank ?? '—' },
  {
    header: 'Team',
    cell: ({ team, baseline }) =>
      team ? (
        <>
          {team.team.name}
          {team.isLate && <span className="badge late"> late</span>}
        </>
      ) : (
        `baseline: ${baseline.baseline}`
      ),
  },
  {
    header: 'Mean ± 95% CI',
    className: 'num',
    cell: (l) => formatMeanCi(stats(l).score, stats(l).ciLow, stats(l).ciHigh),
  },
  { header: 'IQM', className: 'num', cell: (l) => formatScore(stats(l).iqm) },
  { header: 'Episodes', className: 'num', cell: (l) => stats(l).n },
  { header: 'Submitted', cell: (l) => (l.team ? formatTime(l.team.submittedAt) : null) },
  {
    header: 'Replay',
    cell: (l) => {
      const id = stats(l).submissionId;
      return id !== null && <Link href={replayHref(id, stats(l).replay)}>replay</Link>;
    },
  },
];

/** Ranked team rows (own team highlighted) and baseline rows (styled apart), each linking to its replay. */
export function BoardTable({ rows, baselines }: { rows: BoardRow[]; baselines: BaselineRow[] }) {
  const lines: Line[] = [...rows.map((team) => ({ team })), ...baselines.map((baseline) => ({ baseline }))];
  return (
    <DataTable
      rows={lines}
      columns={COLUMNS}
      rowKey={(l) => (l.team ? l.team.team.id : l.baseline.submissionId)}
      rowProps={({ team }) =>
        team
          ? {
              className: team.isViewerTeam ? 'viewer-team' : undefined,
              'data-testid': 'board-row',
              'data-team': team.team.name,
            }
          : { className: 'baseline', 'data-testid': 'baseline-row' }
      }
      testId="leaderboard"
    />
  );
}
