import { describe, expect, test } from 'vitest';
import { CartPoleEnv } from '../src/classic/cartpole';
import { EnvError } from '../src/errors';
import type { EnvLogger } from '../src/logger';
import { make } from '../src/registry';
import type { Action } from '../src/types';

function thrown(fn: () => unknown): EnvError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(EnvError);
    return e as EnvError;
  }
  throw new Error('expected an EnvError, nothing was thrown');
}

function recordingLogger(): EnvLogger & { messages: string[] } {
  const messages: string[] = [];
  return { messages, warn: (m) => messages.push(m) };
}

describe('an action outside the space', () => {
  test('a discrete action out of range names the value and the space', () => {
    const env = make<Float32Array, number>('CartPole-v1');
    env.reset({ seed: 0 });
    const e = thrown(() => env.step(2));
    expect(e.code).toBe('invalid_action');
    expect(e.message).toBe('CartPole-v1.step(action): 2 is outside 0..1; the action space is Discrete(2)');
  });

  test('a non-integer or non-number discrete action', () => {
    const env = make<Float32Array, Action>('Acrobot-v1');
    env.reset({ seed: 0 });
    expect(thrown(() => env.step(0.5)).message).toContain('expected an integer, found 0.5');
    expect(thrown(() => env.step('1' as unknown as number)).message).toContain(
      'expected an integer, found string "1"',
    );
    expect(thrown(() => env.step(Float32Array.of(1))).message).toContain(
      'expected an integer, found Float32Array(1)',
    );
  });

  test('a continuous action of the wrong length or with NaN', () => {
    const env = make<Float32Array, Action>('Pendulum-v1');
    env.reset({ seed: 0 });
    const wrongLength = thrown(() => env.step([1, 2]));
    expect(wrongLength.code).toBe('invalid_action');
    expect(wrongLength.message).toBe(
      'Pendulum-v1.step(action): expected length 1, found length 2; the action space is Box(shape=[1], low=[-2], high=[2])',
    );
    expect(thrown(() => env.step([Number.NaN])).message).toContain('element 0 is NaN');
    expect(thrown(() => env.step(1)).message).toContain(
      'expected a Float32Array (or number[]) of length 1, found number',
    );
  });

  test('a continuous action beyond the bounds is clipped, as Gymnasium', () => {
    const a = make<Float32Array, Action>('Pendulum-v1');
    const b = make<Float32Array, Action>('Pendulum-v1');
    a.reset({ seed: 3 });
    b.reset({ seed: 3 });
    const big = a.step([7]);
    const max = b.step([2]);
    expect(Array.from(big.obs)).toEqual(Array.from(max.obs));
  });
});

describe('lifecycle misuse', () => {
  test('step before reset', () => {
    const env = make('MountainCar-v0');
    const e = thrown(() => env.step(1));
    expect(e.code).toBe('reset_needed');
    expect(e.message).toBe(
      'MountainCar-v0.step() called before reset(): call env.reset() to start an episode first',
    );
  });

  test('step after termination warns once per episode and returns reward 0 (CartPole, as Gymnasium)', () => {
    const logger = recordingLogger();
    const env = make<Float32Array, number>('CartPole-v1', { logger });
    env.reset({ seed: 0 });
    let r = env.step(0);
    while (!r.terminated) r = env.step(0);
    expect(r.reward).toBe(1);
    expect(logger.messages).toEqual([]);
    const after = env.step(0);
    expect(after.reward).toBe(0);
    env.step(0);
    expect(logger.messages).toHaveLength(1);
    expect(logger.messages[0]).toContain('CartPole-v1.step() called after the episode terminated');
    env.reset();
    r = env.step(0);
    while (!r.terminated) r = env.step(0);
    env.step(0);
    expect(logger.messages).toHaveLength(2);
  });

  test('the default logger is silent and stepping on still works', () => {
    const env = new CartPoleEnv();
    env.reset({ seed: 1 });
    for (let i = 0; i < 200; i++) env.step(1);
    expect(env.getState().every(Number.isFinite)).toBe(true);
  });

  test('a bad seed or bad reset options', () => {
    const env = make('CartPole-v1');
    expect(thrown(() => env.reset({ seed: -1 })).message).toBe(
      'CartPole-v1.reset: seed must be a non-negative safe integer, found -1',
    );
    expect(thrown(() => env.reset({ seed: 1.5 })).code).toBe('invalid_argument');
    expect(thrown(() => env.reset({ options: { low: 0.1, high: -0.1 } })).message).toBe(
      'CartPole-v1.reset: options.low (0.1) must not be greater than options.high (-0.1)',
    );
    expect(thrown(() => env.reset({ options: { low: 'a' } })).message).toContain(
      'options.low must be a finite number, found string "a"',
    );
    expect(thrown(() => make('Pendulum-v1').reset({ options: { x_init: Number.NaN } })).message).toContain(
      'options.x_init must be a finite number, found NaN',
    );
  });

  test('setState with a wrong vector', () => {
    const env = new CartPoleEnv();
    expect(thrown(() => env.setState([1, 2, 3])).message).toBe(
      'CartPole-v1.setState: expected 4 numbers, found array(3)',
    );
    expect(thrown(() => env.setState([0, 0, Number.POSITIVE_INFINITY, 0])).message).toContain(
      'state[2] must be a finite number',
    );
  });
});

describe('unknown env ids', () => {
  test('lists the known ids and suggests near matches', () => {
    const e = thrown(() => make('CartPol-v1'));
    expect(e.code).toBe('unknown_env');
    expect(e.message).toContain('Unknown env id "CartPol-v1" (did you mean "CartPole-v1"?)');
    expect(e.message).toContain(
      'Known ids: CartPole-v1, Acrobot-v1, MountainCar-v0, MountainCarContinuous-v0, Pendulum-v1, GaussianBandit-v0, QuadraticGoal-v0',
    );
  });

  test('an id far from every known one gets the list only', () => {
    const e = thrown(() => make('Humanoid-v5'));
    expect(e.message).not.toContain('did you mean');
    expect(e.message).toContain('Known ids: CartPole-v1');
  });
});
