import { type Action, make, replayEpisode } from '@critic/envs';
import { type FramesGifOptions, framesGifSync } from './frames-gif';

/** A recorded episode, as the trajectory endpoint returns it. */
export interface EpisodeRef {
  /** Registered env id, e.g. "CartPole-v1". */
  envId: string;
  /** The episode's reset seed. */
  seed: number;
  /** The actions taken, in order. */
  actions: readonly Action[];
}

/**
 * The episode as an animated GIF (server or browser): replays it with the grader's env code, draws
 * every state (steps + 1 frames) and encodes them; fps defaults to the env's own render fps.
 */
export function episodeGif(episode: EpisodeRef, options: FramesGifOptions = {}): Uint8Array {
  const replay = replayEpisode(episode.envId, episode.seed, episode.actions);
  const fps = options.fps ?? make(episode.envId).metadata.renderFps;
  return framesGifSync(replay.frames, { ...options, fps });
}
