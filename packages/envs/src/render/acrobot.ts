import type { Frame } from '../types';

/** Acrobot drawn from its state (θ1, θ2, θ̇1, θ̇2): two unit links hanging from the origin, goal line at height 1. */
export function renderAcrobot(state: ArrayLike<number>): Frame {
  const t1 = state[0] ?? 0;
  const t2 = state[1] ?? 0;
  // θ1 = 0 hangs straight down; positions as Gymnasium's renderer (p1 = (sin θ1, −cos θ1)).
  const p1: [number, number] = [Math.sin(t1), -Math.cos(t1)];
  const p2: [number, number] = [p1[0] + Math.sin(t1 + t2), p1[1] - Math.cos(t1 + t2)];
  return {
    viewport: { xMin: -2.2, xMax: 2.2, yMin: -2.2, yMax: 2.2 },
    shapes: [
      {
        kind: 'line',
        points: [
          [-2.2, 1],
          [2.2, 1],
        ],
        stroke: '#000000',
        width: 0.01,
      },
      { kind: 'line', points: [[0, 0], p1], stroke: '#008080', width: 0.1 },
      { kind: 'line', points: [p1, p2], stroke: '#008080', width: 0.1 },
      { kind: 'circle', center: [0, 0], radius: 0.05, fill: '#cccc00' },
      { kind: 'circle', center: p1, radius: 0.05, fill: '#cccc00' },
    ],
  };
}
