import { describe, expect, test } from 'vitest';
import { CartPoleEnv } from '../src/classic/cartpole';
import { EnvError } from '../src/errors';
import { envSpec, listEnvs, make, register, renderFrame } from '../src/registry';
import type { Action, ResetOptions } from '../src/types';
import { TimeLimit } from '../src/wrappers/time-limit';
import type { Wrapper } from '../src/wrappers/wrapper';

describe('registry', () => {
  test("specs equal Gymnasium 1.4.0's registrations (shared/reference/gym/spec.json)", () => {
    const specs = Object.fromEntries(listEnvs().map((s) => [s.id, s]));
    expect(specs['CartPole-v1']).toMatchObject({ maxEpisodeSteps: 500, rewardThreshold: 475 });
    expect(specs['Acrobot-v1']).toMatchObject({ maxEpisodeSteps: 500, rewardThreshold: -100 });
    expect(specs['MountainCar-v0']).toMatchObject({ maxEpisodeSteps: 200, rewardThreshold: -110 });
    expect(specs['MountainCarContinuous-v0']).toMatchObject({ maxEpisodeSteps: 999, rewardThreshold: 90 });
    expect(specs['Pendulum-v1']).toMatchObject({ maxEpisodeSteps: 200, rewardThreshold: undefined });
    expect(specs['GaussianBandit-v0']).toMatchObject({ maxEpisodeSteps: 1000 });
    expect(specs['QuadraticGoal-v0']).toMatchObject({ maxEpisodeSteps: undefined });
  });

  test('spaces equal Gymnasium (bounds as float32)', () => {
    expect(make('CartPole-v1').observationSpace.toSpec()).toEqual({
      type: 'Box',
      shape: [4],
      dtype: 'float32',
      low: [-4.800000190734863, -Infinity, -0.41887903213500977, -Infinity],
      high: [4.800000190734863, Infinity, 0.41887903213500977, Infinity],
    });
    expect(make('Acrobot-v1').observationSpace.toSpec()).toMatchObject({
      high: [1, 1, 1, 1, 12.566370964050293, 28.274333953857422],
    });
    expect(make('MountainCar-v0').observationSpace.toSpec()).toMatchObject({
      low: [-1.2000000476837158, -0.07000000029802322],
      high: [0.6000000238418579, 0.07000000029802322],
    });
    expect(make('MountainCarContinuous-v0').actionSpace.toSpec()).toMatchObject({ low: [-1], high: [1] });
    expect(make('Pendulum-v1').observationSpace.toSpec()).toMatchObject({
      low: [-1, -1, -8],
      high: [1, 1, 8],
    });
    expect(make('Pendulum-v1').actionSpace.toSpec()).toMatchObject({ low: [-2], high: [2] });
    expect(make('Acrobot-v1').actionSpace.toSpec()).toEqual({ type: 'Discrete', n: 3, start: 0 });
  });

  test('make wraps in TimeLimit with the spec, and the override or removal of the limit', () => {
    const env = make('CartPole-v1');
    expect(env).toBeInstanceOf(TimeLimit);
    expect(env.spec).toEqual({
      id: 'CartPole-v1',
      maxEpisodeSteps: 500,
      rewardThreshold: 475,
      nondeterministic: false,
    });
    expect((env as Wrapper).unwrapped).toBeInstanceOf(CartPoleEnv);
    const short = make<Float32Array, number>('CartPole-v1', { maxEpisodeSteps: 3 });
    short.reset({ seed: 0 });
    expect([short.step(0).truncated, short.step(1).truncated, short.step(0).truncated]).toEqual([
      false,
      false,
      true,
    ]);
    const unlimited = make('CartPole-v1', { maxEpisodeSteps: null });
    expect(unlimited).toBeInstanceOf(CartPoleEnv);
    expect(unlimited.spec?.maxEpisodeSteps).toBeUndefined();
  });

  test('envSpec and envOptions', () => {
    expect(envSpec('Pendulum-v1').id).toBe('Pendulum-v1');
    const bandit = make('GaussianBandit-v0', { envOptions: { k: 4 } });
    expect(bandit.actionSpace.toSpec()).toEqual({ type: 'Discrete', n: 4, start: 0 });
    expect(() => make('GaussianBandit-v0', { envOptions: { k: 0 } })).toThrow(
      'GaussianBandit: k must be a positive integer, found 0',
    );
  });

  test('register rejects bad ids, duplicates and bad limits', () => {
    const create = () => new CartPoleEnv();
    expect(() => register({ id: 'CartPole-v1', description: 'dup', create })).toThrow('already registered');
    expect(() => register({ id: 'no version', description: 'x', create })).toThrow(
      'id must look like Name-vN',
    );
    expect(() => register({ id: 'Mine-v0', description: 'x', create, maxEpisodeSteps: 0 })).toThrow(EnvError);
    register({ id: 'TestCartPole-v0', description: 'a custom registration', create, maxEpisodeSteps: 7 });
    const env = make<Float32Array, number>('TestCartPole-v0');
    expect(env.spec?.maxEpisodeSteps).toBe(7);
  });

  test('renderFrame draws a state of any registered env', () => {
    const frame = renderFrame('CartPole-v1', [0.5, 0, 0, 0]);
    expect(frame.shapes.length).toBeGreaterThan(0);
    expect(() => renderFrame('Nope-v0', [])).toThrow('Unknown env id');
  });
});

test('make accepts a custom env whose spec is a read-only getter (the wrapper carries the spec)', () => {
  const create = () => {
    const base = new CartPoleEnv();
    return {
      observationSpace: base.observationSpace,
      actionSpace: base.actionSpace,
      metadata: base.metadata,
      get spec() {
        return undefined;
      },
      reset: (o?: ResetOptions) => base.reset(o),
      step: (a: Action) => base.step(a as number),
      render: () => base.render(),
      close: () => base.close(),
    };
  };
  register({ id: 'GetterSpec-v0', description: 'read-only spec', create, maxEpisodeSteps: 5 });
  const env = make('GetterSpec-v0');
  expect(env.spec?.id).toBe('GetterSpec-v0');
  env.reset({ seed: 0 });
  expect(env.step(1).reward).toBe(1);
});
