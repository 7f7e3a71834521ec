import { describe, expect, test } from 'vitest';
import { make } from '../registry';
import { Rng } from '../rng';
import { BLACKJACK_ACTIONS, BlackjackEnv, decodeBlackjackObs, encodeBlackjackObs } from './blackjack';
import { BLACKJACK_DECK, isBust, isNatural, score, sumHand, usableAce } from './blackjack-rules';

const { stick, hit } = BLACKJACK_ACTIONS;

/** The cards a fresh `Rng(seed)` deals: the env's infinite deck. */
function deck(seed: number): () => number {
  const rng = new Rng(seed);
  return () => BLACKJACK_DECK[rng.integer(13)]!;
}

/** A Blackjack env reset with `seed`, then given these hands. */
function dealt(player: number[], dealer: number[], seed = 0, options = {}): BlackjackEnv {
  const env = new BlackjackEnv(options);
  env.reset({ seed });
  env.setState([0, player.length, ...player, ...dealer]);
  return env;
}

describe('Blackjack rules', () => {
  test('hand values: one ace counts 11 when that does not bust; naturals are an ace and a ten', () => {
    expect(sumHand([1, 6])).toBe(17);
    expect(usableAce([1, 6])).toBe(true);
    expect(sumHand([1, 6, 8])).toBe(15);
    expect(usableAce([1, 6, 8])).toBe(false);
    expect(sumHand([1, 1])).toBe(12);
    expect(isBust([10, 6, 9])).toBe(true);
    expect(score([10, 6, 9])).toBe(0);
    expect(isNatural([10, 1])).toBe(true);
    expect(isNatural([1, 5, 5])).toBe(false);
  });

  test('reset deals dealer then player, two cards each, from the seeded infinite deck', () => {
    for (const seed of [0, 1, 2, 77]) {
      const env = new BlackjackEnv();
      const { obs } = env.reset({ seed });
      const draw = deck(seed);
      const dealer = [draw(), draw()];
      const player = [draw(), draw()];
      expect(env.hands).toEqual({ player, dealer });
      expect(decodeBlackjackObs(obs)).toEqual({
        playerSum: sumHand(player),
        dealerCard: dealer[0],
        usableAce: usableAce(player) ? 1 : 0,
      });
    }
  });

  test('the dealer draws until 17 or more, then stops; the cards come from the same stream', () => {
    for (let seed = 0; seed < 200; seed++) {
      const env = dealt([10, 9], [2, 3], seed);
      const draw = deck(seed);
      for (let i = 0; i < 4; i++) draw(); // the cards dealt at reset
      const r = env.step(stick);
      const dealer = env.hands.dealer;
      for (let k = 2; k < dealer.length; k++) {
        expect(sumHand(dealer.slice(0, k)), `seed ${seed}: drew at ${dealer.slice(0, k)}`).toBeLessThan(17);
        expect(dealer[k]).toBe(draw());
      }
      expect(sumHand(dealer)).toBeGreaterThanOrEqual(17);
      const expected = isBust(dealer) ? 1 : Math.sign(19 - sumHand(dealer));
      expect(r).toMatchObject({ reward: expected, terminated: true, truncated: false, info: {} });
    }
  });

  test('a hit that busts loses at once; one that does not pays 0 and goes on', () => {
    let busts = 0;
    for (let seed = 0; seed < 100; seed++) {
      const env = dealt([10, 5], [10, 7], seed);
      const draw = deck(seed);
      for (let i = 0; i < 4; i++) draw();
      const card = draw();
      const r = env.step(hit);
      expect(env.hands.player).toEqual([10, 5, card]);
      if (15 + card > 21) {
        busts++;
        expect(r).toMatchObject({ reward: -1, terminated: true });
        expect(decodeBlackjackObs(r.obs).playerSum).toBe(15 + card);
      } else expect(r).toMatchObject({ reward: 0, terminated: false });
    }
    expect(busts).toBeGreaterThan(0);
  });

  test('a usable ace is reported and stops being usable when counting it 11 would bust', () => {
    const env = dealt([1, 6], [10, 7]);
    expect(env.observation()).toEqual({ playerSum: 17, dealerCard: 10, usableAce: 1 });
    env.setState([0, 3, 1, 6, 9, 10, 7]);
    expect(env.observation()).toEqual({ playerSum: 16, dealerCard: 10, usableAce: 0 });
  });

  test('naturals: +1 by default, +1.5 with natural, sab wins against a non-natural 21 and draws a natural', () => {
    // the dealer's 17 / 21 stand without drawing, so the outcome does not depend on the deck
    expect(dealt([1, 10], [10, 7]).step(stick).reward).toBe(1);
    expect(dealt([1, 10], [10, 7], 0, { natural: true }).step(stick).reward).toBe(1.5);
    expect(dealt([1, 10], [5, 6, 10]).step(stick).reward).toBe(0);
    expect(dealt([1, 10], [5, 6, 10], 0, { sab: true }).step(stick).reward).toBe(1);
    expect(dealt([1, 10], [1, 10], 0, { sab: true }).step(stick).reward).toBe(0);
    // sab overrides natural, as Gymnasium
    expect(dealt([1, 10], [10, 7], 0, { sab: true, natural: true }).step(stick).reward).toBe(1);
  });

  test("make('Blackjack-v1') uses Gymnasium's registration kwargs (sab = true) and no time limit", () => {
    const env = make<number, number>('Blackjack-v1');
    expect(env.spec).toMatchObject({ maxEpisodeSteps: undefined, rewardThreshold: undefined });
    expect(env.observationSpace.toSpec()).toEqual({ type: 'Discrete', n: 704, start: 0 });
    const unwrapped = env as unknown as BlackjackEnv;
    unwrapped.reset({ seed: 0 });
    unwrapped.setState([0, 2, 1, 10, 5, 6, 10]);
    expect(unwrapped.step(stick).reward).toBe(1);
  });

  test('the observation encoding is a bijection onto Discrete(704)', () => {
    const seen = new Set<number>();
    for (let playerSum = 0; playerSum < 32; playerSum++) {
      for (let dealerCard = 0; dealerCard < 11; dealerCard++) {
        for (const usable of [0, 1]) {
          const o = { playerSum, dealerCard, usableAce: usable };
          const i = encodeBlackjackObs(o);
          expect(decodeBlackjackObs(i)).toEqual(o);
          seen.add(i);
        }
      }
    }
    expect(seen.size).toBe(704);
    expect(Math.max(...seen)).toBe(703);
  });

  test('setState rejects a malformed hand, naming what it expected', () => {
    const env = new BlackjackEnv();
    expect(() => env.setState([0, 2, 1, 11, 5])).toThrow('cards in 1..10');
    expect(() => env.setState([0, 2, 1, 10])).toThrow('at least one dealer card');
  });
});

describe('Blackjack observation as Gymnasium’s Tuple', () => {
  test('Tuple(Discrete(32), Discrete(11), Discrete(2)) packs to the Discrete(704) index and back', () => {
    const env = new BlackjackEnv();
    expect(env.tupleObservationSpace.toString()).toBe('Tuple(Discrete(32), Discrete(11), Discrete(2))');
    expect(env.tupleObservationSpace.toSpec()).toEqual({
      type: 'Tuple',
      spaces: [
        { type: 'Discrete', n: 32, start: 0 },
        { type: 'Discrete', n: 11, start: 0 },
        { type: 'Discrete', n: 2, start: 0 },
      ],
    });
    expect(env.tupleObservationSpace.size).toBe(env.observationSpace.n);
    for (let seed = 0; seed < 50; seed++) {
      const { obs } = env.reset({ seed });
      const t = env.tupleObservationSpace.unpack(obs);
      const o = decodeBlackjackObs(obs);
      expect(t).toEqual([o.playerSum, o.dealerCard, o.usableAce]);
      expect(env.tupleObservationSpace.pack(t)).toBe(obs);
      expect(env.tupleObservationSpace.contains(t)).toBe(true);
    }
    expect(env.tupleObservationSpace.contains([32, 1, 0])).toBe(false);
    expect(() => env.tupleObservationSpace.pack([1, 11, 0])).toThrow(/is not in Tuple/);
  });
});
