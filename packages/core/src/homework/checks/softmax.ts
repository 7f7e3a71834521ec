/** log-softmax of one row in float64: log p_k = z_k − max − log Σ_j exp(z_j − max). */
export function logSoftmaxRow(row: readonly number[]): number[] {
  const max = Math.max(...row);
  const logSum = max + Math.log(row.reduce((s, x) => s + Math.exp(x - max), 0));
  return row.map((x) => x - logSum);
}
