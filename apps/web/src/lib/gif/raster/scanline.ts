/** A point in pixel coordinates. */
export type Point = readonly [number, number];

/** Receives one horizontal run of covered pixels: row y, columns x0 ≤ x < x1 (already clipped). */
export type SpanSink = (y: number, x0: number, x1: number) => void;

/**
 * Fills the union of closed `rings` with the nonzero winding rule, sampling at pixel centres
 * (pixel (x, y) is covered when (x + ½, y + ½) is inside), clipped to width×height.
 */
export function fillRings(
  rings: readonly (readonly Point[])[],
  width: number,
  height: number,
  sink: SpanSink,
): void {
  let yMin = Number.POSITIVE_INFINITY;
  let yMax = Number.NEGATIVE_INFINITY;
  for (const ring of rings) {
    for (const [, y] of ring) {
      if (y < yMin) yMin = y;
      if (y > yMax) yMax = y;
    }
  }
  const rowStart = Math.max(0, Math.ceil(yMin - 0.5));
  const rowEnd = Math.min(height - 1, Math.ceil(yMax - 0.5) - 1);
  const crossings: { x: number; dir: number }[] = [];
  for (let y = rowStart; y <= rowEnd; y++) {
    const sy = y + 0.5;
    crossings.length = 0;
    for (const ring of rings) {
      const n = ring.length;
      for (let i = 0; i < n; i++) {
        const [x0, y0] = ring[i]!;
        const [x1, y1] = ring[(i + 1) % n]!;
        if (y0 === y1) continue;
        const upward = y0 < y1;
        if (upward ? sy >= y0 && sy < y1 : sy >= y1 && sy < y0) {
          crossings.push({ x: x0 + ((sy - y0) * (x1 - x0)) / (y1 - y0), dir: upward ? 1 : -1 });
        }
      }
    }
    crossings.sort((a, b) => a.x - b.x);
    let winding = 0;
    for (let i = 0; i < crossings.length - 1; i++) {
      winding += crossings[i]!.dir;
      if (winding === 0) continue;
      const x0 = Math.max(0, Math.ceil(crossings[i]!.x - 0.5));
      const x1 = Math.min(width, Math.ceil(crossings[i + 1]!.x - 0.5));
      if (x1 > x0) sink(y, x0, x1);
    }
  }
}

/** Fills the disc of radius r around (cx, cy) (pixel centres within r), clipped to width×height. */
export function fillDisc(
  cx: number,
  cy: number,
  r: number,
  width: number,
  height: number,
  sink: SpanSink,
): void {
  const rowStart = Math.max(0, Math.ceil(cy - r - 0.5));
  const rowEnd = Math.min(height - 1, Math.floor(cy + r - 0.5));
  for (let y = rowStart; y <= rowEnd; y++) {
    const dy = y + 0.5 - cy;
    const half = Math.sqrt(Math.max(0, r * r - dy * dy));
    const x0 = Math.max(0, Math.ceil(cx - half - 0.5));
    const x1 = Math.min(width, Math.floor(cx + half - 0.5) + 1);
    if (x1 > x0) sink(y, x0, x1);
  }
}

/** The quadrilateral covering segment a→b widened by `half` on each side (empty for a zero-length segment). */
export function segmentQuad(a: Point, b: Point, half: number): Point[] {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const len = Math.hypot(dx, dy);
  if (len === 0) return [];
  const nx = (-dy / len) * half;
  const ny = (dx / len) * half;
  return [
    [a[0] + nx, a[1] + ny],
    [b[0] + nx, b[1] + ny],
    [b[0] - nx, b[1] - ny],
    [a[0] - nx, a[1] - ny],
  ];
}
