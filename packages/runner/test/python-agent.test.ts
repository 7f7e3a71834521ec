import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  evaluateArtifact,
  loadPythonRuntime,
  openPolicy,
  type PolicySpec,
  preparePolicy,
  publicSeeds,
  RunnerError,
} from '../src/index';

const enc = (s: string) => new TextEncoder().encode(s);
const cartPole: PolicySpec = { envId: 'CartPole-v1', observationSize: 4, action: { type: 'discrete', n: 2 } };

const controller = `
def act(obs):
    return 1 if obs[2] + 0.5 * obs[3] > 0 else 0
`;

const batchedController = `
import numpy as np

def act(obs):
    raise AssertionError("act_batch must be used when it exists")

def act_batch(obs_batch):
    return (obs_batch[:, 2] + 0.5 * obs_batch[:, 3] > 0).astype(np.int64)
`;

describe('Python agents on CartPole-v1 (real Python, real bubblewrap)', () => {
  it('the balancing controller scores 500 on every episode, per-step act', async () => {
    const [pub] = await evaluateArtifact(
      { format: 'python-agent', files: { 'agent.py': enc(controller) } },
      { envId: 'CartPole-v1', splits: [{ split: 'public', seeds: publicSeeds('CartPole-v1', 10) }] },
    );
    expect(pub!.episodes).toHaveLength(10);
    for (const e of pub!.episodes) expect(e.return).toBe(500);
  }, 120_000);

  it('the balancing controller scores 500 on every episode through act_batch (100 episodes in one batch)', async () => {
    const [pub] = await evaluateArtifact(
      { format: 'python-agent', zip: zipSync({ 'my_agent/agent.py': enc(batchedController) }) },
      { envId: 'CartPole-v1', splits: [{ split: 'public', seeds: publicSeeds('CartPole-v1', 100) }] },
    );
    expect(pub!.episodes).toHaveLength(100);
    expect(pub!.stats).toMatchObject({ n: 100, mean: 500, min: 500, max: 500 });
  }, 120_000);

  it('refuses before running: no act, a syntax error, an import the runtime lacks, no agent.py', async () => {
    const cases: [Record<string, string>, RegExp][] = [
      [{ 'agent.py': 'def policy(obs):\n    return 0\n' }, /does not define act\(\)/],
      [{ 'agent.py': 'def act(obs)\n    return 0\n' }, /agent\.py does not compile: .*line 1/],
      [{ 'agent.py': 'import sklearn\ndef act(obs):\n    return 0\n' }, /line 1 imports `sklearn`/],
      [
        {
          'agent.py': 'from helpers import pick\ndef act(obs):\n    return pick(obs)\n',
          'helpers.py': 'import gymnasium.spaces\ndef pick(o):\n    return 0\n',
        },
        /^$/,
      ],
      [{ 'policy.py': 'def act(obs):\n    return 0\n' }, /needs an agent\.py/],
    ];
    for (const [files, message] of cases) {
      const artifact = {
        format: 'python-agent' as const,
        files: Object.fromEntries(Object.entries(files).map(([k, v]) => [k, enc(v)])),
      };
      const e = await preparePolicy(artifact, cartPole).then(
        () => null,
        (x: unknown) => x,
      );
      if (message.source === '^$') {
        expect(e).toBeNull(); // a local module importing the runtime's packages is fine
        continue;
      }
      expect(e).toBeInstanceOf(RunnerError);
      expect((e as RunnerError).verdict).toBe('invalid_artifact');
      expect((e as RunnerError).message).toMatch(message);
    }
  }, 120_000);
});

describe('a PyTorch MLP loaded from weights.pt', () => {
  let dir: string;
  beforeAll(() => {
    // The fixture is made by the runtime's own torch: a seeded 4-16-2 MLP, its state_dict and its ONNX export.
    dir = mkdtempSync(join(tmpdir(), 'critic-torch-'));
    const gen = `
import sys, torch
torch.manual_seed(7)
net = torch.nn.Sequential(torch.nn.Linear(4, 16), torch.nn.Tanh(), torch.nn.Linear(16, 2))
torch.save(net.state_dict(), sys.argv[1] + "/weights.pt")
torch.onnx.export(net, torch.zeros(1, 4), sys.argv[1] + "/model.onnx", input_names=["obs"],
                  output_names=["logits"], dynamic_axes={"obs": {0: "batch"}, "logits": {0: "batch"}}, dynamo=False)
`;
    writeFileSync(join(dir, 'gen.py'), gen);
    execFileSync(loadPythonRuntime().python, ['-I', join(dir, 'gen.py'), dir], { stdio: 'ignore', env: {} });
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('gives the same actions as the same network exported to ONNX', async () => {
    const agent = `
import os
import torch

net = torch.nn.Sequential(torch.nn.Linear(4, 16), torch.nn.Tanh(), torch.nn.Linear(16, 2))
net.load_state_dict(torch.load(os.path.join(os.path.dirname(__file__), "weights.pt"), weights_only=True))
net.eval()

def act(obs):
    with torch.no_grad():
        return int(net(torch.as_tensor(obs).unsqueeze(0)).argmax(dim=1))

def act_batch(obs_batch):
    with torch.no_grad():
        return net(torch.as_tensor(obs_batch)).argmax(dim=1)
`;
    const perStep = `${agent.replace(/def act_batch[\s\S]*$/, '')}`;
    const n = 200;
    let s = 12345;
    const obs = Float32Array.from({ length: n * 4 }, () => {
      s = (s * 1103515245 + 12345) % 2 ** 31;
      return (s / 2 ** 31 - 0.5) * 4;
    });
    const weights = new Uint8Array(readFileSync(join(dir, 'weights.pt')));
    const onnx = await openPolicy(
      { format: 'onnx', model: new Uint8Array(readFileSync(join(dir, 'model.onnx'))) },
      cartPole,
      {
        batchSize: n,
      },
    );
    const expected = Array.from(await onnx.actBatch(obs, n).finally(() => onnx.close()));
    expect(new Set(expected).size).toBe(2); // both actions occur: the comparison is not trivial
    for (const source of [agent, perStep]) {
      const policy = await openPolicy(
        { format: 'python-agent', files: { 'agent.py': enc(source), 'weights.pt': weights } },
        cartPole,
        { batchSize: n, limits: { callTimeoutMs: 1_000 } },
      );
      try {
        expect(policy.runtime).toMatch(/^python 3\.11/);
        expect(Array.from(await policy.actBatch(obs, n))).toEqual(expected);
      } finally {
        await policy.close();
      }
    }
  }, 180_000);
});
