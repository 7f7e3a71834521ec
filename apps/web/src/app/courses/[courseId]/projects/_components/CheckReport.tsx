import type { CustomEnvView } from '~/lib/client/api-contract';
import { DeleteEnvButton } from './DeleteEnvButton';

/** A custom env's status and every check of its sandboxed checkEnv report, failures with the checker's message. */
export function CheckReport({ env, courseId }: { env: CustomEnvView; courseId?: string }) {
  return (
    <div className="card" data-testid="env-report" data-env={env.envId} data-status={env.status}>
      <p>
        <code>{env.envId}</code> — <strong data-testid="env-status">{env.status}</strong>
        {env.maxEpisodeSteps !== null && (
          <span className="muted small"> (episodes cut at {env.maxEpisodeSteps} steps)</span>
        )}
        {courseId !== undefined && env.status === 'rejected' && (
          <>
            {' '}
            <DeleteEnvButton courseId={courseId} envId={env.envId} id={env.id} />
          </>
        )}
      </p>
      {env.report === null ? (
        <p className="muted" data-testid="env-check-waiting">
          {env.status === 'running'
            ? 'The grader is checking it in its sandbox…'
            : 'Waiting for a grader to check it…'}
        </p>
      ) : (
        <ul>
          {env.report.checks.map((c) => (
            <li key={`${c.name}:${c.message ?? ''}`} data-testid={c.passed ? 'check-passed' : 'check-failed'}>
              {c.passed ? '✓' : '✗'} <code>{c.name}</code>
              {c.message && <span className={c.passed ? 'muted small' : 'error'}> {c.message}</span>}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
