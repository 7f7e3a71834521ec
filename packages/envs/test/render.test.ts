import { describe, expect, test } from 'vitest';
import { frameProblem } from '../src/check/frame-check';
import { listEnvs, make, renderFrame } from '../src/registry';
import { renderCartPole } from '../src/render/cartpole';
import { renderPendulum } from '../src/render/pendulum';
import { Rng } from '../src/rng';
import type { Shape } from '../src/types';

describe('render', () => {
  test('every registered env renders valid frames along an episode', () => {
    for (const { id } of listEnvs()) {
      const env = make(id);
      const rng = new Rng(1);
      env.reset({ seed: 1 });
      expect(frameProblem(env.render()), id).toBeUndefined();
      for (let t = 0; t < 50; t++) {
        const r = env.step(env.actionSpace.sample(rng));
        expect(frameProblem(env.render()), `${id} step ${t}`).toBeUndefined();
        if (r.terminated || r.truncated) env.reset();
      }
      expect(env.render()).toEqual(JSON.parse(JSON.stringify(env.render())));
    }
  });

  test('the CartPole frame follows the state: cart at x, pole tip at angle θ', () => {
    const frame = renderCartPole([1, 0, Math.PI / 6, 0]);
    const [track, cart, pole] = frame.shapes as [
      Shape,
      Shape & { points: [number, number][] },
      Shape & { points: [number, number][] },
    ];
    expect(track.kind).toBe('line');
    const cartXs = cart.points.map((p) => p[0]);
    expect((Math.min(...cartXs) + Math.max(...cartXs)) / 2).toBeCloseTo(1, 12);
    // the pole's far edge midpoint is 1 unit from the axle at 30° from vertical
    const tip = [
      (pole.points[2]![0] + pole.points[3]![0]) / 2,
      (pole.points[2]![1] + pole.points[3]![1]) / 2,
    ];
    const base = [
      (pole.points[0]![0] + pole.points[1]![0]) / 2,
      (pole.points[0]![1] + pole.points[1]![1]) / 2,
    ];
    expect(Math.atan2(tip[0]! - base[0]!, tip[1]! - base[1]!)).toBeCloseTo(Math.PI / 6, 12);
  });

  test('the Pendulum frame points up at θ = 0 and down at θ = π; replays draw from a state', () => {
    const up = renderPendulum([0, 0]).shapes[0] as { points: [number, number][] };
    expect(up.points[1]![1]).toBeCloseTo(1, 12);
    const down = renderFrame('Pendulum-v1', [Math.PI, 0]).shapes[0] as { points: [number, number][] };
    expect(down.points[1]![1]).toBeCloseTo(-1, 12);
  });
});
