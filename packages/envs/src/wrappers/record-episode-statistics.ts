import { EnvError } from '../errors';
import type { Action, Env, Observation, ResetOptions, ResetResult, StepResult } from '../types';
import { Wrapper } from './wrapper';

/** One finished episode's statistics, as Gymnasium's `info["episode"]`. */
export interface EpisodeStatistics {
  /** Undiscounted return. */
  r: number;
  /** Length in steps. */
  l: number;
  /** Wall time of the episode in seconds, from the injected clock. */
  t: number;
}

export interface RecordEpisodeStatisticsOptions {
  /** How many recent episodes `returnQueue` / `lengthQueue` keep (default 100). */
  bufferLength?: number;
  /** Clock in milliseconds (default `performance.now`, 0 where absent). */
  clock?: () => number;
}

/**
 * Gymnasium's `RecordEpisodeStatistics`: when an episode ends (terminated or truncated) the step's
 * `info.episode` is `{ r, l, t }`, and the episode joins `returnQueue` / `lengthQueue`.
 */
export class RecordEpisodeStatistics<O = Observation, A = Action> extends Wrapper<O, A> {
  readonly returnQueue: number[] = [];
  readonly lengthQueue: number[] = [];
  readonly bufferLength: number;
  private readonly clock: () => number;
  private episodeReturn = 0;
  private episodeLength = 0;
  private episodeStart = 0;

  constructor(env: Env<O, A>, options: RecordEpisodeStatisticsOptions = {}) {
    super(env);
    this.bufferLength = options.bufferLength ?? 100;
    if (!Number.isSafeInteger(this.bufferLength) || this.bufferLength <= 0) {
      throw new EnvError(
        'invalid_argument',
        `RecordEpisodeStatistics: bufferLength must be a positive integer, found ${String(options.bufferLength)}`,
      );
    }
    const perf = (globalThis as { performance?: { now(): number } }).performance;
    this.clock = options.clock ?? (() => perf?.now() ?? 0);
  }

  override reset(opts?: ResetOptions): ResetResult<O> {
    const result = this.env.reset(opts);
    this.episodeReturn = 0;
    this.episodeLength = 0;
    this.episodeStart = this.clock();
    return result;
  }

  override step(action: A): StepResult<O> {
    const result = this.env.step(action);
    this.episodeReturn += result.reward;
    this.episodeLength++;
    if (result.terminated || result.truncated) {
      const episode: EpisodeStatistics = {
        r: this.episodeReturn,
        l: this.episodeLength,
        t: Math.round((this.clock() - this.episodeStart) * 1000) / 1e6, // seconds, 6 decimals as Gymnasium
      };
      result.info = { ...result.info, episode };
      push(this.returnQueue, episode.r, this.bufferLength);
      push(this.lengthQueue, episode.l, this.bufferLength);
      this.episodeReturn = 0;
      this.episodeLength = 0;
      this.episodeStart = this.clock();
    }
    return result;
  }
}

function push(queue: number[], value: number, max: number): void {
  queue.push(value);
  if (queue.length > max) queue.shift();
}
