// A grader worker that trains baselines, for the walks that follow baselines to the board.
import path from 'node:path';
import { inject } from 'vitest';
import { type Child, startGrader } from './child-process';

/**
 * Starts a second grader worker with two baseline slots (the run's own takes no baseline jobs, so the
 * other walks see theirs stay queued); stop it when the walk ends. It takes every queued baseline
 * job, those an earlier walk left included, oldest first.
 */
export function startBaselineWorker(): Child {
  const grader = inject('grader');
  return startGrader(
    {
      dir: grader.dir,
      env: { ...grader.env, CRITIC_GRADER_BASELINE_SLOTS: '2', CRITIC_GRADER_CONCURRENCY: '1' },
    },
    'baseline grader',
    path.join(inject('artifactsDir'), 'grader-baselines.log'),
  );
}
