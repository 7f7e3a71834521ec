/**
 * Python-backed env benchmark (writes bench/results/python-envs.json at the repository root):
 *  - HalfCheetah-v5, 100 episodes × 1000 steps graded by Critic with an ONNX MLP (17→64→64→6):
 *    Gymnasium in one sandboxed env child (and in two), onnxruntime-node in the policy child, one
 *    batched act per step; against the same episodes stepped with Gymnasium's own SyncVectorEnv
 *    and onnxruntime in Python (bench/python_envs_reference.py). Goal: overhead ≤ 25%.
 *  - ALE/Pong-v5 (AtariPreprocessing + FrameStack), 10 episodes with a PyTorch CNN policy
 *    (Nature DQN shape, 4×84×84 → 6) as a Python agent's act_batch, on CPU (CUDA when present).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PythonEnvOptions } from '@critic/envs';
import {
  type DenseLayer,
  encodeOnnxMlp,
  evaluateSplits,
  loadPythonRuntime,
  openPolicy,
  openPythonEnvPool,
  type PolicyArtifact,
} from '../src/index';
import { lcg } from '../test/fixtures/mlp';

const OUT = fileURLToPath(new URL('../../../bench/results/python-envs.json', import.meta.url));
const REFERENCE = fileURLToPath(new URL('./python_envs_reference.py', import.meta.url));
const limits = { totalCpuMs: 3_600_000, wallTimeMs: 3_600_000, callTimeoutMs: 60_000 };

function mlp(sizes: number[], seed: number): DenseLayer[] {
  const r = lcg(seed);
  return sizes.slice(1).map((outSize, i) => ({
    inSize: sizes[i]!,
    outSize,
    weight: Float32Array.from({ length: sizes[i]! * outSize }, () => (r() * 2) / Math.sqrt(sizes[i]!)),
    bias: Float32Array.from({ length: outSize }, () => r() * 0.1),
    activation: i + 2 === sizes.length ? 'linear' : 'relu',
  }));
}

async function grade(
  envId: string,
  artifact: PolicyArtifact,
  seeds: number[],
  o: { processes: number; options?: PythonEnvOptions },
) {
  const t0 = performance.now();
  const pool = await openPythonEnvPool(envId, {
    instances: seeds.length,
    processes: o.processes,
    ...(o.options ? { options: o.options } : {}),
  });
  try {
    const policy = await openPolicy(artifact, pool.policySpec, { batchSize: seeds.length, limits });
    try {
      const [r] = await evaluateSplits(policy, {
        envId,
        splits: [{ split: 'public', seeds }],
        vecEnv: (n) => pool.vecEnv(n),
      });
      return { wallMs: performance.now() - t0, episodes: r!.episodes };
    } finally {
      await policy.close();
    }
  } finally {
    await pool.close();
  }
}

const EPISODES = 100;
const STEPS = 1000;
const seeds = Array.from({ length: EPISODES }, (_, i) => 1000 + i);
const onnx = encodeOnnxMlp(mlp([17, 64, 64, 6], 7));
const dir = mkdtempSync(join(tmpdir(), 'critic-bench-'));
writeFileSync(join(dir, 'mlp.onnx'), onnx);

const reference = JSON.parse(
  execFileSync(
    loadPythonRuntime().python,
    [REFERENCE, join(dir, 'mlp.onnx'), String(EPISODES), String(STEPS), '1000'],
    {
      env: { OMP_NUM_THREADS: '1' },
    },
  ).toString('utf8'),
) as { wallMs: number; cpuMs: number; returns: number[] };
const one = await grade('HalfCheetah-v5', { format: 'onnx', model: onnx }, seeds, { processes: 1 });
const two = await grade('HalfCheetah-v5', { format: 'onnx', model: onnx }, seeds, { processes: 2 });
rmSync(dir, { recursive: true, force: true });
const maxReturnDiff = Math.max(...one.episodes.map((e, i) => Math.abs(e.return - reference.returns[i]!)));

const cnnAgent = `
import numpy as np
import torch
from torch import nn

torch.manual_seed(0)
torch.set_num_threads(1)
DEVICE = "cuda" if torch.cuda.is_available() else "cpu"
net = nn.Sequential(
    nn.Conv2d(4, 32, 8, stride=4), nn.ReLU(),
    nn.Conv2d(32, 64, 4, stride=2), nn.ReLU(),
    nn.Conv2d(64, 64, 3, stride=1), nn.ReLU(),
    nn.Flatten(), nn.Linear(3136, 512), nn.ReLU(), nn.Linear(512, 6),
).to(DEVICE).eval()

def act_batch(obs):
    with torch.no_grad():
        x = torch.as_tensor(obs, device=DEVICE).reshape(-1, 4, 84, 84) / 255.0
        return net(x).argmax(dim=1).cpu().numpy()

def act(obs):
    return int(act_batch(obs[None])[0])
`;
const pongSeeds = Array.from({ length: 10 }, (_, i) => 2000 + i);
const pong = await grade(
  'ALE/Pong-v5',
  { format: 'python-agent', files: { 'agent.py': new TextEncoder().encode(cnnAgent) } },
  pongSeeds,
  { processes: 2, options: { atariPreprocessing: true } },
);
const pongSteps = pong.episodes.reduce((a, e) => a + e.length, 0);

const result = {
  date: new Date().toISOString(),
  machine: { cpus: cpus().length, model: cpus()[0]?.model ?? 'unknown' },
  halfCheetah: {
    episodes: EPISODES,
    stepsPerEpisode: STEPS,
    model: 'ONNX MLP 17-64-64-6',
    gymnasiumVectorEnvPlusOnnxruntimePythonMs: Math.round(reference.wallMs),
    criticOneEnvChildMs: Math.round(one.wallMs),
    criticTwoEnvChildrenMs: Math.round(two.wallMs),
    overheadOneChild: +(one.wallMs / reference.wallMs - 1).toFixed(3),
    overheadTwoChildren: +(two.wallMs / reference.wallMs - 1).toFixed(3),
    goalOverhead: 0.25,
    maxReturnDifferenceVsReference: maxReturnDiff,
    note: 'Critic times include starting the sandboxed env and policy children; the reference includes making its envs',
  },
  pong: {
    episodes: pongSeeds.length,
    preprocessing: 'AtariPreprocessing + FrameStackObservation(4)',
    policy: 'PyTorch CNN (Nature DQN shape) as a python-agent act_batch',
    device: 'cpu (no CUDA here; the agent uses CUDA when torch sees one)',
    wallMs: Math.round(pong.wallMs),
    steps: pongSteps,
    stepsPerSecond: Math.round(pongSteps / (pong.wallMs / 1000)),
    meanReturn: pong.episodes.reduce((a, e) => a + e.return, 0) / pong.episodes.length,
  },
};
mkdirSync(dirname(OUT), { recursive: true });
writeFileSync(OUT, `${JSON.stringify(result, null, 2)}\n`);
console.log(JSON.stringify(result, null, 2));
