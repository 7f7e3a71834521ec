'use client';
import { useRouter } from 'next/navigation';
import { useEffect, useRef } from 'react';
import type { SubmissionStatus } from '~/lib/client/api-contract';
import { formatDuration, formatTimeSeconds } from '~/lib/client/format';
import { FINAL_STATES, useSubmissionStatus } from '~/lib/client/use-submission-status';
import { ProgressBar } from './ProgressBar';
import { StatusBadge } from './StatusBadge';

/**
 * The submission's phase, queue position, progress of episodes or cases, phase timestamps and verdict,
 * live from its event stream; when it finishes the page reloads its results.
 */
export function LiveStatus({ initial, kind }: { initial: SubmissionStatus; kind: 'agent' | 'checks' }) {
  const s = useSubmissionStatus(initial);
  const router = useRouter();
  const wasFinal = useRef(FINAL_STATES.has(initial.status));
  useEffect(() => {
    if (!wasFinal.current && FINAL_STATES.has(s.status)) {
      wasFinal.current = true;
      router.refresh();
    }
  }, [s.status, router]);
  const unit = kind === 'agent' ? 'episodes' : 'cases';
  return (
    <section className="card" data-testid="live-status" data-status={s.status}>
      <div className="row">
        <strong>Status</strong> <StatusBadge status={s.status} />
        {s.status === 'queued' && s.queuePosition !== null && (
          <span data-testid="queue-position">position {s.queuePosition} in the queue</span>
        )}
        {s.attempt > 1 && <span className="muted small">attempt {s.attempt}</span>}
      </div>
      {(s.status === 'running' || s.progress.done > 0) && s.progress.total > 0 && (
        <div className="row" style={{ marginTop: '0.5rem' }}>
          <ProgressBar done={s.progress.done} total={s.progress.total} label={`Graded ${unit}`} />
          <span className="small" data-testid="grading-progress">
            {s.progress.done} / {s.progress.total} {unit}
          </span>
        </div>
      )}
      {s.error && (
        <p className="error" role="alert" data-testid="failure-reason">
          <strong>{s.error.class}</strong>: {s.error.message}
        </p>
      )}
      <dl className="facts small" style={{ marginTop: '0.5rem' }} data-testid="phase-times">
        <dt>Submitted</dt>
        <dd>{formatTimeSeconds(s.timestamps.submittedAt)}</dd>
        <dt>Queued</dt>
        <dd>{formatTimeSeconds(s.timestamps.queuedAt)}</dd>
        <dt>Started</dt>
        <dd>
          {formatTimeSeconds(s.timestamps.startedAt)}
          <PhaseGap from={s.timestamps.queuedAt} to={s.timestamps.startedAt} what="waited" />
        </dd>
        <dt>Finished</dt>
        <dd>
          {formatTimeSeconds(s.timestamps.finishedAt)}
          <PhaseGap from={s.timestamps.startedAt} to={s.timestamps.finishedAt} what="ran" />
        </dd>
      </dl>
    </section>
  );
}

/** How long a phase took, after its end time: ` (ran 12 s)`. */
function PhaseGap({ from, to, what }: { from: string | null; to: string | null; what: string }) {
  const d = formatDuration(from, to);
  return d ? (
    <span className="muted">
      {' '}
      ({what} {d})
    </span>
  ) : null;
}
