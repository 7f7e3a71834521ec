/** A linear map from a data interval onto a pixel interval. */
export interface LinearScale {
  (value: number): number;
  /** The data interval [d0, d1]. */
  domain: readonly [number, number];
  /** The pixel interval [r0, r1]. */
  range: readonly [number, number];
  /** The data value at pixel `px`. */
  invert(px: number): number;
}

/** The scale mapping domain → range linearly (a degenerate domain is widened by ±0.5 around its value). */
export function linearScale(
  domain: readonly [number, number],
  range: readonly [number, number],
): LinearScale {
  let [d0, d1] = domain;
  if (!Number.isFinite(d0) || !Number.isFinite(d1))
    throw new Error(`scale domain: expected finite numbers, found [${d0}, ${d1}]`);
  if (d0 === d1) {
    d0 -= 0.5;
    d1 += 0.5;
  }
  const [r0, r1] = range;
  const k = (r1 - r0) / (d1 - d0);
  const scale = ((v: number) => r0 + (v - d0) * k) as LinearScale;
  scale.domain = [d0, d1];
  scale.range = [r0, r1];
  scale.invert = (px: number) => d0 + (px - r0) / k;
  return scale;
}

/** [min, max] of the finite values among `groups` (undefined when there are none). */
export function extentOf(...groups: readonly (readonly number[])[]): [number, number] | undefined {
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (const g of groups) {
    for (const v of g) {
      if (!Number.isFinite(v)) continue;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  }
  return lo <= hi ? [lo, hi] : undefined;
}
