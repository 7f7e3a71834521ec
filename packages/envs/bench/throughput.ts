/**
 * CartPole-v1 throughput through the public API, against Gymnasium's own figures
 * (shared/reference/gym/README.md: 194,000 steps/s single, 16.7 M env-steps/s vectorized × 1024).
 * Writes <repo>/bench/results/envs.json. Usage: `npm run bench` (in packages/envs).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { make, makeVec, Rng } from '../src/index';

const GYMNASIUM_SINGLE_STEPS_PER_S = 194_000;
const GYMNASIUM_VECTOR_STEPS_PER_S = 16_700_000;
const REPEATS = 3;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

/** Single env with TimeLimit (as `make` returns it), random actions, reset on done. */
function singleRun(steps: number): number {
  const env = make<Float32Array, number>('CartPole-v1');
  const rng = new Rng(1);
  env.reset({ seed: 1 });
  let checksum = 0;
  const t0 = performance.now();
  for (let t = 0; t < steps; t++) {
    const r = env.step(env.actionSpace.sample(rng));
    checksum += r.obs[0]!;
    if (r.terminated || r.truncated) env.reset();
  }
  const seconds = (performance.now() - t0) / 1000;
  if (Number.isNaN(checksum)) throw new Error('unreachable');
  return steps / seconds;
}

/** The vector env at `numEnvs` copies, random actions drawn each step, next-step autoreset. */
function vectorRun(numEnvs: number, steps: number): number {
  const env = makeVec('CartPole-v1', numEnvs);
  const rng = new Rng(2);
  const actions = new Uint8Array(numEnvs);
  env.reset({ seed: 2 });
  const t0 = performance.now();
  for (let t = 0; t < steps; t++) {
    for (let i = 0; i < numEnvs; i += 32) {
      let bits = rng.nextUint32();
      const end = Math.min(i + 32, numEnvs);
      for (let j = i; j < end; j++) {
        actions[j] = bits & 1;
        bits >>>= 1;
      }
    }
    env.step(actions);
  }
  const seconds = (performance.now() - t0) / 1000;
  return (numEnvs * steps) / seconds;
}

function measure(run: () => number): { median: number; runs: number[] } {
  run(); // warm-up (JIT)
  const runs = Array.from({ length: REPEATS }, run);
  return { median: median(runs), runs };
}

const single = measure(() => singleRun(2_000_000));
const vector = measure(() => vectorRun(1024, 2000));
const result = {
  benchmark: 'CartPole-v1 throughput through the public API',
  date: new Date().toISOString(),
  machine: { cpus: cpus().length, model: cpus()[0]?.model ?? 'unknown', node: process.version },
  single: {
    setup:
      "make('CartPole-v1') (TimeLimit 500), random actions via actionSpace.sample, reset on done, 2M steps",
    stepsPerSecond: Math.round(single.median),
    runs: single.runs.map(Math.round),
    gymnasiumStepsPerSecond: GYMNASIUM_SINGLE_STEPS_PER_S,
    ratio: +(single.median / GYMNASIUM_SINGLE_STEPS_PER_S).toFixed(1),
    goalRatio: 50,
  },
  vector: {
    setup: "makeVec('CartPole-v1', 1024), random actions drawn each step, 2000 steps, next-step autoreset",
    envStepsPerSecond: Math.round(vector.median),
    runs: vector.runs.map(Math.round),
    gymnasiumEnvStepsPerSecond: GYMNASIUM_VECTOR_STEPS_PER_S,
    ratio: +(vector.median / GYMNASIUM_VECTOR_STEPS_PER_S).toFixed(2),
    goalRatio: 2,
  },
  note: 'median of 3 runs after a warm-up run, one thread',
};

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, '..', '..', '..', 'bench', 'results', 'envs.json');
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`);
process.stdout.write(`${JSON.stringify(result, null, 2)}\nwritten to ${out}\n`);
