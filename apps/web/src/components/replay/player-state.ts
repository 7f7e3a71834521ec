/** The replay player's state: which frame is shown, whether it plays, how fast. */
export interface PlayerState {
  /** Index of the frame shown (0 = the reset state). */
  t: number;
  /** Index of the last frame (= number of steps). */
  last: number;
  /** Whether playback is running. */
  playing: boolean;
  /** Playback speed as a multiple of the env's render fps. */
  speed: number;
  /** Fraction of a frame carried over between ticks. */
  carry: number;
}

/** What the player's controls and clock do to its state. */
export type PlayerAction =
  | { type: 'load'; last: number }
  | { type: 'toggle' }
  | { type: 'pause' }
  | { type: 'step'; delta: number }
  | { type: 'seek'; t: number }
  | { type: 'speed'; speed: number }
  | { type: 'tick'; elapsedMs: number; fps: number };

/** Playback speeds offered. */
export const SPEEDS = [0.25, 0.5, 1, 2, 4] as const;

/** A paused player on the first frame of an episode with `last` steps. */
export function initialPlayerState(last: number): PlayerState {
  return { t: 0, last: Math.max(0, last), playing: false, speed: 1, carry: 0 };
}

/** The state after `action`: stepping and seeking pause and clamp; ticks advance by elapsed·fps·speed frames and stop at the end; play at the end restarts. */
export function playerReducer(state: PlayerState, action: PlayerAction): PlayerState {
  const clamp = (t: number) => Math.min(state.last, Math.max(0, Math.round(t)));
  switch (action.type) {
    case 'load':
      return { ...initialPlayerState(action.last), speed: state.speed };
    case 'toggle':
      if (state.playing) return { ...state, playing: false, carry: 0 };
      return { ...state, playing: state.last > 0, t: state.t >= state.last ? 0 : state.t, carry: 0 };
    case 'pause':
      return { ...state, playing: false, carry: 0 };
    case 'step':
      return { ...state, playing: false, carry: 0, t: clamp(state.t + action.delta) };
    case 'seek':
      return { ...state, playing: false, carry: 0, t: clamp(action.t) };
    case 'speed':
      return { ...state, speed: action.speed };
    case 'tick': {
      if (!state.playing) return state;
      // a requestAnimationFrame timestamp can precede the clock read that started playback: never go back
      const advance = state.carry + (Math.max(0, action.elapsedMs) / 1000) * action.fps * state.speed;
      const whole = Math.floor(advance);
      const t = state.t + whole;
      if (t >= state.last) return { ...state, t: state.last, playing: false, carry: 0 };
      return { ...state, t, carry: advance - whole };
    }
  }
}

/** The return accumulated after each number of steps: out[t] = r_1 + … + r_t (out[0] = 0). */
export function cumulativeReturns(rewards: readonly number[]): number[] {
  const out = [0];
  for (const r of rewards) out.push(out.at(-1)! + r);
  return out;
}

/** The download name of an episode's GIF: `replay-<env>-<seed>.gif`, unsafe characters replaced by "_". */
export function replayGifName(envId: string, seed: number): string {
  return `replay-${envId}-${seed}.gif`.replace(/[^\w.-]/g, '_');
}
