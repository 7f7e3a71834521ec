import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { makeVec } from '@critic/envs';
import { createAlgorithm, type PpoConfig, presetFor } from '../src/algorithms';

const STEPS = 20_480;
const ROUNDS = 5;

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

/** Training speed: env steps per wall-clock second and per CPU second (user + system) of the process. */
interface Sps {
  sps: number;
  cpuSps: number;
}

/** Critic's PPO on CartPole-v1 (64-64 MLPs, wasm backend), training steps/s. */
function criticPpoSps(seed: number, settings: { numEnvs: number; config: Partial<PpoConfig> }): Sps {
  const { numEnvs, config } = settings;
  const agent = createAlgorithm('ppo', makeVec('CartPole-v1', numEnvs), config, { seed });
  agent.learn(2_048); // warm-up (JIT, kernels)
  const start = performance.now();
  const cpu = process.cpuUsage();
  const from = agent.globalStep;
  agent.learn(from + STEPS);
  const steps = agent.globalStep - from;
  const used = process.cpuUsage(cpu);
  const sps = steps / ((performance.now() - start) / 1000);
  agent.dispose();
  return { sps, cpuSps: steps / ((used.user + used.system) / 1e6) };
}

/** ppo_cartpole_torch.py's steps/s, or the reason it could not run. */
function torchPpoSps(python: string, seed: number): (Sps & { torch: string }) | { error: string } {
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
  return JSON.parse(r.stdout.trim().split('\n').pop() ?? '{}') as Sps & { torch: string };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

/** Median of the wall-clock and of the CPU-time figures, and each round's. */
function summarize(runs: Sps[]) {
  return {
    stepsPerSecond: Math.round(median(runs.map((r) => r.sps))),
    cpuStepsPerSecond: Math.round(median(runs.map((r) => r.cpuSps))),
    runs: runs.map((r) => Math.round(r.sps)),
    cpuRuns: runs.map((r) => Math.round(r.cpuSps)),
  };
}

function ratio(a: number, b: number | undefined): number | null {
  return b === undefined ? null : +(a / b).toFixed(2);
}

/**
 * PPO CartPole training speed against a CleanRL-style ppo.py in PyTorch (one thread), measured in
 * interleaved rounds of the same run, so the machine's load hits both; the ratios are the figures.
 * Each side reports steps per wall-clock second and per CPU second of its own process: on a shared,
 * loaded machine the wall clock swings with whatever else runs during a round, CPU time much less.
 */
export function measureSpeed(python: string, log: (s: string) => void) {
  const critic: Sps[] = [];
  const criticTfjs: Sps[] = [];
  const criticCleanrl: Sps[] = [];
  const torch: Sps[] = [];
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
        torch.push(t);
        torchVersion = t.torch;
      }
    }
    const show = (r: Sps | undefined) =>
      r === undefined ? '—' : `${Math.round(r.sps)} (${Math.round(r.cpuSps)} per CPU s)`;
    log(
      `speed round ${round + 1}: critic PPO ${show(critic.at(-1))}, tfjs path ${show(criticTfjs.at(-1))}, CleanRL's settings ${show(criticCleanrl.at(-1))}, torch ${show(torch.at(-1))} steps/s`,
    );
  }
  const c = summarize(critic);
  const ct = summarize(criticTfjs);
  const cc = summarize(criticCleanrl);
  const t = torch.length > 0 ? summarize(torch) : undefined;
  return {
    setup: `PPO on CartPole-v1, ${STEPS} training steps per round after a warm-up, ${ROUNDS} interleaved rounds, medians; steps per wall-clock second and per CPU second (user + system of each process). Critic: critic train's preset (8 envs × 32 steps, 10 epochs of minibatches of 256, 64-64 tanh actor and critic; rollout forward and update through FusedPpo's wasm kernels, the default). Peer: a CleanRL-style ppo.py in PyTorch, one thread (bench/ppo_cartpole_torch.py, written for this benchmark, CleanRL's defaults: 4 envs × 128 steps, 4 epochs × 4 minibatches), on the same machine in the same run.`,
    criticStepsPerSecond: c.stepsPerSecond,
    criticRuns: c.runs,
    criticCpuStepsPerSecond: c.cpuStepsPerSecond,
    criticCpuRuns: c.cpuRuns,
    torchStepsPerSecond: t?.stepsPerSecond ?? null,
    torchRuns: t?.runs ?? [],
    torchCpuStepsPerSecond: t?.cpuStepsPerSecond ?? null,
    torchCpuRuns: t?.cpuRuns ?? [],
    torch:
      unavailable === undefined
        ? { available: true, version: torchVersion }
        : { available: false, reason: unavailable },
    ratio: ratio(c.stepsPerSecond, t?.stepsPerSecond),
    cpuRatio: ratio(c.cpuStepsPerSecond, t?.cpuStepsPerSecond),
    goalRatio: 2,
    tfjsPath: {
      setup:
        'The same preset with fusedUpdate: false (rollout forward and update as tfjs ops on the wasm backend), in the same rounds',
      criticStepsPerSecond: ct.stepsPerSecond,
      criticRuns: ct.runs,
      criticCpuStepsPerSecond: ct.cpuStepsPerSecond,
      criticCpuRuns: ct.cpuRuns,
      ratio: ratio(ct.stepsPerSecond, t?.stepsPerSecond),
      cpuRatio: ratio(ct.cpuStepsPerSecond, t?.cpuStepsPerSecond),
      fusedSpeedup: ratio(c.stepsPerSecond, ct.stepsPerSecond),
      fusedCpuSpeedup: ratio(c.cpuStepsPerSecond, ct.cpuStepsPerSecond),
    },
    sameSettings: {
      setup:
        "Critic's PPO with CleanRL ppo.py's settings (4 envs × 128 steps, 4 epochs × 4 minibatches of 128, clipped value loss, entropy 0.01): the same work per env step as the peer (the preset does 10 epochs per batch, 2.5× the gradient work per env step)",
      criticStepsPerSecond: cc.stepsPerSecond,
      criticRuns: cc.runs,
      criticCpuStepsPerSecond: cc.cpuStepsPerSecond,
      criticCpuRuns: cc.cpuRuns,
      ratio: ratio(cc.stepsPerSecond, t?.stepsPerSecond),
      cpuRatio: ratio(cc.cpuStepsPerSecond, t?.cpuStepsPerSecond),
    },
  };
}
