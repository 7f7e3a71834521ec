/**
 * PPO baseline on a Python-backed env (writes bench/results/ppo-python-env.json at the repository
 * root): the grader's own path — `trainPolicyInChild` trains with @critic/core on InvertedPendulum-v5
 * stepped by Gymnasium in the sandbox over the synchronous pipe, then the exported tfjs policy is
 * graded on 20 seeded episodes through the Python env pool. Goal: mean return ≥ 900.
 * Budget: CRITIC_PPO_BUDGET env steps (default 150,000).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { evaluateSplits, openPolicy, openPythonEnvPool } from '@critic/runner';
import { trainPolicyInChild } from '../src/baselines/train-policy';

const OUT = fileURLToPath(new URL('../../../bench/results/ppo-python-env.json', import.meta.url));
const ENV = 'InvertedPendulum-v5';
const budgetSteps = Number(process.env.CRITIC_PPO_BUDGET ?? 150_000);

const t0 = performance.now();
const trained = await trainPolicyInChild(
  { envId: ENV, algorithm: 'ppo', budgetSteps, seed: 1 },
  { wallTimeMs: 3 * 3_600_000 },
);
const trainMs = performance.now() - t0;
const seeds = Array.from({ length: 20 }, (_, i) => 500 + i);
const pool = await openPythonEnvPool(ENV, { instances: seeds.length, processes: 2 });
const policy = await openPolicy({ format: 'tfjs-layers', zip: trained.zip }, pool.policySpec, {
  batchSize: seeds.length,
});
const [r] = await evaluateSplits(policy, {
  envId: ENV,
  splits: [{ split: 'public', seeds }],
  vecEnv: (n) => pool.vecEnv(n),
});
await policy.close();
await pool.close();
const last = trained.curve.slice(-20);
const result = {
  date: new Date().toISOString(),
  env: ENV,
  budgetSteps,
  trainMs: Math.round(trainMs),
  backend: trained.backend,
  gradedMean: r!.stats.mean,
  gradedMin: r!.stats.min,
  goal: 900,
  reached: r!.stats.mean >= 900,
  lastTrainingReturns: last.map((p) => p.return),
};
mkdirSync(dirname(OUT), { recursive: true });
writeFileSync(OUT, `${JSON.stringify(result, null, 2)}\n`);
console.log(JSON.stringify(result, null, 2));
