/** Diagonal Gaussian distributions, in float64 (the homework's reference answers). */

/**
 * KL(p‖q) per row: Σ_d [log σ_q,d − log σ_p,d + (σ_p,d² + (μ_p,d − μ_q,d)²)/(2σ_q,d²) − ½],
 * σ = exp(logStd).
 */
export function gaussianKlRows(
  meanP: readonly (readonly number[])[],
  logStdP: readonly (readonly number[])[],
  meanQ: readonly (readonly number[])[],
  logStdQ: readonly (readonly number[])[],
): number[] {
  return meanP.map((row, b) => {
    let kl = 0;
    for (let d = 0; d < row.length; d++) {
      const lsp = logStdP[b]?.[d] as number;
      const lsq = logStdQ[b]?.[d] as number;
      const diff = (row[d] as number) - (meanQ[b]?.[d] as number);
      const varQ = Math.exp(2 * lsq);
      kl += lsq - lsp + (Math.exp(2 * lsp) + diff * diff) / (2 * varQ) - 0.5;
    }
    return kl;
  });
}
