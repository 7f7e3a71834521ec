import { CLIFF_WALKING, isCliff } from '../toy-text/cliff-walking-grid';
import type { Frame, Shape } from '../types';
import { agentCircle, cellSquare, gridFrame } from './grid';

/** CliffWalking drawn from its state s = row·12 + col: the grid, the cliff cells, start, goal and the agent. */
export function renderCliffWalking(s: number): Frame {
  const g = { nrow: CLIFF_WALKING.nrow, ncol: CLIFF_WALKING.ncol };
  const shapes: Shape[] = [];
  for (let row = 0; row < g.nrow; row++) {
    for (let col = 0; col < g.ncol; col++) {
      const cell = row * g.ncol + col;
      const fill = isCliff(row, col)
        ? '#6e2c00'
        : cell === CLIFF_WALKING.start
          ? '#aed6f1'
          : cell === CLIFF_WALKING.goal
            ? '#27ae60'
            : '#eaf2e3';
      shapes.push(cellSquare(g, row, col, fill, 0, '#7f8c8d'));
    }
  }
  shapes.push(agentCircle(g, Math.floor(s / g.ncol), s % g.ncol));
  return gridFrame(g, shapes);
}
