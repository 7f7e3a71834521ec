/**
 * Classic-control throughput through the public API, measured side by side with Gymnasium's own
 * envs in the same run (Gymnasium through Python: `$CRITIC_PYTHON`, else `<repo>/.data/python`,
 * else `python3`; see find-python.ts). For each of the five envs: steps/s of one env from `make`
 * (random actions, reset on done) and env-steps/s of `makeVec(id, 1024)` (random actions,
 * next-step autoreset), against `gymnasium.make` and `gymnasium.make_vec(id, 1024)`.
 * Rounds interleave Critic and Gymnasium so machine load hits both alike; figures are medians.
 * Writes <repo>/bench/results/envs.json. Usage: `npm run bench` (in packages/envs).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Box, Discrete, make, makeVec, Rng } from '../src/index';
import { findPython, runPythonJson } from './find-python';

const ENV_IDS = ['CartPole-v1', 'Acrobot-v1', 'MountainCar-v0', 'MountainCarContinuous-v0', 'Pendulum-v1'];
const NUM_ENVS = 1024;
/** Pre-drawn action batches the vector runs cycle through. */
const BANK = 64;
const ROUNDS = 3;
/** Wall seconds per figure (each side). */
const SECONDS = Number(process.env.BENCH_SECONDS ?? 1.5);
const GOAL_SINGLE = 50;
const GOAL_VECTOR = 2;

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = join(here, '..', '..', '..');

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

/** Single env with TimeLimit (as `make` returns it), random actions via actionSpace.sample, reset on done. */
function singleRun(id: string, seconds: number): number {
  const env = make<Float32Array, number | Float32Array>(id);
  const rng = new Rng(1);
  env.reset({ seed: 1 });
  let checksum = 0;
  let steps = 0;
  const t0 = performance.now();
  for (;;) {
    for (let k = 0; k < 10_000; k++) {
      const r = env.step(env.actionSpace.sample(rng));
      checksum += r.obs[0]!;
      if (r.terminated || r.truncated) env.reset();
    }
    steps += 10_000;
    const elapsed = (performance.now() - t0) / 1000;
    if (elapsed >= seconds) {
      if (Number.isNaN(checksum)) throw new Error('unreachable');
      return steps / elapsed;
    }
  }
}

/**
 * The vector env at `numEnvs` copies, next-step autoreset; the actions cycle through BANK batches
 * of uniform random actions drawn beforehand (as the Python side does), so the figure is the step alone.
 */
function vectorRun(id: string, numEnvs: number, seconds: number): { rate: number; kind: string } {
  const env = makeVec(id, numEnvs);
  const rng = new Rng(2);
  const space = env.singleActionSpace;
  const bank = Array.from({ length: BANK }, () =>
    Float32Array.from({ length: numEnvs }, () =>
      space instanceof Discrete
        ? rng.integer(space.n)
        : rng.uniform((space as Box).low[0]!, (space as Box).high[0]!),
    ),
  );
  env.reset({ seed: 2 });
  let steps = 0;
  const t0 = performance.now();
  for (;;) {
    for (let k = 0; k < BANK; k++) env.step(bank[k]!);
    steps += BANK;
    const elapsed = (performance.now() - t0) / 1000;
    if (elapsed >= seconds) return { rate: (numEnvs * steps) / elapsed, kind: env.constructor.name };
  }
}

type GymFigures = { gymnasium: string; single: number; vector: number; vectorKind: string };

const python = findPython(repoRoot);
const script = join(here, 'gymnasium_throughput.py');
const envs: Record<string, unknown>[] = [];
let gymnasiumVersion: string | undefined;
let gymnasiumUnavailable: string | undefined;

for (const id of ENV_IDS) {
  singleRun(id, 0.3); // warm-up (JIT)
  vectorRun(id, NUM_ENVS, 0.3);
  const critic = { single: [] as number[], vector: [] as number[] };
  const gym = { single: [] as number[], vector: [] as number[] };
  let kind = '';
  let gymKind = '';
  for (let round = 0; round < ROUNDS; round++) {
    critic.single.push(singleRun(id, SECONDS));
    const v = vectorRun(id, NUM_ENVS, SECONDS);
    critic.vector.push(v.rate);
    kind = v.kind;
    if (gymnasiumUnavailable !== undefined) continue;
    const g = runPythonJson<GymFigures>(python, [script, id, String(NUM_ENVS), String(SECONDS)], 600_000);
    if (!g.ok) {
      gymnasiumUnavailable = g.error;
      continue;
    }
    gymnasiumVersion = g.value.gymnasium;
    gym.single.push(g.value.single);
    gym.vector.push(g.value.vector);
    gymKind = g.value.vectorKind;
  }
  const single = median(critic.single);
  const vector = median(critic.vector);
  const measured = gym.single.length > 0;
  const gSingle = measured ? median(gym.single) : null;
  const gVector = measured ? median(gym.vector) : null;
  const row = {
    id,
    single: {
      stepsPerSecond: Math.round(single),
      runs: critic.single.map(Math.round),
      gymnasiumStepsPerSecond: gSingle === null ? null : Math.round(gSingle),
      gymnasiumRuns: gym.single.map(Math.round),
      ratio: gSingle === null ? null : +(single / gSingle).toFixed(1),
      goalRatio: GOAL_SINGLE,
      meetsGoal: gSingle === null ? null : single / gSingle >= GOAL_SINGLE,
    },
    vector: {
      kernel: kind,
      envStepsPerSecond: Math.round(vector),
      runs: critic.vector.map(Math.round),
      gymnasiumKind: measured ? gymKind : null,
      gymnasiumEnvStepsPerSecond: gVector === null ? null : Math.round(gVector),
      gymnasiumRuns: gym.vector.map(Math.round),
      ratio: gVector === null ? null : +(vector / gVector).toFixed(2),
      goalRatio: GOAL_VECTOR,
      meetsGoal: gVector === null ? null : vector / gVector >= GOAL_VECTOR,
    },
  };
  envs.push(row);
  process.stderr.write(`${JSON.stringify(row)}\n`);
}

const result = {
  benchmark: 'classic-control throughput through the public API, side by side with Gymnasium',
  date: new Date().toISOString(),
  machine: { cpus: cpus().length, model: cpus()[0]?.model ?? 'unknown', node: process.version },
  gymnasium:
    gymnasiumUnavailable === undefined
      ? { available: true, version: gymnasiumVersion, python }
      : { available: false, python, reason: gymnasiumUnavailable },
  setup: {
    single:
      'make(id) (TimeLimit as registered), random actions via actionSpace.sample, reset on done; Gymnasium: gymnasium.make(id), action_space.sample()',
    vector: `makeVec(id, ${NUM_ENVS}), next-step autoreset, actions cycling through ${BANK} random batches drawn beforehand; Gymnasium: gymnasium.make_vec(id, ${NUM_ENVS}) (its own kernel where registered, SyncVectorEnv otherwise), the same scheme with action_space.sample()`,
    secondsPerFigure: SECONDS,
    rounds: ROUNDS,
  },
  envs,
  note: 'medians of interleaved rounds (Critic, then Gymnasium, each round) after a warm-up; one thread each; ratios are what to compare, absolute figures depend on the load of a shared machine',
};

const out = join(repoRoot, 'bench', 'results', 'envs.json');
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`);
process.stdout.write(`${JSON.stringify(result, null, 2)}\nwritten to ${out}\n`);
