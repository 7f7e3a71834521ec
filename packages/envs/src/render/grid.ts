import type { Frame, Shape } from '../types';

/** A grid of unit cells drawn with row 0 at the top: cell (row, col) spans x ∈ [col, col+1], y ∈ [nrow−row−1, nrow−row]. */
export interface GridGeometry {
  nrow: number;
  ncol: number;
}

/** The square of cell (row, col), shrunk by `inset` on every side. */
export function cellSquare(
  g: GridGeometry,
  row: number,
  col: number,
  fill: string,
  inset = 0,
  stroke?: string,
): Shape {
  const y0 = g.nrow - row - 1;
  return {
    kind: 'polygon',
    points: [
      [col + inset, y0 + inset],
      [col + 1 - inset, y0 + inset],
      [col + 1 - inset, y0 + 1 - inset],
      [col + inset, y0 + 1 - inset],
    ],
    fill,
    ...(stroke ? { stroke } : {}),
  };
}

/** The centre of cell (row, col). */
export function cellCenter(g: GridGeometry, row: number, col: number): [number, number] {
  return [col + 0.5, g.nrow - row - 0.5];
}

/** A frame whose viewport is the whole grid. */
export function gridFrame(g: GridGeometry, shapes: Shape[]): Frame {
  return { viewport: { xMin: 0, xMax: g.ncol, yMin: 0, yMax: g.nrow }, shapes };
}

/** The agent: a circle in the centre of its cell. */
export function agentCircle(g: GridGeometry, row: number, col: number): Shape {
  return { kind: 'circle', center: cellCenter(g, row, col), radius: 0.3, fill: '#d62728', stroke: '#000000' };
}
