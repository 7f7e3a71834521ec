import { ticks as d3Ticks, nice, tickStep } from 'd3-array';

/** Evenly spaced round tick values covering an interval. */
export interface NiceTicks {
  /** Distance between ticks: 1, 2 or 5 times a power of ten. */
  step: number;
  /** The ticks, from niceMin to niceMax inclusive. */
  ticks: number[];
  /** Largest multiple of step ≤ the interval's minimum. */
  niceMin: number;
  /** Smallest multiple of step ≥ the interval's maximum. */
  niceMax: number;
}

/** Round ticks (steps of 1, 2 or 5 × 10^k) covering [min, max] with about `count` intervals (d3-array). */
export function niceTicks(min: number, max: number, count = 5): NiceTicks {
  if (!Number.isFinite(min) || !Number.isFinite(max))
    throw new Error(`ticks: expected a finite interval, found [${min}, ${max}]`);
  if (min > max) [min, max] = [max, min];
  if (min === max) {
    const pad = min === 0 ? 1 : Math.abs(min) * 0.1;
    min -= pad;
    max += pad;
  }
  // d3-array's nice / tickStep / ticks (the same routine `critic train`'s SVG plot uses): the step is
  // 1, 2 or 5 × 10^k nearest (max − min) / count, the ticks computed without float noise.
  const n = Math.max(1, count);
  const [niceMin, niceMax] = nice(min, max, n);
  const step = tickStep(niceMin, niceMax, n);
  const ticks = d3Ticks(niceMin, niceMax, n).map((v) => (Object.is(v, -0) ? 0 : v));
  return { step, ticks, niceMin: ticks[0]!, niceMax: ticks.at(-1)! };
}

function decimalsFor(step: number): number {
  return Math.max(0, Math.min(12, -Math.floor(Math.log10(step) + 1e-9)));
}

/** A tick label: as many decimals as the step needs; thousands as k and millions as M when the step allows. */
export function formatTick(value: number, step: number): string {
  const abs = Math.abs(value);
  if (abs >= 1e6 && step >= 1e5) return `${trim((value / 1e6).toFixed(decimalsFor(step / 1e6)))}M`;
  if (abs >= 1e4 && step >= 1e3) return `${trim((value / 1e3).toFixed(decimalsFor(step / 1e3)))}k`;
  const s = value.toFixed(decimalsFor(step));
  return s === '-0' || /^-0\.0*$/.test(s) ? s.slice(1) : s;
}

function trim(s: string): string {
  return s.includes('.') ? s.replace(/\.?0+$/, '') : s;
}

/** A number for prose and tooltips: 3 significant digits, no exponent for everyday magnitudes. */
export function formatValue(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (value === 0) return '0';
  const abs = Math.abs(value);
  if (abs >= 1e6 || abs < 1e-3) return value.toExponential(2);
  return String(Number(value.toPrecision(3)));
}
