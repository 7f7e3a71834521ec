import type { Frame, Shape } from '../types';

/** The bandit drawn from [q*(0…k−1), last action]: one bar per arm, the last pulled arm highlighted. */
export function renderBandit(state: ArrayLike<number>): Frame {
  const k = state.length - 1;
  const last = state[k] ?? -1;
  const shapes: Shape[] = [
    {
      kind: 'line',
      points: [
        [0, 0],
        [k, 0],
      ],
      stroke: '#000000',
      width: 0.02,
    },
  ];
  let top = 1;
  for (let a = 0; a < k; a++) {
    const q = state[a] ?? 0;
    top = Math.max(top, Math.abs(q));
    shapes.push({
      kind: 'polygon',
      points: [
        [a + 0.15, 0],
        [a + 0.85, 0],
        [a + 0.85, q],
        [a + 0.15, q],
      ],
      fill: a === last ? '#d62728' : '#1f77b4',
    });
  }
  return { viewport: { xMin: 0, xMax: Math.max(k, 1), yMin: -top * 1.1, yMax: top * 1.1 }, shapes };
}

/** The single-state continuous problem drawn from [goal, last action] on the action axis [−bound, bound]. */
export function renderQuadraticGoal(state: ArrayLike<number>, bound: number): Frame {
  const goal = state[0] ?? 0;
  const action = state[1] ?? Number.NaN;
  const shapes: Shape[] = [
    {
      kind: 'line',
      points: [
        [-bound, 0],
        [bound, 0],
      ],
      stroke: '#000000',
      width: 0.02,
    },
    {
      kind: 'line',
      points: [
        [goal, -0.5],
        [goal, 0.5],
      ],
      stroke: '#2ca02c',
      width: 0.04,
    },
  ];
  if (Number.isFinite(action)) {
    shapes.push({ kind: 'circle', center: [action, 0], radius: 0.15, fill: '#d62728' });
  }
  return { viewport: { xMin: -bound, xMax: bound, yMin: -1, yMax: 1 }, shapes };
}
