import type { Assignment } from '~/lib/client/api-types';
import { formatBytes, formatTime } from '~/lib/client/format';

const WINDOW_TEXT: Record<string, string> = {
  early: 'not open yet',
  on_time: 'open',
  late: 'late (penalty applies)',
  closed: 'closed',
};

/**
 * Dates, submission window, limits and episode counts of an assignment, and the versions of the Python
 * runtime submissions run in (`pythonRuntime`, from the lock every grader installs).
 */
export function AssignmentFacts({ a, pythonRuntime }: { a: Assignment; pythonRuntime?: string }) {
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
      {pythonRuntime && (
        <>
          <dt>Python</dt>
          <dd className="small" data-testid="python-runtime">
            {pythonRuntime}
          </dd>
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
