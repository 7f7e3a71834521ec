import type { Rng } from '@critic/envs';

/** Fisher–Yates shuffle in place, through the seeded `rng`. */
export function shuffleInPlace(a: Int32Array, rng: Rng): Int32Array {
  for (let i = a.length - 1; i > 0; i--) {
    const j = rng.integer(i + 1);
    const t = a[i]!;
    a[i] = a[j]!;
    a[j] = t;
  }
  return a;
}

/** Splits n items into the count of near-equal minibatches closest to `size` each: [start, end) pairs. */
export function minibatchRanges(n: number, size: number): [number, number][] {
  const count = Math.max(1, Math.round(n / size));
  const chunk = Math.ceil(n / count);
  const out: [number, number][] = [];
  for (let s = 0; s < n; s += chunk) out.push([s, Math.min(n, s + chunk)]);
  return out;
}
