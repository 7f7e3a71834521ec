import type { Assignment } from '~/lib/client/api-types';
import { formatBytes, formatTime } from '~/lib/client/format';

const WINDOW_TEXT: Record<string, string> = {
  early: 'not open yet',
  on_time: 'open',
  late: 'late (penalty applies)',
  closed: 'closed',
};

/** Dates, submission window, limits and episode counts of an assignment. */
export function AssignmentFacts({ a }: { a: Assignment }) {
  return (
    <dl className="facts">
      <dt>Window</dt>
      <dd data-testid="assignment-window">{a.window ? WINDOW_TEXT[a.window] : '—'}</dd>
      <dt>Opens</dt>
      <dd>{formatTime(a.opensAt)}</dd>
      <dt>Due</dt>
      <dd>{formatTime(a.dueAt)}</dd>
      {a.lateUntil && (
        <>
          <dt>Late until</dt>
          <dd>
            {formatTime(a.lateUntil)}
            {a.latePenalty != null && ` (score × ${1 - a.latePenalty})`}
          </dd>
        </>
      )}
      <dt>Daily limit</dt>
      <dd>{a.maxDailySubmissions ? `${a.maxDailySubmissions} submissions per team per day` : 'none'}</dd>
      {a.maxArtifactBytes !== undefined && (
        <>
          <dt>Max size</dt>
          <dd>{formatBytes(a.maxArtifactBytes)}</dd>
        </>
      )}
      {a.kind === 'agent' && (
        <>
          <dt>Episodes</dt>
          <dd>
            {a.publicEpisodes ?? 0} public · {a.privateEpisodes ?? 0} private
          </dd>
        </>
      )}
    </dl>
  );
}
