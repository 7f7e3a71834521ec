import { sumHand, usableAce } from '../toy-text/blackjack-rules';
import type { Frame, Shape } from '../types';

const TABLE = '#076324';
const CARD_W = 1.2;
const CARD_H = 1.7;

/**
 * Blackjack drawn from its state `[revealed, nPlayer, ...playerCards, ...dealerCards]`: a green table,
 * the dealer's cards (the second face down until the player sticks), the player's cards, the player's
 * sum and "usable ace" when there is one. Cards are white rectangles labelled A, 2–10.
 */
export function renderBlackjack(state: ArrayLike<number>): Frame {
  const v = Array.from(state);
  const revealed = v[0] === 1;
  const n = v[1] ?? 0;
  const player = v.slice(2, 2 + n);
  const dealer = v.slice(2 + n);
  const shapes: Shape[] = [
    rect(0, 0, 10, 8, TABLE),
    { kind: 'text', at: [0.3, 7.6], text: 'Dealer', fill: '#ffffff', size: 0.4 },
    { kind: 'text', at: [0.3, 3.9], text: 'Player', fill: '#ffffff', size: 0.4 },
  ];
  dealer.forEach((c, i) => {
    shapes.push(...card(0.5 + i * 1.4, 5.3, revealed || i === 0 ? c : undefined));
  });
  player.forEach((c, i) => {
    shapes.push(...card(0.5 + i * 1.4, 1.6, c));
  });
  shapes.push({ kind: 'text', at: [0.5, 0.5], text: `Sum ${sumHand(player)}`, fill: '#ffffff', size: 0.6 });
  if (usableAce(player))
    shapes.push({ kind: 'text', at: [4, 0.5], text: 'usable ace', fill: '#ffffff', size: 0.4 });
  return { viewport: { xMin: 0, xMax: 10, yMin: 0, yMax: 8 }, shapes };
}

/** A card at (x, y) (lower-left corner): face up with its label, or face down when `value` is undefined. */
function card(x: number, y: number, value: number | undefined): Shape[] {
  if (value === undefined) return [rect(x, y, CARD_W, CARD_H, '#922b21', '#ffffff')];
  return [
    rect(x, y, CARD_W, CARD_H, '#ffffff', '#000000'),
    {
      kind: 'text',
      at: [x + 0.25, y + 0.7],
      text: value === 1 ? 'A' : String(value),
      fill: '#000000',
      size: 0.5,
    },
  ];
}

function rect(x: number, y: number, w: number, h: number, fill: string, stroke?: string): Shape {
  return {
    kind: 'polygon',
    points: [
      [x, y],
      [x + w, y],
      [x + w, y + h],
      [x, y + h],
    ],
    fill,
    ...(stroke ? { stroke } : {}),
  };
}
