import type { Assignment } from '~/lib/client/api-contract';
import { HomeworkSpec } from '../homework/HomeworkSpec';
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
  return <HomeworkSpec checks={a.homework?.checks ?? []} />;
}
