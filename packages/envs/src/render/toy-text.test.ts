import { describe, expect, test } from 'vitest';
import { frameProblem } from '../check/frame-check';
import { make, renderFrame } from '../registry';
import { replayEpisode } from '../replay';
import { Rng } from '../rng';
import { BlackjackEnv } from '../toy-text/blackjack';
import { encodeTaxi } from '../toy-text/taxi-map';
import type { Frame, Shape } from '../types';
import { renderFrozenLake } from './frozen-lake';

type Circle = Extract<Shape, { kind: 'circle' }>;
type Polygon = Extract<Shape, { kind: 'polygon' }>;

const circles = (f: Frame) => f.shapes.filter((s): s is Circle => s.kind === 'circle');
const polygonsFilled = (f: Frame, fill: string) =>
  f.shapes.filter((s): s is Polygon => s.kind === 'polygon' && s.fill === fill);
const centre = (p: Polygon): [number, number] => [
  p.points.reduce((a, q) => a + q[0], 0) / p.points.length,
  p.points.reduce((a, q) => a + q[1], 0) / p.points.length,
];
const texts = (f: Frame) => f.shapes.flatMap((s) => (s.kind === 'text' ? [s.text] : []));

describe('toy-text frames', () => {
  test('FrozenLake: one cell per map letter, holes where the map has H, the agent in cell s', () => {
    const desc = ['SFFF', 'FHFH', 'FFFH', 'HFFG'];
    for (const s of [0, 6, 14]) {
      const f = renderFrozenLake(desc, s);
      expect(frameProblem(f)).toBeUndefined();
      expect(f.viewport).toEqual({ xMin: 0, xMax: 4, yMin: 0, yMax: 4 });
      const holes = polygonsFilled(f, '#1b2631').map(centre);
      expect(holes).toEqual([
        [1.5, 2.5],
        [3.5, 2.5],
        [3.5, 1.5],
        [0.5, 0.5],
      ]);
      const [agent] = circles(f);
      expect(agent!.center).toEqual([(s % 4) + 0.5, 4 - Math.floor(s / 4) - 0.5]);
    }
    expect(texts(renderFrozenLake(desc, 0))).toEqual(['S', 'H', 'H', 'H', 'H', 'G']);
  });

  test('CliffWalking: ten cliff cells on the bottom row; the agent starts bottom-left', () => {
    const env = make<number, number>('CliffWalking-v1');
    env.reset({ seed: 0 });
    const f = env.render();
    expect(polygonsFilled(f, '#6e2c00').map((p) => centre(p)[1])).toEqual(new Array(10).fill(0.5));
    expect(circles(f)[0]!.center).toEqual([0.5, 0.5]);
    env.step(0);
    expect(circles(env.render())[0]!.center).toEqual([0.5, 1.5]);
  });

  test('Taxi: the taxi square is in its cell, the passenger at its stand or inside the taxi', () => {
    const waiting = renderFrame('Taxi-v4', [
      encodeTaxi({ taxiRow: 2, taxiCol: 3, passenger: 3, destination: 0 }),
    ]);
    const taxi = polygonsFilled(waiting, '#f7dc6f');
    expect(taxi.map(centre)).toEqual([[3.5, 2.5]]);
    // stand B is (4, 3)
    expect(circles(waiting)[0]!.center).toEqual([3.5, 0.5]);
    expect(texts(waiting)).toEqual(['R', 'G', 'Y', 'B']);
    expect(waiting.shapes.filter((s) => s.kind === 'line')).toHaveLength(6);
    const riding = renderFrame('Taxi-v4', [
      encodeTaxi({ taxiRow: 1, taxiCol: 1, passenger: 4, destination: 2 }),
    ]);
    expect(circles(riding)[0]!.center).toEqual([1.5, 3.5]);
    // the destination stand (Y) is the one outlined in black
    const outlined = riding.shapes.filter((s): s is Polygon => s.kind === 'polygon' && s.fill === '#f1c40f');
    expect(outlined[0]!.stroke).toBe('#000000');
  });

  test("Blackjack: the dealer's second card is face down until the player sticks", () => {
    const env = new BlackjackEnv();
    env.reset({ seed: 0 });
    env.setState([0, 2, 1, 6, 10, 7]);
    const before = env.render();
    expect(frameProblem(before)).toBeUndefined();
    expect(texts(before)).toEqual(['Dealer', 'Player', '10', 'A', '6', 'Sum 17', 'usable ace']);
    expect(polygonsFilled(before, '#922b21')).toHaveLength(1);
    env.step(0);
    const after = env.render();
    expect(polygonsFilled(after, '#922b21')).toHaveLength(0);
    expect(texts(after).slice(2, 4)).toEqual(['10', '7']);
  });

  test('replayEpisode re-runs toy-text episodes from seed and actions, a frame per state', () => {
    for (const id of ['FrozenLake-v1', 'FrozenLake8x8-v1', 'Taxi-v4', 'CliffWalking-v1', 'Blackjack-v1']) {
      const env = make<number, number>(id);
      const rng = new Rng(3);
      env.reset({ seed: 21 });
      const actions: number[] = [];
      const rewards: number[] = [];
      const frames: Frame[] = [env.render()];
      for (let t = 0; t < 60; t++) {
        const a = env.actionSpace.sample(rng);
        const r = env.step(a);
        actions.push(a);
        rewards.push(r.reward);
        frames.push(env.render());
        if (r.terminated || r.truncated) break;
      }
      const replay = replayEpisode(id, 21, actions);
      expect(
        replay.steps.map((s) => s.reward),
        id,
      ).toEqual(rewards);
      expect(replay.frames, id).toEqual(frames);
    }
  });
});
