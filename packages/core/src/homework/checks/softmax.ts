/** log-softmax of one row in float64 (for the wrong variants; the reference uses the library). */
export function logSoftmaxRow(row: readonly number[]): number[] {
  const max = Math.max(...row);
  const logSum = max + Math.log(row.reduce((s, x) => s + Math.exp(x - max), 0));
  return row.map((x) => x - logSum);
}
