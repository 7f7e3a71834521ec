/**
 * Where PPO's time goes on CartPole (the preset): total steps/s of the tfjs and fused paths, and the
 * split between rollout collection and the update. `npx tsx bench/profile-ppo.ts [steps]`.
 */
import { makeVec } from '@critic/envs';
import { createAlgorithm, presetFor } from '../src/algorithms';
import { selectBackend } from '../src/backend';

await selectBackend({ prefer: ['wasm', 'cpu'] });
const steps = Number(process.argv[2] ?? 10_240);

function timed(fused: boolean) {
  const { numEnvs, config } = presetFor('ppo', 'CartPole-v1');
  const agent = createAlgorithm(
    'ppo',
    makeVec('CartPole-v1', numEnvs),
    { ...config, fusedUpdate: fused },
    { seed: 1 },
  );
  const a = agent as unknown as {
    collect: (r: unknown) => void;
    update: (r: unknown, e: number) => unknown;
    rollout: unknown;
  };
  let collect = 0;
  let update = 0;
  const c0 = a.collect.bind(agent);
  const u0 = a.update.bind(agent);
  a.collect = (r) => {
    const t = performance.now();
    c0(r);
    collect += performance.now() - t;
  };
  a.update = (r, e) => {
    const t = performance.now();
    const out = u0(r, e);
    update += performance.now() - t;
    return out;
  };
  agent.learn(2_048);
  collect = 0;
  update = 0;
  const from = agent.globalStep;
  const t = performance.now();
  agent.learn(from + steps);
  const s = (performance.now() - t) / 1000;
  const n = agent.globalStep - from;
  agent.dispose();
  return {
    fused,
    sps: Math.round(n / s),
    collectMsPerKstep: +((collect / n) * 1000).toFixed(1),
    updateMsPerKstep: +((update / n) * 1000).toFixed(1),
  };
}

for (let round = 0; round < 2; round++) {
  console.log(JSON.stringify(timed(false)));
  console.log(JSON.stringify(timed(true)));
}
