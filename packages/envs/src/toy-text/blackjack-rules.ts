import type { Rng } from '../rng';

/** The infinite deck's card values: ace = 1, 2–9, and four 10s (10, J, Q, K). */
export const BLACKJACK_DECK = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 10, 10, 10] as const;

/** One card drawn with replacement, uniform over the 13 ranks. */
export function drawCard(rng: Rng): number {
  return BLACKJACK_DECK[rng.integer(BLACKJACK_DECK.length)]!;
}

/** Whether the hand holds an ace that can count 11 without busting. */
export function usableAce(hand: readonly number[]): boolean {
  return hand.includes(1) && total(hand) + 10 <= 21;
}

/** The hand's value, counting one ace as 11 when usable. */
export function sumHand(hand: readonly number[]): number {
  return usableAce(hand) ? total(hand) + 10 : total(hand);
}

/** Whether the hand's value exceeds 21. */
export function isBust(hand: readonly number[]): boolean {
  return sumHand(hand) > 21;
}

/** The hand's score: its value, or 0 when bust. */
export function score(hand: readonly number[]): number {
  return isBust(hand) ? 0 : sumHand(hand);
}

/** Whether the hand is a natural: exactly an ace and a ten-valued card. */
export function isNatural(hand: readonly number[]): boolean {
  return hand.length === 2 && hand.includes(1) && hand.includes(10);
}

/** The sign of a − b as a float: 1, 0 or −1. */
export function compareScores(a: number, b: number): number {
  return Number(a > b) - Number(a < b);
}

function total(hand: readonly number[]): number {
  return hand.reduce((a, b) => a + b, 0);
}
