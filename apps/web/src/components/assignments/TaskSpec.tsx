import type { Assignment } from '~/lib/client/api-types';
import { SpaceView } from './SpaceView';

/** What to build: the environment's spaces (agents) or the functions to write (homework checks). */
export function TaskSpec({ a }: { a: Assignment }) {
  if (a.kind === 'agent') {
    if (!a.env) return null;
    return (
      <div>
        <p>
          Environment <code>{a.env.id}</code>, at most {a.env.maxEpisodeSteps} steps per episode. Export{' '}
          <code>act(observation)</code> returning an action.
        </p>
        <div className="grid-2">
          <div>
            <h3>Observation space</h3>
            <SpaceView space={a.env.observationSpace} />
          </div>
          <div>
            <h3>Action space</h3>
            <SpaceView space={a.env.actionSpace} />
          </div>
        </div>
        {a.publicSeeds && a.publicSeeds.length > 0 && (
          <p className="small muted">
            Public seeds: <code>{a.publicSeeds.slice(0, 10).join(', ')}</code>
            {a.publicSeeds.length > 10 && ' …'}
          </p>
        )}
      </div>
    );
  }
  const checks = a.homework?.items ?? a.homework?.checks ?? [];
  return (
    <div>
      <p>Export these functions from one module:</p>
      {checks.map((c) => (
        <div key={c.id} className="card">
          <h3>
            {c.title} <span className="muted small">({c.points} points)</span>
          </h3>
          <pre className="mono">{c.signature}</pre>
          <p className="small">{c.statement}</p>
        </div>
      ))}
    </div>
  );
}
