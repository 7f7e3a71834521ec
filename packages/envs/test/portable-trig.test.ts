import { expect, test } from 'vitest';
import { portableCos, portableSin } from '../src/portable-trig';
import { Rng } from '../src/rng';

test('portableSin / portableCos are within 1 ulp of Math.sin / Math.cos (and equal to V8 in range)', () => {
  const rng = new Rng(5);
  let differences = 0;
  let worstSin = 0;
  let worstCos = 0;
  for (let i = 0; i < 200_000; i++) {
    const scale = [0.78, 0.3, 0.21, 1e-4, 1e-9][i % 5]!;
    const x = (2 * rng.random() - 1) * scale;
    const s = portableSin(x);
    const c = portableCos(x);
    worstSin = Math.max(worstSin, Math.abs(s - Math.sin(x)) / (Number.EPSILON * Math.abs(Math.sin(x))));
    worstCos = Math.max(worstCos, Math.abs(c - Math.cos(x)) / Number.EPSILON);
    if (s !== Math.sin(x) || c !== Math.cos(x)) differences++;
  }
  expect(worstSin).toBeLessThanOrEqual(1);
  expect(worstCos).toBeLessThanOrEqual(1);
  // V8 computes sin/cos with fdlibm, so in Node the two agree bit for bit
  expect(differences).toBe(0);
});

test('outside [−0.78, 0.78] they defer to Math', () => {
  for (const x of [1, -2.5, 100, Math.PI]) {
    expect(portableSin(x)).toBe(Math.sin(x));
    expect(portableCos(x)).toBe(Math.cos(x));
  }
  expect(Number.isNaN(portableSin(Number.NaN))).toBe(true);
});
