/**
 * Homework benchmark: one student's hw1-returns of 65 cases (5 checks × 13: 3 visible + 10 hidden),
 * graded as the grader does (sandbox start, module import, every call, core's grading), for the same
 * correct solution as a JS/TS module (isolated-vm) and as a numpy module (the Python sandbox).
 * Writes bench/results/homework.json at the repository root.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import { casesFor, gradeCheckCases, type Homework, type HomeworkCases } from '@critic/core';
import { DEFAULT_SANDBOX_LIMITS, loadPythonRuntime, pythonRuntimeVersions } from '@critic/runner';
import type { HomeworkRun } from '../src/grading/homework-run';
import { openJsHomework } from '../src/grading/js-homework';
import { openPythonHomework } from '../src/grading/python-homework';

const OUT = fileURLToPath(new URL('../../../bench/results/homework.json', import.meta.url));
const NUMPY_HW1 = fileURLToPath(
  new URL('../../../packages/runner/test/fixtures/python-homework/numpy/hw1.py', import.meta.url),
);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);

const JS_HW1 = `
export function discountedReturn(rewards: number[], dones: number[], gamma: number): number[] {
  const out = new Array<number>(rewards.length); let g = 0;
  for (let t = rewards.length - 1; t >= 0; t--) { g = rewards[t] + (dones[t] ? 0 : gamma * g); out[t] = g; }
  return out;
}
export function tdTarget(r: number[], v: number[], term: number[], _trunc: number[], gamma: number): number[] {
  return r.map((x, t) => x + (term[t] ? 0 : gamma * v[t]));
}
export function a2cAdvantage(r: number[], values: number[], v: number[], term: number[], trunc: number[], gamma: number): number[] {
  return tdTarget(r, v, term, trunc, gamma).map((y, t) => y - values[t]);
}
export function nStepReturn(r: number[], v: number[], term: number[], trunc: number[], gamma: number, n: number): number[] {
  return r.map((_, t) => {
    let g = 0, k = 0, last = t;
    for (;;) { last = t + k; g += gamma ** k * r[last]; k++; if (term[last] || trunc[last] || k === n || last === r.length - 1) break; }
    return term[last] ? g : g + gamma ** k * v[last];
  });
}
export function gae(r: number[], values: number[], v: number[], term: number[], trunc: number[], gamma: number, lambda: number): number[] {
  const out = new Array<number>(r.length); let a = 0;
  for (let t = r.length - 1; t >= 0; t--) {
    const delta = r[t] + (term[t] ? 0 : gamma * v[t]) - values[t];
    a = delta + (term[t] || trunc[t] ? 0 : gamma * lambda * a); out[t] = a;
  }
  return out;
}
`;

const HOMEWORK: Homework = {
  id: 'hw1-65',
  title: 'hw1-returns, 65 cases',
  items: ['discounted-return', 'td-target', 'a2c-advantage', 'n-step-return', 'gae'].map((checkId) => ({
    checkId,
    points: 10,
    visible: 3,
    hidden: 10,
  })),
};

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const round = (x: number, d = 1) => Math.round(x * 10 ** d) / 10 ** d;
const logger = { warn: (m: string) => process.stderr.write(`${m}\n`) };
const limits = { ...DEFAULT_SANDBOX_LIMITS, callTimeoutMs: 1_000, totalCpuMs: 120_000, wallTimeMs: 120_000 };

/** Open, call every case, grade, close: wall ms split into start (open) and calls; the points. */
async function gradeOnce(open: (cases: HomeworkCases) => Promise<HomeworkRun>, seed: number) {
  const cases = casesFor({ homeworkId: HOMEWORK.id, homework: HOMEWORK, seed });
  const t0 = performance.now();
  const run = await open(cases);
  const t1 = performance.now();
  let points = 0;
  try {
    for (const c of cases.checks) points += gradeCheckCases(c, await run.outcomes(c)).points;
  } finally {
    await run.close();
  }
  const t2 = performance.now();
  return { startMs: t1 - t0, callsMs: t2 - t1, totalMs: t2 - t0, points };
}

async function measure(name: string, open: (cases: HomeworkCases) => Promise<HomeworkRun>) {
  await gradeOnce(open, 0); // warm-up (file cache, JIT)
  const runs = [];
  for (let i = 1; i <= RUNS; i++) runs.push(await gradeOnce(open, i));
  const row = {
    name,
    cases: 65,
    points: runs[0]!.points,
    medianTotalMs: round(median(runs.map((r) => r.totalMs))),
    medianStartMs: round(median(runs.map((r) => r.startMs))),
    medianCallsMs: round(median(runs.map((r) => r.callsMs))),
    perCaseMs: round(median(runs.map((r) => r.callsMs)) / 65, 3),
  };
  process.stderr.write(`${JSON.stringify(row)}\n`);
  return row;
}

async function main(): Promise<void> {
  const js = await measure('js (isolated-vm)', (cases) =>
    openJsHomework({ source: JS_HW1, filename: 'homework.ts' }, cases, {
      limits,
      maxReturnValues: 100_000,
      logger,
    }),
  );
  const python = await measure('python numpy (bubblewrap)', (cases) =>
    openPythonHomework({ source: readFileSync(NUMPY_HW1, 'utf8') }, cases, {
      limits,
      maxReturnValues: 100_000,
      logger,
    }),
  );
  const result = {
    date: new Date().toISOString(),
    machine: { cpus: cpus().length, model: cpus()[0]?.model ?? 'unknown' },
    runtime: pythonRuntimeVersions(loadPythonRuntime()),
    workload:
      'hw1-returns with 65 cases (5 checks × 13), the same correct solution in JS/TS and numpy; open the sandbox, import the module, call every case, grade with core, close; wall time, median of runs after a warm-up',
    runs: RUNS,
    rows: [js, python],
    ratio: {
      totalPythonOverJs: round(python.medianTotalMs / js.medianTotalMs, 2),
      startPythonOverJs: round(python.medianStartMs / js.medianStartMs, 2),
      perCasePythonOverJs: round(python.perCaseMs / js.perCaseMs, 2),
    },
  };
  writeFileSync(OUT, `${JSON.stringify(result, null, 2)}\n`);
  process.stdout.write(`${JSON.stringify(result.ratio)}\n`);
}

await main();
