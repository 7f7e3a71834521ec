import { decodeTaxi, IN_TAXI, TAXI_LOCATIONS, taxiSideOpen } from '../toy-text/taxi-map';
import type { Frame, Shape } from '../types';
import { cellCenter, cellSquare, gridFrame } from './grid';

const STAND_COLORS = ['#e74c3c', '#27ae60', '#f1c40f', '#2e86c1'] as const;
const STAND_LETTERS = ['R', 'G', 'Y', 'B'] as const;

/**
 * Taxi drawn from its encoded state: the 5×5 grid, its walls as thick lines, the four stands (coloured,
 * lettered; the destination outlined in black), the taxi as a yellow square and the passenger as a
 * circle (at its stand, or inside the taxi).
 */
export function renderTaxi(s: number): Frame {
  const g = { nrow: 5, ncol: 5 };
  const { taxiRow, taxiCol, passenger, destination } = decodeTaxi(s);
  const shapes: Shape[] = [];
  for (let row = 0; row < 5; row++) {
    for (let col = 0; col < 5; col++) shapes.push(cellSquare(g, row, col, '#f4f6f6', 0, '#d5d8dc'));
  }
  TAXI_LOCATIONS.forEach(([row, col], i) => {
    shapes.push(cellSquare(g, row, col, STAND_COLORS[i]!, 0.05, i === destination ? '#000000' : undefined));
    shapes.push({
      kind: 'text',
      at: [col + 0.08, 5 - row - 0.3],
      text: STAND_LETTERS[i]!,
      fill: '#000000',
      size: 0.25,
    });
  });
  for (let row = 0; row < 5; row++) {
    for (let col = 0; col < 4; col++) {
      if (!taxiSideOpen(row, col, 1)) {
        shapes.push({
          kind: 'line',
          points: [
            [col + 1, 5 - row],
            [col + 1, 4 - row],
          ],
          stroke: '#000000',
          width: 0.08,
        });
      }
    }
  }
  shapes.push(cellSquare(g, taxiRow, taxiCol, '#f7dc6f', 0.2, '#000000'));
  const [pr, pc] = passenger === IN_TAXI ? [taxiRow, taxiCol] : TAXI_LOCATIONS[passenger]!;
  shapes.push({ kind: 'circle', center: cellCenter(g, pr, pc), radius: 0.15, fill: '#8e44ad' });
  return gridFrame(g, shapes);
}
