import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { makeVec } from '@critic/envs';
import { createAlgorithm, type PpoConfig, presetFor } from '../src/algorithms';

const STEPS = 20_480;
const ROUNDS = 3;

/** CleanRL ppo.py's defaults in Critic's PPO config: the same work per env step as the PyTorch peer. */
const CLEANRL_SETTINGS: { numEnvs: number; config: Partial<PpoConfig> } = {
  numEnvs: 4,
  config: {
    numSteps: 128,
    minibatchSize: 128,
    epochs: 4,
    learningRate: 2.5e-4,
    gamma: 0.99,
    gaeLambda: 0.95,
    clipValueLoss: true,
    entCoef: 0.01,
    annealClip: false,
  },
};

/** Critic's PPO on CartPole-v1 (64-64 MLPs, wasm backend), training steps/s. */
function criticPpoSps(seed: number, settings: { numEnvs: number; config: Partial<PpoConfig> }): number {
  const { numEnvs, config } = settings;
  const agent = createAlgorithm('ppo', makeVec('CartPole-v1', numEnvs), config, { seed });
  agent.learn(2_048); // warm-up (JIT, kernels)
  const start = performance.now();
  const from = agent.globalStep;
  agent.learn(from + STEPS);
  const sps = (agent.globalStep - from) / ((performance.now() - start) / 1000);
  agent.dispose();
  return sps;
}

/** ppo_cartpole_torch.py's steps/s, or the reason it could not run. */
function torchPpoSps(python: string, seed: number): { sps: number; torch: string } | { error: string } {
  const r = spawnSync(
    python,
    [join(import.meta.dirname, 'ppo_cartpole_torch.py'), String(STEPS), String(seed)],
    {
      encoding: 'utf8',
      timeout: 600_000,
    },
  );
  if (r.error) return { error: `${python}: ${r.error.message}` };
  if (r.status !== 0)
    return { error: `${python} exited with ${r.status}: ${(r.stderr || '').trim().split('\n').pop()}` };
  return JSON.parse(r.stdout.trim().split('\n').pop() ?? '{}') as { sps: number; torch: string };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

/**
 * PPO CartPole training speed against a CleanRL-style ppo.py in PyTorch (one thread), measured in
 * interleaved rounds of the same run, so the machine's load hits both; the ratio is the figure.
 */
export function measureSpeed(python: string, log: (s: string) => void) {
  const critic: number[] = [];
  const criticTfjs: number[] = [];
  const criticCleanrl: number[] = [];
  const torch: number[] = [];
  let torchVersion: string | undefined;
  let unavailable: string | undefined;
  for (let round = 0; round < ROUNDS; round++) {
    const preset = presetFor('ppo', 'CartPole-v1');
    critic.push(criticPpoSps(round + 1, preset));
    criticTfjs.push(criticPpoSps(round + 1, { ...preset, config: { ...preset.config, fusedUpdate: false } }));
    criticCleanrl.push(criticPpoSps(round + 1, CLEANRL_SETTINGS));
    if (unavailable === undefined) {
      const t = torchPpoSps(python, round + 1);
      if ('error' in t) unavailable = t.error;
      else {
        torch.push(t.sps);
        torchVersion = t.torch;
      }
    }
    log(
      `speed round ${round + 1}: critic PPO ${Math.round(critic.at(-1)!)} steps/s (tfjs path ${Math.round(criticTfjs.at(-1)!)}, CleanRL's settings ${Math.round(criticCleanrl.at(-1)!)}), torch ${torch.at(-1) === undefined ? '—' : Math.round(torch.at(-1)!)} steps/s`,
    );
  }
  const c = median(critic);
  const ct = median(criticTfjs);
  const cc = median(criticCleanrl);
  const t = torch.length > 0 ? median(torch) : null;
  return {
    setup: `PPO on CartPole-v1, ${STEPS} training steps per round after a warm-up, ${ROUNDS} interleaved rounds, medians. Critic: critic train's preset (8 envs × 32 steps, 10 epochs of minibatches of 256, 64-64 tanh actor and critic; rollout forward and update through FusedPpo's wasm kernels, the default; tfjs on the wasm backend for the rest). Peer: a CleanRL-style ppo.py in PyTorch, one thread (bench/ppo_cartpole_torch.py, written for this benchmark, CleanRL's defaults: 4 envs × 128 steps, 4 epochs × 4 minibatches), on the same machine in the same run.`,
    criticStepsPerSecond: Math.round(c),
    criticRuns: critic.map(Math.round),
    torchStepsPerSecond: t === null ? null : Math.round(t),
    torchRuns: torch.map(Math.round),
    torch:
      unavailable === undefined
        ? { available: true, version: torchVersion }
        : { available: false, reason: unavailable },
    ratio: t === null ? null : +(c / t).toFixed(2),
    goalRatio: 2,
    tfjsPath: {
      setup:
        'The same preset with fusedUpdate: false (rollout forward and update as tfjs ops on the wasm backend), in the same rounds',
      criticStepsPerSecond: Math.round(ct),
      criticRuns: criticTfjs.map(Math.round),
      ratio: t === null ? null : +(ct / t).toFixed(2),
      fusedSpeedup: +(c / ct).toFixed(2),
    },
    sameSettings: {
      setup:
        "Critic's PPO with CleanRL ppo.py's settings (4 envs × 128 steps, 4 epochs × 4 minibatches of 128, clipped value loss, entropy 0.01): the same work per env step as the peer (the preset does 10 epochs per batch, 2.5× the gradient work per env step)",
      criticStepsPerSecond: Math.round(cc),
      criticRuns: criticCleanrl.map(Math.round),
      ratio: t === null ? null : +(cc / t).toFixed(2),
    },
  };
}
