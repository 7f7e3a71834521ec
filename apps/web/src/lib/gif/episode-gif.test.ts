import { make, replayEpisode } from '@critic/envs';
import { describe, expect, test } from 'vitest';
import { decodeGif } from './decode';
import { episodeGif } from './episode-gif';
import { rasterizeFrame } from './raster/rasterize';

const rgbOf = (rgba: Uint8ClampedArray) =>
  Uint32Array.from(
    { length: rgba.length / 4 },
    (_, i) => (rgba[4 * i]! << 16) | (rgba[4 * i + 1]! << 8) | rgba[4 * i + 2]!,
  );

/** Plays `policy` from `seed` until the episode ends and returns the actions. */
function playEpisode(envId: string, seed: number, policy: (t: number) => number): number[] {
  const env = make<unknown, number>(envId);
  env.reset({ seed });
  const actions: number[] = [];
  for (let t = 0; ; t++) {
    const r = env.step(policy(t));
    actions.push(policy(t));
    if (r.terminated || r.truncated) return actions;
  }
}

describe('episodeGif', () => {
  test('CartPole: one frame per state, each identical to the rasterized replay frame', () => {
    const actions = playEpisode('CartPole-v1', 3, (t) => (t % 3 === 0 ? 0 : 1));
    const bytes = episodeGif({ envId: 'CartPole-v1', seed: 3, actions }, { width: 240 });
    const gif = decodeGif(bytes);
    const replay = replayEpisode('CartPole-v1', 3, actions);
    expect(gif.frames).toHaveLength(actions.length + 1);
    // CartPole's viewport is 5.76 × 2 units: height 240 · 2 / 5.76 ≈ 83
    expect([gif.width, gif.height]).toEqual([240, 83]);
    // renders at the env's 50 fps: 2 hundredths per frame
    expect(gif.frames.every((f) => f.delayCs === 2)).toBe(true);
    for (const i of [0, Math.floor(actions.length / 2), actions.length]) {
      expect(gif.frames[i]!.screen, `frame ${i}`).toEqual(rgbOf(rasterizeFrame(replay.frames[i]!, 240, 83)));
    }
    // the cart moves, so consecutive frames differ
    expect(gif.frames[1]!.screen).not.toEqual(gif.frames[actions.length]!.screen);
  });

  test('FrozenLake: frame count = steps + 1, agent cell changes, options honoured', () => {
    const actions = playEpisode('FrozenLake-v1', 11, (t) => [1, 2, 2, 1][t % 4]!);
    const gif = decodeGif(
      episodeGif({ envId: 'FrozenLake-v1', seed: 11, actions }, { width: 120, height: 120, fps: 4, loop: 3 }),
    );
    expect(gif.frames).toHaveLength(actions.length + 1);
    expect(gif.loopCount).toBe(3);
    expect(gif.frames[0]!.delayCs).toBe(25);
    const last = replayEpisode('FrozenLake-v1', 11, actions).frames.at(-1)!;
    expect(gif.frames.at(-1)!.screen).toEqual(rgbOf(rasterizeFrame(last, 120, 120)));
  });

  test('a trajectory that goes on after the episode ended is rejected by the replay', () => {
    const actions = playEpisode('CartPole-v1', 0, () => 1);
    expect(() => episodeGif({ envId: 'CartPole-v1', seed: 0, actions: [...actions, 1] })).toThrow(
      /episode ended/,
    );
  });
});
