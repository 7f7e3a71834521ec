import { describe, expect, it } from 'vitest';
import { vec } from '../../test/vec';
import { A2C } from './a2c';
import { ConfigError, resolveConfig } from './config';
import { DQN } from './dqn';
import { PPO, type PpoConfig } from './ppo';
import { REINFORCE } from './reinforce';

function errorOf(f: () => unknown): ConfigError {
  try {
    f();
  } catch (e) {
    if (e instanceof ConfigError) return e;
    throw e;
  }
  throw new Error('expected a ConfigError');
}

describe('algorithm configs', () => {
  it('name the field, what was expected and what was found', () => {
    const env = vec('CartPole-v1', 1);
    const gamma = errorOf(() => new PPO(env, { gamma: 1.5 }));
    expect(gamma.field).toBe('gamma');
    expect(gamma.message).toBe('PPO config: gamma must be a number in [0, 1], found 1.5');
    expect(errorOf(() => new PPO(env, { numSteps: 0 })).message).toMatch(
      /numSteps must be a positive integer, found 0/,
    );
    expect(errorOf(() => new A2C(env, { learningRate: Number.NaN })).message).toMatch(
      /A2C config: learningRate must be a finite number > 0, found null/,
    );
    expect(errorOf(() => new DQN(env, { hidden: [64, 0] })).field).toBe('hidden');
    expect(errorOf(() => new REINFORCE(env, { activation: 'gelu' as 'tanh' })).message).toMatch(
      /activation must be "tanh" or "relu", found "gelu"/,
    );
    expect(errorOf(() => new PPO(env, { targetKl: -1 })).field).toBe('targetKl');
  });

  it('refuse unknown fields, listing the known ones', () => {
    const e = errorOf(() => new PPO(vec('CartPole-v1', 1), { nSteps: 128 } as Partial<PpoConfig>));
    expect(e.field).toBe('nSteps');
    expect(e.message).toMatch(/PPO config: unknown field "nSteps"; known fields: .*numSteps/);
  });

  it('fill defaults and keep what the user set', () => {
    const c = resolveConfig('X', { a: 1, b: true }, { a: 3 }, { a: 'positiveInt', b: 'boolean' });
    expect(c).toEqual({ a: 3, b: true });
  });
});
