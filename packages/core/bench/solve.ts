/**
 * `npm run bench` in packages/core: what a user of `critic train` gets. For each run × seed it
 * trains exactly as `critic train` does (the env's preset, evaluation during training with the
 * best checkpoint kept, `trainWithEvaluation`), exports the policy, and scores the exported policy
 * greedily on 100 fresh episodes (seeds disjoint from training and from the training-time
 * evaluations) in Critic's env and in real Gymnasium (through Python: `$CRITIC_PYTHON`, else
 * `<repo>/.data/python/bin/python`, else `python3`). First passage (the first training-time
 * evaluation at or over the threshold) is kept as a secondary figure. Writes bench/results/core.json.
 *
 *   npm run bench -- --runs ppo-cartpole,dqn-cartpole --seeds 1,2,3 --skip-backends --skip-speed
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { makeVec } from '@critic/envs';
import {
  type Algorithm,
  createAlgorithm,
  EVALUATION_DEFAULTS,
  evaluationSeed,
  trainWithEvaluation,
} from '../src/algorithms';
import { selectBackend } from '../src/backend';
import { loadPolicy } from '../src/policies/export';
import { compareBackends } from './backends';
import { evaluateInCritic, evaluateInGymnasium, findPython } from './gymnasium-policy';
import { BENCH_RUNS, type BenchRun, settingsOf } from './runs';
import { measureSpeed } from './speed';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: BENCH_RUNS.map((r) => r.id).join(',') },
    seeds: { type: 'string', default: '1,2,3' },
    budget: { type: 'string' },
    'final-episodes': { type: 'string', default: '100' },
    backend: { type: 'string', default: 'wasm' },
    'skip-backends': { type: 'boolean', default: false },
    'skip-speed': { type: 'boolean', default: false },
    out: { type: 'string', default: resolve(import.meta.dirname, '../../../bench/results/core.json') },
  },
});

const repoRoot = resolve(import.meta.dirname, '../../..');
const ids = values.runs.split(',').filter(Boolean);
const unknown = ids.filter((id) => !BENCH_RUNS.some((r) => r.id === id));
if (unknown.length > 0) {
  throw new Error(
    `--runs: unknown run(s) ${unknown.join(', ')}; known: ${BENCH_RUNS.map((r) => r.id).join(', ')}`,
  );
}
const seeds = values.seeds.split(',').map(Number);
const finalEpisodes = Number(values['final-episodes']);
const backend = await selectBackend({ prefer: [values.backend as 'wasm' | 'cpu', 'cpu'] });
const python = findPython(repoRoot);
const log = (s: string) => process.stderr.write(`${s}\n`);

function build(run: BenchRun, seed: number): Algorithm<object> {
  const { numEnvs, config } = settingsOf(run);
  return createAlgorithm(run.algo, makeVec(run.env, numEnvs), config, { seed, envId: run.env });
}

/** Seeds of the final evaluation: 100 per training seed, far from training (seed + i) and evaluation (1e6 + 1000·seed + i). */
function finalSeeds(seed: number): number[] {
  return Array.from({ length: finalEpisodes }, (_, k) => 2_000_000 + 1_000 * seed + k);
}

function summary(returns: number[], threshold: number) {
  const mean = returns.reduce((a, b) => a + b, 0) / returns.length;
  const std = Math.sqrt(returns.reduce((a, b) => a + (b - mean) ** 2, 0) / returns.length);
  return { mean: round(mean), std: round(std), min: round(Math.min(...returns)), solved: mean >= threshold };
}

async function runSeed(run: BenchRun, seed: number) {
  const budget = values.budget ? Number(values.budget) : run.budget;
  const agent = build(run, seed);
  const evalEnv = makeVec(run.env, EVALUATION_DEFAULTS.numEnvs);
  const start = performance.now();
  const outcome = trainWithEvaluation(agent, budget, {
    evalEnv,
    evalEvery: EVALUATION_DEFAULTS.every,
    evalEpisodes: EVALUATION_DEFAULTS.episodes,
    evalSeed: evaluationSeed(seed),
    onEvaluation: (e, isBest) =>
      log(
        `  ${run.id} seed ${seed}: ${e.step} steps, eval ${e.meanReturn.toFixed(1)}${isBest ? ' (best)' : ''}`,
      ),
  });
  const wall = (performance.now() - start) / 1000;
  const train = wall - outcome.evalSeconds;
  const policy = await loadPolicy(await agent.exportPolicy());
  const episodeSeeds = finalSeeds(seed);
  const critic = summary(evaluateInCritic(policy, run.env, episodeSeeds), run.threshold);
  const gym = evaluateInGymnasium(python, policy, run.env, episodeSeeds);
  const gymnasium = 'error' in gym ? { unavailable: gym.error } : summary(gym.returns, run.threshold);
  policy.dispose();
  const firstPassage = outcome.evaluations.find((e) => e.meanReturn >= run.threshold)?.step ?? null;
  log(
    `  ${run.id} seed ${seed}: final policy (best checkpoint at ${outcome.best.step}) critic ${critic.mean}, gymnasium ${'mean' in gymnasium ? gymnasium.mean : gymnasium.unavailable}`,
  );
  const result = {
    seed,
    final: { critic, gymnasium },
    exportedCheckpointStep: outcome.best.step,
    restoredBest: outcome.restoredBest,
    lastIterateEvalMean: round(outcome.last.meanReturn),
    firstPassageStep: firstPassage,
    evaluations: outcome.evaluations.map((e) => [e.step, round(e.meanReturn)]),
    stepsTrained: agent.globalStep,
    trainSeconds: round(train),
    evalSeconds: round(outcome.evalSeconds),
    trainSps: Math.round(agent.globalStep / train),
  };
  agent.dispose();
  agent.env.close();
  evalEnv.close();
  return result;
}

function round(x: number): number {
  return Math.round(x * 100) / 100;
}

function median(xs: number[]): number | null {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor((s.length - 1) / 2)]!;
}

// cpu vs wasm on the same short runs, so the default backend choice is a measured one.
const backendSpeeds = !values['skip-backends']
  ? await compareBackends(['wasm', 'cpu'], { ppo: 10_240, dqn: 5_000 }, backend)
  : undefined;
if (backendSpeeds) {
  for (const b of backendSpeeds)
    log(`backend ${b.backend}: PPO ${b.ppoSps} steps/s, DQN ${b.dqnSps} steps/s`);
}
const speed = values['skip-speed'] ? undefined : measureSpeed(python, log);

const results = [];
for (const id of ids) {
  const run = BENCH_RUNS.find((r) => r.id === id)!;
  const budget = values.budget ? Number(values.budget) : run.budget;
  log(`${run.id}: ${run.algo.toUpperCase()} on ${run.env}, threshold ${run.threshold}, budget ${budget}`);
  const perSeed: Awaited<ReturnType<typeof runSeed>>[] = [];
  for (const seed of seeds) perSeed.push(await runSeed(run, seed));
  const count = (f: (s: (typeof perSeed)[number]) => boolean) =>
    `${perSeed.filter(f).length}/${perSeed.length}`;
  results.push({
    id: run.id,
    algorithm: run.algo,
    env: run.env,
    command: `npx critic train ${run.algo} --env ${run.env} --steps ${budget} --seed <seed>`,
    numEnvs: settingsOf(run).numEnvs,
    threshold: run.threshold,
    budget,
    config: settingsOf(run).config,
    finalSolvedCritic: count((s) => s.final.critic.solved),
    finalSolvedGymnasium: count((s) => 'solved' in s.final.gymnasium && s.final.gymnasium.solved),
    firstPassageMedianStep: median(
      perSeed.flatMap((s) => (s.firstPassageStep === null ? [] : [s.firstPassageStep])),
    ),
    meanTrainSps: Math.round(perSeed.reduce((a, s) => a + s.trainSps, 0) / perSeed.length),
    seeds: perSeed,
  });
  log(
    `${run.id}: final policy solved ${results.at(-1)!.finalSolvedCritic} (Critic), ${results.at(-1)!.finalSolvedGymnasium} (Gymnasium)`,
  );
}

// Runs not measured this time keep their previous figures (same report version only).
const VERSION = 2;
const previousReport = existsSync(values.out)
  ? (JSON.parse(readFileSync(values.out, 'utf8')) as {
      version?: number;
      results?: { id: string }[];
      speed?: unknown;
    })
  : undefined;
const previous = previousReport?.version === VERSION ? (previousReport.results ?? []) : [];
const merged = [...previous.filter((p) => !ids.includes(p.id)), ...results].sort(
  (a, b) => BENCH_RUNS.findIndex((r) => r.id === a.id) - BENCH_RUNS.findIndex((r) => r.id === b.id),
);

const report = {
  benchmark:
    "core: the exported policy at the end of `critic train`'s budget (best checkpoint of evaluation during training), greedy on 100 fresh episodes in Critic's env and in real Gymnasium; first passage secondary",
  version: VERSION,
  date: new Date().toISOString(),
  machine: {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? 'unknown',
    loadavg: loadavg(),
    node: process.version,
  },
  backend,
  python,
  evaluationDuringTraining: EVALUATION_DEFAULTS,
  finalEpisodes,
  ...(backendSpeeds ? { backendSpeeds } : {}),
  ...(speed
    ? { speed }
    : previousReport?.version === VERSION && previousReport.speed
      ? { speed: previousReport.speed }
      : {}),
  results: merged,
};
mkdirSync(dirname(values.out), { recursive: true });
writeFileSync(values.out, `${JSON.stringify(report, null, 2)}\n`);
log(`wrote ${values.out}`);
