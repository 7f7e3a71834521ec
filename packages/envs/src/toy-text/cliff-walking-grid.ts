/** CliffWalking's grid: 4 rows × 12 columns, start bottom-left, goal bottom-right, cliff between. */
export const CLIFF_WALKING = { nrow: 4, ncol: 12, start: 36, goal: 47 } as const;

/** Whether grid cell (row, col) is part of the cliff. */
export function isCliff(row: number, col: number): boolean {
  return row === CLIFF_WALKING.nrow - 1 && col > 0 && col < CLIFF_WALKING.ncol - 1;
}
