import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type HomeworkArgKind, openPythonChecks, preparePythonChecks, RunnerError } from '../src/index';

const FIXTURES = join(import.meta.dirname, 'fixtures', 'python-homework');
const fixture = (path: string) => readFileSync(join(FIXTURES, path), 'utf8');

const RETURNS: Record<string, HomeworkArgKind[]> = { discounted_returns: ['float64[]', 'bool[]', 'float'] };

const probes = `
import os, time
import numpy as np

def discounted_returns(rewards, dones, gamma):
    print("types", type(rewards).__name__, rewards.dtype, dones.dtype, type(gamma).__name__)
    rewards[:] = 99.0  # writing into an input must not change a later case
    return [float(x) for x in dones]

def spin(x):
    while True:
        pass

def column(x):
    return np.zeros((len(x), 1), dtype=np.float32)

def text(x):
    return "seven"

def boom(x):
    raise ValueError("bad input " + str(len(x)))

def leave(x):
    os._exit(3)

def hog(x):
    keep = []
    while True:
        keep.append(np.empty(10**8))  # 800 MB of address space a step
`;

const PROBE_KINDS: Record<string, HomeworkArgKind[]> = {
  ...RETURNS,
  spin: ['float64[]'],
  column: ['float64[]'],
  text: ['float64[]'],
  boom: ['float64[]'],
  leave: ['float64[]'],
  hog: ['float64[]'],
};

describe('Python homework in the sandbox', () => {
  it('passes numpy float64 and bool arrays, reports values with shape and type; torch and jax results convert', async () => {
    const numpy = await openPythonChecks({ source: fixture('numpy/hw1.py') }, { functions: RETURNS });
    try {
      const [r] = await numpy.callBatch([{ name: 'discounted_returns', args: [[1, 1, 1], [0, 1, 0], 0.5] }]);
      expect(r).toMatchObject({ ok: true, value: { shape: [3], type: 'numpy.ndarray (float64)' } });
      expect(r?.ok && Array.from(r.value.value ?? [])).toEqual([1.5, 1, 1]);
    } finally {
      await numpy.close();
    }
    const torch = await openPythonChecks(
      { source: fixture('torch/hw3.py') },
      {
        functions: { ppo_clip_loss: ['float64[]', 'float64[]', 'float64[]', 'float'] },
      },
    );
    try {
      const [r] = await torch.callBatch([{ name: 'ppo_clip_loss', args: [[0, 0], [0, 0], [1, 3], 0.2] }]);
      expect(r).toMatchObject({ ok: true, value: { shape: [], type: 'torch.Tensor (float64)' } });
      expect(r?.ok && r.value.value?.[0]).toBe(-2);
    } finally {
      await torch.close();
    }
    const jax = await openPythonChecks(
      { source: fixture('jax/hw2.py') },
      {
        functions: { categorical_entropy: ['float64[][]'] },
      },
    );
    try {
      const [r] = await jax.callBatch([
        {
          name: 'categorical_entropy',
          args: [
            [
              [0, 0],
              [1, 1],
              [5, 5],
            ],
          ],
        },
      ]);
      expect(r?.ok && r.value.shape).toEqual([3]);
      expect(r?.ok && r.value.type).toMatch(/^jax.*\(float32\)$/);
      for (const h of (r?.ok && r.value.value) || []) expect(h).toBeCloseTo(Math.LN2, 6);
    } finally {
      await jax.close();
    }
  });

  it('gives each call its own verdict: a loop is time_limit, a raise runtime_error, a numpy memory bomb memory_limit, and the next call still runs', async () => {
    const mod = await openPythonChecks(
      { source: probes },
      { functions: PROBE_KINDS, limits: { callTimeoutMs: 100, consoleBytes: 4096 } },
    );
    try {
      const args = [[1, 2], [0, 1], 0.9];
      const results = await mod.callBatch([
        { name: 'discounted_returns', args },
        { name: 'spin', args: [[1]] },
        { name: 'column', args: [[1, 2, 3]] },
        { name: 'text', args: [[1]] },
        { name: 'boom', args: [[1, 2]] },
        { name: 'hog', args: [[1]] },
        { name: 'discounted_returns', args },
      ]);
      expect(results).toHaveLength(7);
      expect(results[0]).toMatchObject({ ok: true, value: { shape: [2] } });
      expect(results[1]).toMatchObject({ ok: false, failure: { verdict: 'time_limit' } });
      expect(results[2]).toMatchObject({
        ok: true,
        value: { shape: [3, 1], type: 'numpy.ndarray (float32)' },
      });
      expect(results[3]).toMatchObject({ ok: true, value: { value: null, shape: null, type: 'str' } });
      expect(results[4]).toMatchObject({ ok: false, failure: { verdict: 'runtime_error' } });
      const boom = results[4];
      expect(boom?.ok === false && boom.failure.message).toBe('boom() raised ValueError: bad input 2');
      expect(boom?.ok === false && boom.failure.studentStack).toMatch(
        /File "homework.py", line \d+, in boom/,
      );
      expect(results[5]).toMatchObject({ ok: false, failure: { verdict: 'memory_limit' } });
      // the masks arrived as bools, the first call's writes did not leak into the last call's inputs
      expect(results[6]?.ok && Array.from(results[6].value.value ?? [])).toEqual([0, 1]);
      expect(mod.consoleOutput()).toContain('types ndarray float64 bool float');
    } finally {
      await mod.close();
    }
  });

  it('a call that ends the sandbox fails alone; the next batch gets a fresh sandbox', async () => {
    const mod = await openPythonChecks({ source: probes }, { functions: PROBE_KINDS });
    try {
      const first = await mod.callBatch([
        { name: 'leave', args: [[1]] },
        { name: 'discounted_returns', args: [[1], [0], 0.5] },
      ]);
      expect(first).toHaveLength(1);
      expect(first[0]).toMatchObject({ ok: false, failure: { verdict: 'runtime_error' } });
      const second = await mod.callBatch([{ name: 'discounted_returns', args: [[1], [1], 0.5] }]);
      expect(second[0]).toMatchObject({ ok: true, value: { shape: [1] } });
    } finally {
      await mod.close();
    }
  });

  it('refuses a module that lacks a function (naming it) or fails at import (with the student’s frame)', async () => {
    const missing = openPythonChecks(
      { source: fixture('numpy/hw1.py') },
      {
        functions: {
          ...RETURNS,
          gae: ['float64[]'],
          categorical_kl: ['float64[][]'],
          ppo_clip_loss: ['float'],
        },
      },
    );
    await expect(missing).rejects.toBeInstanceOf(RunnerError);
    await expect(missing).rejects.toMatchObject({
      verdict: 'invalid_artifact',
      message: expect.stringMatching(/^homework.py does not define categorical_kl\(\), ppo_clip_loss\(\)$/),
    });
    const broken = openPythonChecks(
      { source: 'import numpy as np\nnp.zeros(3)[7]\n' },
      { functions: RETURNS },
    );
    await expect(broken).rejects.toMatchObject({
      verdict: 'runtime_error',
      studentStack: expect.stringContaining('File "homework.py", line 2'),
    });
  });

  it('validates a module before it is queued without running it: compiles, defines the functions, imports resolvable', async () => {
    const bytes = (text: string) => new TextEncoder().encode(text);
    const options = { maxSourceBytes: 64 * 1024 };
    await expect(
      preparePythonChecks(bytes(fixture('torch/hw1.py')), ['discounted_returns', 'gae'], options),
    ).resolves.toBeUndefined();
    // top-level code is never run: this would exit the validator
    await expect(
      preparePythonChecks(bytes('import os\nos._exit(1)\ndef gae(): pass\n'), ['gae'], options),
    ).resolves.toBeUndefined();
    await expect(
      preparePythonChecks(bytes(fixture('numpy/hw1.py')), ['discounted_returns', 'categorical_kl'], options),
    ).rejects.toMatchObject({
      verdict: 'invalid_artifact',
      message: expect.stringMatching(/categorical_kl\(\)/),
    });
    await expect(preparePythonChecks(bytes('def gae(:\n  pass\n'), ['gae'], options)).rejects.toMatchObject({
      verdict: 'invalid_artifact',
      message: expect.stringMatching(/does not compile.*line 1/),
    });
    await expect(
      preparePythonChecks(bytes('import tensorflow as tf\ndef gae(): pass\n'), ['gae'], options),
    ).rejects.toMatchObject({
      verdict: 'invalid_artifact',
      message: expect.stringMatching(/imports `tensorflow`/),
    });
    await expect(
      preparePythonChecks(bytes('x'.repeat(100)), ['gae'], { maxSourceBytes: 10 }),
    ).rejects.toMatchObject({
      verdict: 'invalid_artifact',
      location: expect.objectContaining({ found: '100 bytes' }),
    });
  });
});
