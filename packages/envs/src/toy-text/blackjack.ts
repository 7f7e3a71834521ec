import { BaseEnv, type BaseEnvOptions, discreteActionProblem } from '../base-env';
import type { StatefulEnv } from '../classic/stateful';
import { EnvError } from '../errors';
import { renderBlackjack } from '../render/blackjack';
import { Discrete } from '../spaces';
import { TupleSpace } from '../tuple-space';
import type { Frame, StepResult } from '../types';
import { compareScores, drawCard, isBust, isNatural, score, sumHand, usableAce } from './blackjack-rules';
import { booleanOption } from './options';

/** Blackjack's actions, as Gymnasium. */
export const BLACKJACK_ACTIONS = { stick: 0, hit: 1 } as const;

/** Gymnasium's observation tuple (player sum, dealer's showing card, usable ace). */
export interface BlackjackObservation {
  /** 0–31 (values above 21 are a bust). */
  playerSum: number;
  /** 1–10, ace = 1. */
  dealerCard: number;
  /** 1 when the player holds a usable ace, else 0. */
  usableAce: number;
}

/** Gymnasium's `Tuple(Discrete(32), Discrete(11), Discrete(2))`, flattened to one index. */
export const BLACKJACK_OBS_SIZE = 32 * 11 * 2;

/**
 * Blackjack's observation space as Gymnasium defines it; `pack` of a tuple is exactly
 * `encodeBlackjackObs` (the Discrete(704) index policies and vector envs see).
 */
export const BLACKJACK_OBSERVATION_TUPLE = new TupleSpace([
  new Discrete(32),
  new Discrete(11),
  new Discrete(2),
]);

/** The Discrete index of an observation tuple: (playerSum·11 + dealerCard)·2 + usableAce. */
export function encodeBlackjackObs(o: BlackjackObservation): number {
  return (o.playerSum * 11 + o.dealerCard) * 2 + o.usableAce;
}

/** The observation tuple of a Discrete index (inverse of `encodeBlackjackObs`). */
export function decodeBlackjackObs(i: number): BlackjackObservation {
  return { playerSum: Math.floor(i / 22), dealerCard: Math.floor(i / 2) % 11, usableAce: i % 2 };
}

/** Blackjack's constructor options, with Gymnasium's kwarg names. */
export interface BlackjackOptions extends BaseEnvOptions {
  /** Pay 1.5 for a winning natural (default false; ignored when `sab`). */
  natural?: boolean;
  /** Sutton & Barto's rules: a natural wins unless the dealer has one too (default false). */
  sab?: boolean;
}

/**
 * Blackjack-v1 (Sutton & Barto, Example 5.1), Gymnasium's rules: cards from an infinite deck drawn with
 * the env's `Rng`; hit (1) draws a card and a bust loses (−1, terminated); stick (0) lets the dealer
 * draw to 17 or more and scores win +1 / draw 0 / loss −1. The observation tuple is encoded as one
 * Discrete(704) index (`encodeBlackjackObs` / `decodeBlackjackObs`).
 */
export class BlackjackEnv extends BaseEnv<number, number> implements StatefulEnv {
  /** The packed index policies see: Discrete(704) = BLACKJACK_OBSERVATION_TUPLE.size. */
  readonly observationSpace = new Discrete(BLACKJACK_OBS_SIZE);
  /** Gymnasium's own observation space, `Tuple(Discrete(32), Discrete(11), Discrete(2))` (unpack obs with it). */
  readonly tupleObservationSpace = BLACKJACK_OBSERVATION_TUPLE;
  readonly actionSpace = new Discrete(2);
  private readonly natural: boolean;
  private readonly sab: boolean;
  private player: number[] = [];
  private dealer: number[] = [];
  private revealed = false;

  constructor(options: BlackjackOptions = {}) {
    super('Blackjack-v1', options, 4);
    this.natural = booleanOption(this.id, options as Record<string, unknown>, 'natural', false);
    this.sab = booleanOption(this.id, options as Record<string, unknown>, 'sab', false);
  }

  /** The hands dealt so far (copies); the dealer's second card is hidden until the player sticks. */
  get hands(): { player: number[]; dealer: number[] } {
    return { player: [...this.player], dealer: [...this.dealer] };
  }

  /** The current observation tuple. */
  observation(): BlackjackObservation {
    return {
      playerSum: sumHand(this.player),
      dealerCard: this.dealer[0]!,
      usableAce: usableAce(this.player) ? 1 : 0,
    };
  }

  protected resetState(): number {
    this.dealer = [drawCard(this.rng), drawCard(this.rng)];
    this.player = [drawCard(this.rng), drawCard(this.rng)];
    this.revealed = false;
    return encodeBlackjackObs(this.observation());
  }

  protected actionProblem(action: unknown): string | undefined {
    return discreteActionProblem(this.actionSpace, action);
  }

  protected transition(action: number): StepResult<number> {
    let reward: number;
    let terminated: boolean;
    if (action === BLACKJACK_ACTIONS.hit) {
      this.player.push(drawCard(this.rng));
      terminated = isBust(this.player);
      reward = terminated ? -1 : 0;
    } else {
      terminated = true;
      this.revealed = true;
      while (sumHand(this.dealer) < 17) this.dealer.push(drawCard(this.rng));
      reward = compareScores(score(this.player), score(this.dealer));
      if (this.sab && isNatural(this.player) && !isNatural(this.dealer)) reward = 1;
      else if (!this.sab && this.natural && isNatural(this.player) && reward === 1) reward = 1.5;
    }
    return { obs: encodeBlackjackObs(this.observation()), reward, terminated, truncated: false, info: {} };
  }

  /** `[revealed, nPlayerCards, ...playerCards, ...dealerCards]`. */
  getState(): number[] {
    return [this.revealed ? 1 : 0, this.player.length, ...this.player, ...this.dealer];
  }

  /** Sets both hands from a `getState()` vector (card values 1–10, at least one card each). */
  setState(state: ArrayLike<number>): void {
    const v = Array.from(state ?? []);
    const n = v[1] ?? -1;
    const cards = v.slice(2);
    if (
      (v[0] !== 0 && v[0] !== 1) ||
      !Number.isInteger(n) ||
      n < 1 ||
      cards.length < n + 1 ||
      !cards.every((c) => Number.isInteger(c) && c >= 1 && c <= 10)
    ) {
      throw new EnvError(
        'invalid_argument',
        `${this.id}.setState: expected [revealed 0|1, nPlayer ≥ 1, ...player cards, ...dealer cards] with cards in 1..10 and at least one dealer card, found ${JSON.stringify(v)}`,
      );
    }
    this.revealed = v[0] === 1;
    this.player = cards.slice(0, n);
    this.dealer = cards.slice(n);
  }

  render(): Frame {
    return renderBlackjack(this.getState());
  }
}
