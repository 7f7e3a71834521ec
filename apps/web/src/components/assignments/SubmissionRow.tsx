'use client';
import Link from 'next/link';
import { useState } from 'react';
import { StatusBadge } from '~/components/submissions/StatusBadge';
import type { SubmissionStatus, SubmissionSummary } from '~/lib/client/api-contract';
import { formatScore, formatTime } from '~/lib/client/format';
import { FINAL_STATES, useSubmissionEvents } from '~/lib/client/use-submission-status';

/** The public score of a live status: points for checks, the mean return for agents. */
function liveScore(s: SubmissionStatus): number | null {
  const pub = s.scores.public;
  if (pub === null) return null;
  return pub.maxPoints != null ? (pub.points ?? 0) : pub.mean;
}

/** One submission in a list, its status badge kept live while it is queued or running. */
export function SubmissionRow({
  initial,
  showTeam,
  counts = false,
}: {
  initial: SubmissionSummary;
  showTeam?: boolean;
  /** This homework submission counts for the grade. */
  counts?: boolean;
}) {
  const [live, setLive] = useState<SubmissionStatus | null>(null);
  useSubmissionEvents(initial.id, !FINAL_STATES.has(initial.status), setLive);
  const status = live?.status ?? initial.status;
  const score = live ? liveScore(live) : initial.publicScore;
  return (
    <tr data-testid="submission-row">
      <td>
        <Link href={`/submissions/${initial.id}`}>{formatTime(initial.submittedAt)}</Link>
        {initial.selected && <span className="badge pass"> final</span>}
        {counts && (
          <span
            className="badge pass"
            data-testid="counts-badge"
            title="This submission counts for the grade"
          >
            {' '}
            counts
          </span>
        )}
        {initial.isLate && <span className="badge late"> late</span>}
      </td>
      {showTeam && <td>{initial.team?.name ?? initial.baseline ?? '—'}</td>}
      <td>{initial.submittedBy.name}</td>
      <td>{initial.format}</td>
      <td>
        <StatusBadge status={status} />
        {live?.status === 'running' && live.progress.total > 0 && (
          <span className="muted small">
            {' '}
            {live.progress.done}/{live.progress.total}
          </span>
        )}
      </td>
      <td className="num">{formatScore(score)}</td>
    </tr>
  );
}
