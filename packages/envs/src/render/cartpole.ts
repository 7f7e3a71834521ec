import type { Frame } from '../types';

const TRACK_HALF = 2.4 * 1.2;
const CART_W = 0.4;
const CART_H = 0.24;
const POLE_LEN = 1.0; // 2 × half-length l
const POLE_W = 0.08;

/** CartPole drawn from its state (x, ẋ, θ, θ̇): track, cart, pole (θ = 0 is upright, positive leans right). */
export function renderCartPole(state: ArrayLike<number>): Frame {
  const x = state[0] ?? 0;
  const theta = state[2] ?? 0;
  const axleY = CART_H * 0.75;
  const tipX = x + POLE_LEN * Math.sin(theta);
  const tipY = axleY + POLE_LEN * Math.cos(theta);
  // the pole as a quadrilateral of width POLE_W around the axle→tip segment
  const nx = (Math.cos(theta) * POLE_W) / 2;
  const ny = (-Math.sin(theta) * POLE_W) / 2;
  return {
    viewport: { xMin: -TRACK_HALF, xMax: TRACK_HALF, yMin: -0.4, yMax: 1.6 },
    shapes: [
      {
        kind: 'line',
        points: [
          [-TRACK_HALF, 0],
          [TRACK_HALF, 0],
        ],
        stroke: '#000000',
        width: 0.01,
      },
      {
        kind: 'polygon',
        points: [
          [x - CART_W / 2, 0],
          [x + CART_W / 2, 0],
          [x + CART_W / 2, CART_H],
          [x - CART_W / 2, CART_H],
        ],
        fill: '#000000',
      },
      {
        kind: 'polygon',
        points: [
          [x - nx, axleY - ny],
          [x + nx, axleY + ny],
          [tipX + nx, tipY + ny],
          [tipX - nx, tipY - ny],
        ],
        fill: '#ca9865',
      },
      { kind: 'circle', center: [x, axleY], radius: POLE_W / 2, fill: '#8184cb' },
    ],
  };
}
