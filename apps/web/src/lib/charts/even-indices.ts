/** At most `maxPoints` evenly spaced indices of a series of length n, always keeping the first and last. */
export function evenIndices(n: number, maxPoints: number): number[] {
  if (!(Number.isInteger(maxPoints) && maxPoints >= 2)) {
    throw new Error(`maxPoints: expected an integer ≥ 2, found ${maxPoints}`);
  }
  if (n <= maxPoints) return Array.from({ length: n }, (_, i) => i);
  const out: number[] = [];
  for (let k = 0; k < maxPoints; k++) out.push(Math.round((k * (n - 1)) / (maxPoints - 1)));
  return out;
}
