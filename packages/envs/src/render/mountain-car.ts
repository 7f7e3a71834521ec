import type { Frame, Shape } from '../types';

const MIN_X = -1.2;
const MAX_X = 0.6;

/** The hill's height at position x, as Gymnasium's renderer: sin(3x)·0.45 + 0.55. */
export function mountainHeight(x: number): number {
  return Math.sin(3 * x) * 0.45 + 0.55;
}

/** MountainCar (both variants) drawn from its state (position, velocity); `goal` is the flag's position. */
export function renderMountainCar(state: ArrayLike<number>, goal = 0.5): Frame {
  const pos = state[0] ?? 0;
  const hill: [number, number][] = [];
  for (let i = 0; i <= 100; i++) {
    const x = MIN_X + ((MAX_X - MIN_X) * i) / 100;
    hill.push([x, mountainHeight(x)]);
  }
  const angle = Math.atan(Math.cos(3 * pos) * 1.35); // slope of the hill at pos
  const c = Math.cos(angle);
  const s = Math.sin(angle);
  const body: [number, number][] = [
    [-0.06, 0.01],
    [0.06, 0.01],
    [0.06, 0.05],
    [-0.06, 0.05],
  ].map(([dx, dy]) => [pos + dx! * c - dy! * s, mountainHeight(pos) + dx! * s + dy! * c]);
  const flagY = mountainHeight(goal);
  const shapes: Shape[] = [
    { kind: 'line', points: hill, stroke: '#000000', width: 0.01 },
    {
      kind: 'line',
      points: [
        [goal, flagY],
        [goal, flagY + 0.1],
      ],
      stroke: '#000000',
      width: 0.005,
    },
    {
      kind: 'polygon',
      points: [
        [goal, flagY + 0.1],
        [goal, flagY + 0.075],
        [goal + 0.05, flagY + 0.0875],
      ],
      fill: '#cccc00',
    },
    { kind: 'polygon', points: body, fill: '#000000' },
  ];
  return { viewport: { xMin: MIN_X, xMax: MAX_X, yMin: 0, yMax: 1.1 }, shapes };
}
