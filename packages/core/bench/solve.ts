/**
 * `npm run bench` in packages/core: for each run and seed, trains until the greedy policy's mean
 * return over 100 evaluation episodes reaches the env's threshold (checked periodically) or the
 * budget is spent; writes steps-to-threshold, wall time and training SPS to bench/results/core.json.
 *
 *   npm run bench -- --runs ppo-cartpole,dqn-cartpole --seeds 1,2,3 --budget 50000 --eval-every 5000 --skip-backends
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { makeVec } from '@critic/envs';
import { type Algorithm, createAlgorithm, evaluatePolicy } from '../src/algorithms';
import { selectBackend } from '../src/backend';
import type { MetricsLogger } from '../src/logger';
import { compareBackends } from './backends';
import { BENCH_RUNS, type BenchRun, settingsOf } from './runs';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: BENCH_RUNS.map((r) => r.id).join(',') },
    seeds: { type: 'string', default: '1,2,3' },
    budget: { type: 'string' },
    'eval-every': { type: 'string' },
    'eval-episodes': { type: 'string', default: '100' },
    backend: { type: 'string', default: 'wasm' },
    'skip-backends': { type: 'boolean', default: false },
    out: { type: 'string', default: resolve(import.meta.dirname, '../../../bench/results/core.json') },
  },
});

const ids = values.runs.split(',').filter(Boolean);
const unknown = ids.filter((id) => !BENCH_RUNS.some((r) => r.id === id));
if (unknown.length > 0) {
  throw new Error(
    `--runs: unknown run(s) ${unknown.join(', ')}; known: ${BENCH_RUNS.map((r) => r.id).join(', ')}`,
  );
}
const seeds = values.seeds.split(',').map(Number);
const evalEpisodes = Number(values['eval-episodes']);
const backend = await selectBackend({ prefer: [values.backend as 'wasm' | 'cpu', 'cpu'] });
const log = (s: string) => process.stderr.write(`${s}\n`);

function build(run: BenchRun, seed: number, logger: MetricsLogger): Algorithm<object> {
  const { numEnvs, config } = settingsOf(run);
  return createAlgorithm(run.algo, makeVec(run.env, numEnvs), config, { seed, logger, envId: run.env });
}

interface SeedResult {
  seed: number;
  solved: boolean;
  stepsToThreshold: number | null;
  stepsTrained: number;
  wallSeconds: number;
  trainSeconds: number;
  trainSps: number;
  lastEvalMean: number | null;
}

function runSeed(run: BenchRun, seed: number): SeedResult {
  const budget = values.budget ? Number(values.budget) : run.budget;
  const evalEvery = values['eval-every']
    ? Number(values['eval-every'])
    : Math.max(1000, Math.round(budget / 40));
  const agent = build(run, seed, { log() {} });
  const evalEnv = makeVec(run.env, 10);
  const greedy = (o: Float32Array, n: number) => agent.greedyActions(o, n);
  const start = performance.now();
  let evalMs = 0;
  let nextEval = evalEvery;
  let solvedAt: number | null = null;
  let lastEval: number | null = null;
  agent.learn(budget, ({ step }) => {
    if (step < nextEval) return undefined;
    nextEval += evalEvery;
    const t0 = performance.now();
    // A 10-episode screen first; the full evaluation only when it clears the threshold.
    const screen = evaluatePolicy(evalEnv, greedy, {
      episodes: 10,
      seed: 1_000_000 + step,
      action: agent.action,
    });
    lastEval = screen.meanReturn;
    if (screen.meanReturn >= run.threshold) {
      const full = evaluatePolicy(evalEnv, greedy, {
        episodes: evalEpisodes,
        seed: 2_000_000,
        action: agent.action,
      });
      lastEval = full.meanReturn;
      if (full.meanReturn >= run.threshold) solvedAt = step;
    }
    evalMs += performance.now() - t0;
    const elapsed = (performance.now() - start - evalMs) / 1000;
    log(
      `  ${run.id} seed ${seed}: ${step} steps, eval ${lastEval.toFixed(1)}, ${(step / elapsed).toFixed(0)} train steps/s`,
    );
    return solvedAt === null ? undefined : false;
  });
  const wall = (performance.now() - start) / 1000;
  const train = wall - evalMs / 1000;
  const result: SeedResult = {
    seed,
    solved: solvedAt !== null,
    stepsToThreshold: solvedAt,
    stepsTrained: agent.globalStep,
    wallSeconds: round(wall),
    trainSeconds: round(train),
    trainSps: Math.round(agent.globalStep / train),
    lastEvalMean: lastEval,
  };
  agent.dispose();
  agent.env.close();
  evalEnv.close();
  return result;
}

function round(x: number): number {
  return Math.round(x * 100) / 100;
}

// cpu vs wasm on the same short runs, so the default backend choice is a measured one.
const backendSpeeds = !values['skip-backends']
  ? await compareBackends(['wasm', 'cpu'], { ppo: 10_240, dqn: 5_000 }, backend)
  : undefined;
if (backendSpeeds) {
  for (const b of backendSpeeds)
    log(`backend ${b.backend}: PPO ${b.ppoSps} steps/s, DQN ${b.dqnSps} steps/s`);
}

const results = [];
for (const id of ids) {
  const run = BENCH_RUNS.find((r) => r.id === id)!;
  log(
    `${run.id}: ${run.algo.toUpperCase()} on ${run.env}, threshold ${run.threshold}, budget ${values.budget ?? run.budget}`,
  );
  const perSeed = seeds.map((seed) => runSeed(run, seed));
  const solved = perSeed.filter((s) => s.solved);
  results.push({
    id: run.id,
    algorithm: run.algo,
    env: run.env,
    numEnvs: settingsOf(run).numEnvs,
    threshold: run.threshold,
    budget: values.budget ? Number(values.budget) : run.budget,
    config: settingsOf(run).config,
    solvedSeeds: `${solved.length}/${perSeed.length}`,
    medianStepsToThreshold: median(solved.map((s) => s.stepsToThreshold!)),
    meanTrainSps: Math.round(perSeed.reduce((a, s) => a + s.trainSps, 0) / perSeed.length),
    seeds: perSeed,
  });
  log(`${run.id}: solved ${solved.length}/${perSeed.length}`);
}

function median(xs: number[]): number | null {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor((s.length - 1) / 2)]!;
}

// Runs not measured this time keep their previous figures.
const previous = existsSync(values.out)
  ? ((JSON.parse(readFileSync(values.out, 'utf8')) as { results?: { id: string }[] }).results ?? [])
  : [];
const merged = [...previous.filter((p) => !ids.includes(p.id)), ...results].sort(
  (a, b) => BENCH_RUNS.findIndex((r) => r.id === a.id) - BENCH_RUNS.findIndex((r) => r.id === b.id),
);

const report = {
  benchmark: 'core: steps to the reward threshold (greedy mean over evaluation episodes)',
  date: new Date().toISOString(),
  machine: {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? 'unknown',
    loadavg: loadavg(),
    node: process.version,
  },
  backend,
  ...(backendSpeeds ? { backendSpeeds } : {}),
  evalEpisodes,
  results: merged,
};
mkdirSync(dirname(values.out), { recursive: true });
writeFileSync(values.out, `${JSON.stringify(report, null, 2)}\n`);
log(`wrote ${values.out}`);
