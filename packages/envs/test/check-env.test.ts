import { describe, expect, test } from 'vitest';
import { assertEnvValid, type CheckName, checkEnv } from '../src/check/check-env';
import { EnvError } from '../src/errors';
import { listEnvs, make } from '../src/registry';
import { Rng } from '../src/rng';
import { Box, Discrete } from '../src/spaces';
import type { Frame, ResetOptions, ResetResult, StepResult } from '../src/types';

/**
 * A small custom env written the way an instructor would (not using BaseEnv): a 1-D random walk.
 * Each test breaks exactly one thing by overriding one member.
 */
class RandomWalk {
  observationSpace: unknown = new Box([-10, 0], [10, 1]);
  actionSpace: unknown = new Discrete(2);
  spec = undefined;
  metadata = { renderFps: 10 };
  protected rng = new Rng(0);
  protected pos = 0;
  protected t = 0;
  reset(opts?: ResetOptions): ResetResult<Float32Array> {
    if (opts?.seed !== undefined) this.rng = new Rng(opts.seed);
    this.pos = this.rng.uniform(-1, 1);
    this.t = 0;
    return { obs: Float32Array.of(this.pos, 0), info: {} };
  }
  step(action: number): StepResult<Float32Array> {
    this.pos += (action === 1 ? 1 : -1) * this.rng.uniform(0, 1);
    this.t++;
    const terminated = Math.abs(this.pos) >= 5;
    return {
      obs: Float32Array.of(this.pos, this.t / 100),
      reward: -Math.abs(this.pos),
      terminated,
      truncated: this.t >= 100,
      info: {},
    };
  }
  render(): Frame {
    return {
      viewport: { xMin: -10, xMax: 10, yMin: -1, yMax: 1 },
      shapes: [{ kind: 'circle', center: [this.pos, 0], radius: 0.2, fill: '#000' }],
    };
  }
  close(): void {}
}

function failuresOf(env: unknown): { check: CheckName; message: string }[] {
  return checkEnv(env).failures;
}

function expectFailure(env: unknown, check: CheckName, fragment: string): void {
  const failures = failuresOf(env);
  const hit = failures.find((f) => f.check === check);
  expect(hit, `expected a ${check} failure, got ${JSON.stringify(failures)}`).toBeDefined();
  expect(hit!.message).toContain(fragment);
}

describe('checkEnv on the registered envs', () => {
  for (const { id } of listEnvs()) {
    test(`${id} passes every check`, () => {
      const r = checkEnv(make(id));
      expect(r.failures).toEqual([]);
      // CliffWalking-v1 is deterministic (one start state, no slipping), so two seeds give the same episode
      const expected = id === 'CliffWalking-v1' ? ['reset-seed-determinism'] : [];
      expect(r.warnings.map((w) => w.check)).toEqual(expected);
      expect(r.passed).toBe(true);
    });
  }

  test('the well-formed custom env passes too', () => {
    expect(checkEnv(new RandomWalk()).failures).toEqual([]);
  });
});

describe('checkEnv catches each broken env with a specific message', () => {
  test('env-object: not an object', () => {
    expectFailure(42, 'env-object', 'expected an env object');
  });

  test('env-object: a missing method', () => {
    const env = new RandomWalk() as unknown as Record<string, unknown>;
    env.render = 'nope';
    expectFailure(env, 'env-object', 'env.render must be a method, found string');
  });

  test('observation-space: missing', () => {
    const env = new RandomWalk();
    env.observationSpace = undefined;
    expectFailure(env, 'observation-space', 'env.observationSpace is missing');
  });

  test('action-space: not a space', () => {
    const env = new RandomWalk();
    env.actionSpace = { n: 2 };
    expectFailure(
      env,
      'action-space',
      'env.actionSpace must be a Box or Discrete space; it has no contains() method',
    );
  });

  test('action-space: inverted Box bounds', () => {
    const env = new RandomWalk();
    const box = new Box([-1], [1]);
    env.actionSpace = Object.assign(Object.create(box), {
      toSpec: () => ({ type: 'Box', shape: [1], dtype: 'float32', low: [1], high: [0] }),
    });
    expectFailure(env, 'action-space', 'Box low[0] = 1 is greater than high[0] = 0');
  });

  test('action-space: sample outside contains', () => {
    const env = new RandomWalk();
    const d = new Discrete(2);
    env.actionSpace = Object.assign(Object.create(d), { sample: () => 5 });
    expectFailure(
      env,
      'action-space',
      'env.actionSpace.sample() returned 5, which env.actionSpace.contains() rejects',
    );
  });

  test('reset-signature: a Python-style [obs, info] tuple', () => {
    class Tuple extends RandomWalk {
      override reset(opts?: ResetOptions) {
        const r = super.reset(opts);
        return [r.obs, r.info] as unknown as ResetResult<Float32Array>;
      }
    }
    expectFailure(
      new Tuple(),
      'reset-signature',
      'must return an object { obs, info }, found an array of 2 values (return { obs, info }, not [obs, info])',
    );
  });

  test('reset-signature: info is not an object', () => {
    class NullInfo extends RandomWalk {
      override reset(opts?: ResetOptions) {
        return { obs: super.reset(opts).obs, info: null as unknown as Record<string, unknown> };
      }
    }
    expectFailure(new NullInfo(), 'reset-signature', 'returned info = null; info must be a plain object');
  });

  test('reset-observation: wrong shape', () => {
    class Short extends RandomWalk {
      override reset(opts?: ResetOptions) {
        super.reset(opts);
        return { obs: Float32Array.of(this.pos), info: {} };
      }
    }
    expectFailure(new Short(), 'reset-observation', 'is not in the observation space Box(shape=[2]');
    expectFailure(new Short(), 'reset-observation', '(length 1, expected 2)');
  });

  test('reset-options: options rejected', () => {
    class NoOptions extends RandomWalk {
      override reset(opts?: ResetOptions) {
        if (opts?.options) throw new TypeError('unexpected options');
        return super.reset(opts);
      }
    }
    expectFailure(
      new NoOptions(),
      'reset-options',
      'reset({ seed: 123, options: {} }) threw TypeError: unexpected options',
    );
  });

  test('reset-seed-determinism: reset ignores the seed and keeps drawing', () => {
    class Unseeded extends RandomWalk {
      override reset(): ResetResult<Float32Array> {
        this.pos = this.rng.uniform(-1, 1);
        this.t = 0;
        return { obs: Float32Array.of(this.pos, 0), info: {} };
      }
    }
    expectFailure(new Unseeded(), 'reset-seed-determinism', 'reset({ seed: 123 }) is not deterministic');
  });

  test('step-determinism: step draws from an unseeded source', () => {
    let counter = 0;
    class Drifting extends RandomWalk {
      override step(action: number) {
        const r = super.step(action);
        counter++;
        return { ...r, reward: r.reward + counter * 1e-3 };
      }
    }
    expectFailure(new Drifting(), 'step-determinism', 'step 0 returned reward');
  });

  test('step-signature: a flag that is not a boolean', () => {
    class StringFlag extends RandomWalk {
      override step(action: number) {
        return { ...super.step(action), terminated: 'false' as unknown as boolean };
      }
    }
    expectFailure(
      new StringFlag(),
      'step-signature',
      'returned terminated = "false"; terminated must be a boolean',
    );
  });

  test('step-signature: the old 4-value API', () => {
    class OldApi extends RandomWalk {
      override step(action: number) {
        const { obs, reward, terminated, info } = super.step(action);
        return { obs, reward, done: terminated, info } as unknown as StepResult<Float32Array>;
      }
    }
    expectFailure(new OldApi(), 'step-signature', 'the result has no terminated, truncated');
  });

  test('step-signature: step throws', () => {
    class Throws extends RandomWalk {
      override step(): StepResult<Float32Array> {
        throw new RangeError('bad physics');
      }
    }
    expectFailure(new Throws(), 'step-signature', 'threw RangeError: bad physics');
  });

  test('step-observation: NaN in the observation', () => {
    class NaNObs extends RandomWalk {
      override step(action: number) {
        const r = super.step(action);
        r.obs[1] = Number.NaN;
        return r;
      }
    }
    expectFailure(new NaNObs(), 'step-observation', '(element 1 is NaN)');
  });

  test('reward-finite: NaN reward', () => {
    class NaNReward extends RandomWalk {
      override step(action: number) {
        return { ...super.step(action), reward: Number.NaN };
      }
    }
    expectFailure(new NaNReward(), 'reward-finite', 'returned reward NaN');
  });

  test('reward-finite: infinite reward', () => {
    class InfReward extends RandomWalk {
      override step(action: number) {
        return { ...super.step(action), reward: -Infinity };
      }
    }
    expectFailure(new InfReward(), 'reward-finite', 'returned reward -Infinity');
  });

  test('render: a frame with a non-finite coordinate', () => {
    class BadFrame extends RandomWalk {
      override render(): Frame {
        return {
          viewport: { xMin: 0, xMax: 1, yMin: 0, yMax: 1 },
          shapes: [{ kind: 'circle', center: [Number.NaN, 0], radius: 1, fill: '#000' }],
        };
      }
    }
    expectFailure(
      new BadFrame(),
      'render',
      'frame.shapes[0]: circle center must be a pair of finite numbers',
    );
  });

  test('close-twice: close throws on a closed env', () => {
    class CloseOnce extends RandomWalk {
      private closed = false;
      override close(): void {
        if (this.closed) throw new Error('already closed');
        this.closed = true;
      }
    }
    expectFailure(
      new CloseOnce(),
      'close-twice',
      'calling close() a second time threw Error: already closed',
    );
  });

  test('assertEnvValid throws check_failed listing the failures', () => {
    class NaNReward extends RandomWalk {
      override step(action: number) {
        return { ...super.step(action), reward: Number.NaN };
      }
    }
    expect(() => assertEnvValid(new RandomWalk())).not.toThrow();
    try {
      assertEnvValid(new NaNReward());
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(EnvError);
      expect((e as EnvError).code).toBe('check_failed');
      expect((e as EnvError).message).toContain('[reward-finite]');
    }
  });
});
