'use client';
import Link from 'next/link';
import { StatusBadge } from '~/components/submissions/StatusBadge';
import type { SubmissionStatus } from '~/lib/client/api-types';
import { formatMeanCi, formatTime } from '~/lib/client/format';
import { useSubmissionStatus } from '~/lib/client/use-submission-status';

/** One submission in a list, its status badge kept live while it is queued or running. */
export function SubmissionRow({ initial, showTeam }: { initial: SubmissionStatus; showTeam?: boolean }) {
  const s = useSubmissionStatus(initial);
  const score = s.scores.public;
  return (
    <tr data-testid="submission-row">
      <td>
        <Link href={`/submissions/${s.id}`}>{formatTime(s.timestamps.submittedAt)}</Link>
        {s.selected && <span className="badge pass"> final</span>}
        {s.isLate && <span className="badge late"> late</span>}
      </td>
      {showTeam && <td>{s.team?.name ?? '—'}</td>}
      <td>{s.submittedBy.name}</td>
      <td>{s.format}</td>
      <td>
        <StatusBadge status={s.status} />
        {s.status === 'running' && s.progress.total > 0 && (
          <span className="muted small">
            {' '}
            {s.progress.done}/{s.progress.total}
          </span>
        )}
      </td>
      <td className="num">
        {score === null
          ? '—'
          : score.maxPoints != null
            ? `${score.points ?? 0} / ${score.maxPoints}`
            : formatMeanCi(score.mean, score.ciLow, score.ciHigh)}
      </td>
    </tr>
  );
}
