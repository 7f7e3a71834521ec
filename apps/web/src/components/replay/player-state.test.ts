import { describe, expect, test } from 'vitest';
import { cumulativeReturns, initialPlayerState, playerReducer, replayGifName } from './player-state';

describe('playerReducer', () => {
  const start = initialPlayerState(10);

  test('play advances by elapsed time × fps × speed, carrying fractions, and stops on the last frame', () => {
    let s = playerReducer(start, { type: 'toggle' });
    expect(s.playing).toBe(true);
    s = playerReducer(s, { type: 'tick', elapsedMs: 50, fps: 50 }); // 2.5 frames
    expect([s.t, s.carry]).toEqual([2, 0.5]);
    s = playerReducer(s, { type: 'tick', elapsedMs: 10, fps: 50 }); // 0.5 + 0.5
    expect([s.t, s.carry]).toEqual([3, 0]);
    s = playerReducer(playerReducer(s, { type: 'speed', speed: 4 }), {
      type: 'tick',
      elapsedMs: 20,
      fps: 50,
    });
    expect(s.t).toBe(7);
    s = playerReducer(s, { type: 'tick', elapsedMs: 1000, fps: 50 });
    expect([s.t, s.playing]).toEqual([10, false]);
    // play at the end starts over
    s = playerReducer(s, { type: 'toggle' });
    expect([s.t, s.playing]).toEqual([0, true]);
  });

  test('step and seek pause and clamp to [0, last]; ticks do nothing while paused', () => {
    const playing = playerReducer(start, { type: 'toggle' });
    expect(playerReducer(playing, { type: 'step', delta: 1 })).toMatchObject({ t: 1, playing: false });
    expect(playerReducer(start, { type: 'step', delta: -1 }).t).toBe(0);
    expect(playerReducer(start, { type: 'seek', t: 99 }).t).toBe(10);
    expect(playerReducer(start, { type: 'seek', t: 4.6 }).t).toBe(5);
    expect(playerReducer(start, { type: 'tick', elapsedMs: 1000, fps: 50 })).toBe(start);
    const at3 = playerReducer(playerReducer(start, { type: 'seek', t: 3 }), { type: 'toggle' });
    expect(playerReducer(at3, { type: 'tick', elapsedMs: -5, fps: 50 }).t).toBe(3);
  });

  test('an episode with no steps cannot play; load resets the position but keeps the speed', () => {
    expect(playerReducer(initialPlayerState(0), { type: 'toggle' }).playing).toBe(false);
    const fast = playerReducer(playerReducer(start, { type: 'speed', speed: 2 }), { type: 'seek', t: 6 });
    expect(playerReducer(fast, { type: 'load', last: 3 })).toEqual({
      t: 0,
      last: 3,
      playing: false,
      speed: 2,
      carry: 0,
    });
  });
});

describe('cumulativeReturns / replayGifName', () => {
  test('sums rewards step by step, starting from 0 for the reset frame', () => {
    expect(cumulativeReturns([1, 1, -0.5])).toEqual([0, 1, 2, 1.5]);
  });

  test('names the file after env and seed, without path characters', () => {
    expect(replayGifName('CartPole-v1', 42)).toBe('replay-CartPole-v1-42.gif');
    expect(replayGifName('team/../x env', 1)).toBe('replay-team_.._x_env-1.gif');
  });
});
