import type { Frame, Shape } from '../types';
import { agentCircle, cellSquare, gridFrame } from './grid';

const CELL_FILL: Record<string, string> = { S: '#aed6f1', F: '#d6eaf8', H: '#1b2631', G: '#27ae60' };

/**
 * FrozenLake drawn from its map and state s = row·ncol + col: one square per cell (frozen, hole,
 * start, goal, each labelled with its letter), the agent as a circle in cell s.
 */
export function renderFrozenLake(desc: readonly string[], s: number): Frame {
  const g = { nrow: desc.length, ncol: desc[0]?.length ?? 1 };
  const shapes: Shape[] = [];
  for (let row = 0; row < g.nrow; row++) {
    for (let col = 0; col < g.ncol; col++) {
      const letter = desc[row]![col]!;
      shapes.push(cellSquare(g, row, col, CELL_FILL[letter] ?? '#ffffff', 0, '#5d6d7e'));
      if (letter !== 'F') {
        shapes.push({
          kind: 'text',
          at: [col + 0.1, g.nrow - row - 0.25],
          text: letter,
          fill: '#7f8c8d',
          size: 0.2,
        });
      }
    }
  }
  shapes.push(agentCircle(g, Math.floor(s / g.ncol), s % g.ncol));
  return gridFrame(g, shapes);
}
