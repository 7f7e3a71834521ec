/**
 * Rows for a dot plot: dots at pixel positions `xs` with radius r are placed, left to right, in the
 * lowest row where they do not overlap the previous dot of that row (at most `maxRows` rows; beyond
 * that, dots share the least recently used row). Returns the row of each dot, in input order.
 */
export function stackDots(xs: readonly number[], radius: number, maxRows: number): number[] {
  const order = xs.map((x, i) => ({ x, i })).sort((a, b) => a.x - b.x);
  const rowEnd: number[] = [];
  const rows = new Array<number>(xs.length).fill(0);
  for (const { x, i } of order) {
    let row = rowEnd.findIndex((end) => x - end >= 2 * radius);
    if (row < 0) {
      if (rowEnd.length < maxRows) row = rowEnd.length;
      else row = rowEnd.indexOf(Math.min(...rowEnd));
    }
    rowEnd[row] = x;
    rows[i] = row;
  }
  return rows;
}
