import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { critic, tempFiles } from './run-cli';

// `critic eval` of Python agents: the grader's validation, sandbox and seeds, on the student's machine.

const balancing = 'def act(obs):\n    return 1 if obs[2] + 0.5 * obs[3] > 0 else 0\n';
const enc = (s: string) => new TextEncoder().encode(s);

describe('critic eval of a Python agent', () => {
  it('scores agent.py 500 on every public CartPole-v1 episode in the sandbox', async () => {
    const dir = tempFiles({ 'agent.py': balancing });
    const run = await critic`eval ${join(dir, 'agent.py')} --env CartPole-v1 --episodes 5`;
    expect(run.stderr).toContain('5/5 episodes');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/mean\s+500 ± 0/);
  }, 60_000);

  it('a folder with agent.py and its weights (.npz loaded by numpy), and a zip of it, score the same', async () => {
    const dir = tempFiles({});
    const agent = join(dir, 'agent');
    mkdirSync(agent);
    // Linear weights w·obs > 0 ⇔ θ + 0.5·θ̇ > 0, saved by the runtime's numpy format (an .npy inside a zip).
    const source = `
import os
import numpy as np
w = np.load(os.path.join(os.path.dirname(__file__), "weights.npz"))["w"]
def act_batch(obs_batch):
    return (obs_batch @ w > 0).astype(np.int64)
def act(obs):
    return int(obs @ w > 0)
`;
    writeFileSync(join(agent, 'agent.py'), source);
    writeFileSync(join(agent, 'weights.npz'), npz('w', [0, 0, 1, 0.5]));
    const folder = await critic`eval ${agent} --env CartPole-v1 --episodes 4 --json`;
    expect(folder.code, folder.stderr).toBe(0);
    expect(JSON.parse(folder.stdout).stats).toMatchObject({ n: 4, mean: 500 });
    const zipPath = join(dir, 'agent.zip');
    writeFileSync(
      zipPath,
      zipSync({ 'agent/agent.py': enc(source), 'agent/weights.npz': npz('w', [0, 0, 1, 0.5]) }),
    );
    const zipped = await critic`eval ${zipPath} --env CartPole-v1 --episodes 4 --json`;
    expect(zipped.code, zipped.stderr).toBe(0);
    expect(JSON.parse(zipped.stdout).stats).toMatchObject({ n: 4, mean: 500 });
  }, 60_000);

  it('--unsandboxed runs the same agent directly, to the same score', async () => {
    const dir = tempFiles({ 'agent.py': balancing });
    const run =
      await critic`eval ${join(dir, 'agent.py')} --env CartPole-v1 --episodes 3 --unsandboxed --json`;
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout).stats).toMatchObject({ n: 3, mean: 500 });
  }, 60_000);

  it('a verdict exits 1 with the student frames of the stack', async () => {
    const dir = tempFiles({ 'agent.py': 'def act(obs):\n    return obs[10]\n' });
    const run = await critic`eval ${join(dir, 'agent.py')} --env CartPole-v1 --episodes 2`;
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/runtime_error/);
    expect(run.stderr).toMatch(/IndexError/);
    expect(run.stderr).toMatch(/File "agent\.py", line 2, in act/);
  }, 60_000);
});

/** A minimal .npz (a zip of one float64 .npy, format 1.0) holding `values` as array `name`. */
function npz(name: string, values: number[]): Uint8Array {
  const header = `{'descr': '<f8', 'fortran_order': False, 'shape': (${values.length},), }`;
  const padded = header.padEnd(Math.ceil((10 + header.length + 1) / 64) * 64 - 10 - 1, ' ') + '\n';
  const pre = new Uint8Array([
    0x93,
    0x4e,
    0x55,
    0x4d,
    0x50,
    0x59,
    1,
    0,
    padded.length & 0xff,
    padded.length >> 8,
  ]);
  const body = new Uint8Array(new Float64Array(values).buffer);
  const npy = new Uint8Array(pre.length + padded.length + body.length);
  npy.set(pre, 0);
  npy.set(enc(padded), pre.length);
  npy.set(body, pre.length + padded.length);
  return zipSync({ [`${name}.npy`]: npy });
}
