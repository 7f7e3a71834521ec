import type { Frame, Shape } from '../types';

/** Pendulum drawn from its state (θ, θ̇): θ = 0 points up; `lastTorque` (if any) draws an arrow of that size. */
export function renderPendulum(state: ArrayLike<number>, lastTorque?: number): Frame {
  const th = state[0] ?? 0;
  const tip: [number, number] = [Math.sin(th), Math.cos(th)];
  const shapes: Shape[] = [
    { kind: 'line', points: [[0, 0], tip], stroke: '#cc4c4c', width: 0.2 },
    { kind: 'circle', center: [0, 0], radius: 0.05, fill: '#000000' },
  ];
  if (lastTorque !== undefined && lastTorque !== 0) {
    // an arc of radius 0.5 whose sweep is proportional to the torque
    const sweep = (lastTorque / 2) * Math.PI * 0.75;
    const arc: [number, number][] = [];
    for (let i = 0; i <= 16; i++) {
      const a = Math.PI / 2 + (sweep * i) / 16;
      arc.push([0.5 * Math.cos(a), 0.5 * Math.sin(a)]);
    }
    shapes.push({ kind: 'line', points: arc, stroke: '#333333', width: 0.03 });
  }
  return { viewport: { xMin: -2.2, xMax: 2.2, yMin: -2.2, yMax: 2.2 }, shapes };
}
