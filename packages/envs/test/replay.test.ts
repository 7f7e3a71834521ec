import { expect, test } from 'vitest';
import { make } from '../src/registry';
import { replayEpisode } from '../src/replay';

test('a replay from seed and actions reproduces the episode and draws every state', () => {
  const env = make<Float32Array, number>('CartPole-v1');
  env.reset({ seed: 9 });
  const actions: number[] = [];
  const rewards: number[] = [];
  let done = false;
  while (!done) {
    const a = actions.length % 3 === 0 ? 0 : 1;
    const r = env.step(a);
    actions.push(a);
    rewards.push(r.reward);
    done = r.terminated || r.truncated;
  }
  const replay = replayEpisode('CartPole-v1', 9, actions);
  expect(replay.frames).toHaveLength(actions.length + 1);
  expect(replay.steps.map((s) => s.reward)).toEqual(rewards);
  expect(replay.steps.at(-1)!.terminated).toBe(true);
  expect(replay.return).toBe(actions.length);
  expect(() => replayEpisode('CartPole-v1', 9, [...actions, 0])).toThrow(
    `the episode ended at step ${actions.length - 1} but 1 more action(s) were given`,
  );
});
