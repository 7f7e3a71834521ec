import { makeVec } from '@critic/envs';
import * as tf from '@tensorflow/tfjs';
import { createAlgorithm } from '../src/algorithms';
import { type BackendName, selectBackend } from '../src/backend';

/** Training steps/s of PPO and DQN on CartPole-v1 (default presets) on one backend. */
export interface BackendSpeed {
  backend: BackendName;
  ppoSps: number;
  dqnSps: number;
}

function sps(algo: 'ppo' | 'dqn', numEnvs: number, steps: number): number {
  const agent = createAlgorithm(
    algo,
    makeVec('CartPole-v1', numEnvs),
    algo === 'dqn' ? { learningStarts: 500 } : {},
    {
      seed: 1,
    },
  );
  const start = performance.now();
  agent.learn(steps);
  const seconds = (performance.now() - start) / 1000;
  agent.dispose();
  return Math.round(agent.globalStep / seconds);
}

/**
 * Measures each backend on the same short PPO and DQN runs (the learners' tiny MLPs are
 * dominated by per-op overhead, so the faster backend is not obvious); leaves `restore` active.
 */
export async function compareBackends(
  backends: readonly BackendName[],
  steps: { ppo: number; dqn: number },
  restore: BackendName,
): Promise<BackendSpeed[]> {
  const out: BackendSpeed[] = [];
  for (const backend of backends) {
    await selectBackend({ prefer: [backend] });
    // A short warm-up first, so kernel set-up and JIT compilation are not timed.
    sps('ppo', 8, 2048);
    sps('dqn', 4, 2000);
    out.push({ backend, ppoSps: sps('ppo', 8, steps.ppo), dqnSps: sps('dqn', 4, steps.dqn) });
  }
  await selectBackend({ prefer: [restore] });
  if (tf.getBackend() !== restore)
    throw new Error(`compareBackends: could not restore the ${restore} backend`);
  return out;
}
