import { Rng, type VectorEnv } from '@critic/envs';
import { type MetricsLogger, noopLogger } from '../logger';
import { type ActionSpec, actionSize, actionSpecOf } from '../policies/action-space';
import type { PolicyArtifacts } from '../policies/export';
import type { PolicySnapshot } from '../policies/snapshot';
import { toEnvActions } from './env-actions';

/** Options shared by every algorithm. */
export interface AlgorithmOptions {
  /** Seeds weight init, action sampling, minibatch shuffles and the env (default 0). */
  seed?: number;
  /** Receives every metric; the default drops them. */
  logger?: MetricsLogger;
  /** Env id written into the exported `critic.json` (default "unknown"; the CLI and bench pass the registered id). */
  envId?: string;
}

/** Progress reported after each iteration; return `false` to stop training early. */
export type LearnCallback = (progress: { step: number; totalSteps: number }) => boolean | undefined;

/**
 * The root of every learner: owns the vector env, the seeded Rng, the logger and the global step
 * counter; subclasses implement one iteration (collect + update) at a time.
 */
export abstract class Algorithm<C extends object> {
  readonly config: Readonly<C>;
  readonly action: ActionSpec;
  readonly obsSize: number;
  readonly numEnvs: number;
  /** Env steps taken so far, summed over sub-envs. */
  globalStep = 0;
  protected readonly rng: Rng;
  protected readonly logger: MetricsLogger;
  protected readonly envId: string;
  /** The observation every sub-env will act on next (a copy of the vector env's buffer). */
  protected obs: Float32Array;
  /** 1 where the sub-env ended at the previous step: its next transition is a NEXT_STEP reset, not experience. */
  protected prevDone: Uint8Array;
  private startTime = 0;
  private startStep = 0;

  constructor(
    readonly env: VectorEnv,
    config: C,
    options: AlgorithmOptions = {},
  ) {
    this.config = config;
    const seed = options.seed ?? 0;
    this.rng = new Rng(seed);
    this.logger = options.logger ?? noopLogger;
    this.envId = options.envId ?? 'unknown';
    this.action = actionSpecOf(env.singleActionSpace);
    this.obsSize = env.obsSize;
    this.numEnvs = env.numEnvs;
    if (env.actionSize !== actionSize(this.action)) {
      throw new RangeError(
        `env.actionSize is ${env.actionSize}, the action space implies ${actionSize(this.action)}`,
      );
    }
    this.obs = Float32Array.from(env.reset({ seed }).obs);
    this.prevDone = new Uint8Array(this.numEnvs);
  }

  /** One iteration: collect experience and update; returns nothing, advances `globalStep`. */
  protected abstract iteration(totalSteps: number): void;

  /** Greedy actions (argmax or mean) for n raw observations, as the exported policy would act. */
  abstract greedyActions(obs: Float32Array, n: number): Float32Array;

  /** The trained policy as in-memory TensorFlow.js artifacts plus `critic.json`. */
  abstract exportPolicy(): Promise<PolicyArtifacts>;

  /** A copy of what the greedy policy and its export depend on (network weights, observation statistics). */
  abstract snapshotPolicy(): PolicySnapshot;

  /** Puts a snapshot back: `greedyActions` and `exportPolicy` then act as when it was taken. */
  abstract restorePolicy(snapshot: PolicySnapshot): void;

  /** Frees every tensor and variable the algorithm owns. */
  abstract dispose(): void;

  /** Trains until `totalSteps` env steps (summed over sub-envs) or until `callback` returns false. */
  learn(totalSteps: number, callback?: LearnCallback): void {
    if (!Number.isInteger(totalSteps) || totalSteps <= 0) {
      throw new RangeError(`learn: totalSteps must be a positive integer, found ${String(totalSteps)}`);
    }
    this.startTime = performance.now();
    this.startStep = this.globalStep;
    while (this.globalStep < totalSteps) {
      this.iteration(totalSteps);
      if (callback?.({ step: this.globalStep, totalSteps }) === false) break;
    }
  }

  /** Steps the vector env with the policy's actions (mapped to the env's action space) and logs finished episodes. */
  protected stepEnv(actions: Float32Array): ReturnType<VectorEnv['step']> {
    const res = this.env.step(toEnvActions(this.action, actions));
    this.globalStep += this.numEnvs;
    for (const ep of res.episodes) {
      this.logger.log(this.globalStep, {
        'charts/episodic_return': ep.return,
        'charts/episodic_length': ep.length,
      });
    }
    return res;
  }

  /** Env steps per second since `learn` began (CleanRL's `charts/SPS`). */
  protected sps(): number {
    const seconds = (performance.now() - this.startTime) / 1000;
    return seconds > 0 ? (this.globalStep - this.startStep) / seconds : 0;
  }
}
