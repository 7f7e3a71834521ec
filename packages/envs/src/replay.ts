import { EnvError } from './errors';
import { make } from './registry';
import type { Action, Frame, Info } from './types';

/** One replayed step. */
export interface ReplayStep {
  reward: number;
  terminated: boolean;
  truncated: boolean;
  info: Info;
}

/** A replayed episode: a frame for the reset state and one after every step. */
export interface Replay {
  frames: Frame[];
  steps: ReplayStep[];
  /** Undiscounted return of the replayed steps. */
  return: number;
}

/**
 * Re-runs an episode of a registered env from its seed and actions (the envs are deterministic, so
 * that is all a replay needs) and draws every state. Stops early, with an error, if the actions go
 * on after the episode ended.
 */
export function replayEpisode(
  id: string,
  seed: number,
  actions: readonly Action[],
  options?: Record<string, unknown>,
): Replay {
  const env = make<unknown, Action>(id);
  env.reset({ seed, ...(options ? { options } : {}) });
  const frames: Frame[] = [env.render()];
  const steps: ReplayStep[] = [];
  let total = 0;
  for (let t = 0; t < actions.length; t++) {
    if (t > 0 && (steps[t - 1]!.terminated || steps[t - 1]!.truncated)) {
      throw new EnvError(
        'invalid_argument',
        `replayEpisode(${id}): the episode ended at step ${t - 1} but ${actions.length - t} more action(s) were given`,
      );
    }
    const r = env.step(actions[t]!);
    steps.push({ reward: r.reward, terminated: r.terminated, truncated: r.truncated, info: r.info });
    frames.push(env.render());
    total += r.reward;
  }
  env.close();
  return { frames, steps, return: total };
}
