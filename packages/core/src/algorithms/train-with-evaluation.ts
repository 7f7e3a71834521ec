import type { VectorEnv } from '@critic/envs';
import type { PolicySnapshot } from '../policies/snapshot';
import type { Algorithm, LearnCallback } from './base';
import { evaluatePolicy } from './evaluate';

/** One evaluation of the greedy policy during training. */
export interface TrainingEvaluation {
  /** Env steps trained when it ran. */
  step: number;
  meanReturn: number;
  stdReturn: number;
}

export interface TrainWithEvaluationOptions {
  /** A vector env of the same id, used only for evaluation (its own seeds, never the training env). */
  evalEnv: VectorEnv;
  /** Env steps between evaluations (one more always runs at the end). */
  evalEvery: number;
  /** Greedy episodes per evaluation. */
  evalEpisodes: number;
  /** Seed of the evaluation resets (every evaluation replays the same episodes, so checkpoints compare fairly). */
  evalSeed: number;
  /** Called after every evaluation. */
  onEvaluation?: (evaluation: TrainingEvaluation, isBest: boolean) => void;
  /** Called after every iteration, as `learn`'s callback (return false to stop). */
  onProgress?: LearnCallback;
}

export interface TrainingOutcome {
  evaluations: TrainingEvaluation[];
  /** The evaluation whose policy the learner holds after training (the best one). */
  best: TrainingEvaluation;
  /** The last evaluation (the policy at the end of the budget). */
  last: TrainingEvaluation;
  /** Whether the best checkpoint was put back because the last policy scored lower. */
  restoredBest: boolean;
  /** Wall seconds spent in evaluations (to tell training speed apart). */
  evalSeconds: number;
}

/**
 * Trains `agent` for `totalSteps` env steps while evaluating its greedy policy every `evalEvery`
 * steps and at the end, keeping a copy of the best one and putting it back at the end when the
 * last policy scored lower (SB3's EvalCallback with `best_model`). Why: on-policy learners and
 * DQN can lose a solved policy late in a run (a collapse after the return saturates), and what a
 * user exports is then worse than what the run achieved; the kept checkpoint is what gets exported.
 * A checkpoint replaces the best only when it scores strictly higher (ties keep the earlier one).
 */
export function trainWithEvaluation(
  agent: Algorithm<object>,
  totalSteps: number,
  options: TrainWithEvaluationOptions,
): TrainingOutcome {
  if (!Number.isInteger(options.evalEvery) || options.evalEvery <= 0) {
    throw new RangeError(
      `trainWithEvaluation: evalEvery must be a positive integer, found ${String(options.evalEvery)}`,
    );
  }
  const evaluations: TrainingEvaluation[] = [];
  let best: TrainingEvaluation | undefined;
  let bestSnapshot: PolicySnapshot | undefined;
  let evalMs = 0;
  const evaluate = (): TrainingEvaluation => {
    const t0 = performance.now();
    const r = evaluatePolicy(options.evalEnv, (o, n) => agent.greedyActions(o, n), {
      episodes: options.evalEpisodes,
      seed: options.evalSeed,
      action: agent.action,
    });
    const e = { step: agent.globalStep, meanReturn: r.meanReturn, stdReturn: r.stdReturn };
    evaluations.push(e);
    const isBest = best === undefined || e.meanReturn > best.meanReturn;
    if (isBest) {
      best = e;
      bestSnapshot = agent.snapshotPolicy();
    }
    evalMs += performance.now() - t0;
    options.onEvaluation?.(e, isBest);
    return e;
  };
  let nextEval = agent.globalStep + options.evalEvery;
  agent.learn(totalSteps, (progress) => {
    if (progress.step >= nextEval) {
      evaluate();
      while (nextEval <= progress.step) nextEval += options.evalEvery;
    }
    return options.onProgress?.(progress);
  });
  const lastEvaluated = evaluations.at(-1);
  const last =
    lastEvaluated !== undefined && lastEvaluated.step === agent.globalStep ? lastEvaluated : evaluate();
  const restoredBest = best !== last;
  if (restoredBest) agent.restorePolicy(bestSnapshot!);
  return { evaluations, best: best!, last, restoredBest, evalSeconds: evalMs / 1000 };
}
