// `npm run simulate -w @critic/infra -- [flags]`: deadline-surge queue simulation for W grader workers.
// Grading time per job: bench/results/grader.json (key `secondsPerJob`, written by apps/grader's bench) when it exists, unless
// --grading-seconds is given (one value or a comma-separated list of scenarios). Writes
// bench/results/scale.json with every input used.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { deadlineSurgeArrivals, gradingTimes } from '../src/sim/arrivals';
import { simulateAutoscaled } from '../src/sim/autoscaled-sim';
import { deployedPolicy } from '../src/sim/capacity';
import { type FleetRow, planFleet } from '../src/sim/plan';

const resultsDir = fileURLToPath(new URL('../../bench/results/', import.meta.url));

const { values } = parseArgs({
  options: {
    'grading-seconds': { type: 'string' },
    students: { type: 'string', default: '300' },
    'per-student': { type: 'string', default: '3' },
    'window-minutes': { type: 'string', default: '30' },
    'ramp-minutes': { type: 'string', default: '10' },
    'cold-start': { type: 'string', default: '150' },
    cv: { type: 'string', default: '0.3' },
    'max-workers': { type: 'string', default: '80' },
    'jobs-per-worker': { type: 'string', default: '4' },
    'provision-seconds': { type: 'string', default: '90' },
    'target-p95': { type: 'string', default: '300' },
    seed: { type: 'string', default: '2026' },
    out: { type: 'string', default: path.join(resultsDir, 'scale.json') },
    'grader-json': { type: 'string', default: path.join(resultsDir, 'grader.json') },
  },
});

function numberFlag(name: string, raw: string | undefined, min: number, integer = false): number {
  const value = Number(raw);
  if (raw === undefined || !Number.isFinite(value) || value < min || (integer && !Number.isInteger(value))) {
    throw new Error(
      `--${name}: expected ${integer ? 'an integer' : 'a number'} >= ${min}, found ${JSON.stringify(raw)}`,
    );
  }
  return value;
}

/** Where the grading time came from, and its values (one scenario each). */
function gradingSeconds(): { source: string; values: number[] } {
  const graderBench = values['grader-json'];
  const flag = values['grading-seconds'];
  if (flag !== undefined) {
    const list = flag.split(',').map((s) => numberFlag('grading-seconds', s.trim(), 0.001));
    return { source: '--grading-seconds flag', values: list };
  }
  if (existsSync(graderBench)) {
    const bench = JSON.parse(readFileSync(graderBench, 'utf8')) as { secondsPerJob?: unknown };
    const v = bench.secondsPerJob;
    if (typeof v !== 'number' || !(v > 0)) {
      throw new Error(
        `${graderBench}: expected a positive number at "secondsPerJob", found ${JSON.stringify(v)}`,
      );
    }
    return { source: `${graderBench} (secondsPerJob)`, values: [v] };
  }
  throw new Error(`no grading time: ${graderBench} does not exist and --grading-seconds was not given`);
}

/** Fargate price of one grader task (1 vCPU, 2 GB) per hour, us-east-1 list price (see README). */
const WORKER_DOLLARS_PER_HOUR = 0.04048 + 2 * 0.004445;

const fmt = (s: number) => (s >= 100 ? `${(s / 60).toFixed(1)} min` : `${s.toFixed(1)} s`);

function main(): void {
  const surge = {
    students: numberFlag('students', values.students, 1, true),
    submissionsPerStudent: numberFlag('per-student', values['per-student'], 1, true),
    windowSeconds: numberFlag('window-minutes', values['window-minutes'], 0.1) * 60,
    rampSeconds: numberFlag('ramp-minutes', values['ramp-minutes'], 0.1) * 60,
    seed: numberFlag('seed', values.seed, 0, true),
  };
  const coldStartSeconds = numberFlag('cold-start', values['cold-start'], 0);
  const cv = numberFlag('cv', values.cv, 0);
  const maxWorkers = numberFlag('max-workers', values['max-workers'], 1, true);
  const targetP95Seconds = numberFlag('target-p95', values['target-p95'], 1);
  const jobsPerWorker = numberFlag('jobs-per-worker', values['jobs-per-worker'], 1, true);
  const provisionSeconds = numberFlag('provision-seconds', values['provision-seconds'], 0);
  const grading = gradingSeconds();
  const arrivals = deadlineSurgeArrivals(surge);
  const lastTenMinutes = arrivals.filter((t) => t >= surge.windowSeconds - 600).length;

  console.log(
    `Deadline surge: ${surge.students} students × ${surge.submissionsPerStudent} submissions = ${arrivals.length} jobs ` +
      `in ${surge.windowSeconds / 60} min (rate ∝ e^(t/${surge.rampSeconds / 60} min); ` +
      `${lastTenMinutes} in the last 10 min), seed ${surge.seed}`,
  );
  console.log(`Grading time per job from ${grading.source}; service times log-normal, cv ${cv}`);
  console.log(
    `Cold start (scale from zero): ${coldStartSeconds} s; target: p95 wait < ${targetP95Seconds} s\n`,
  );

  const scenarios = grading.values.map((meanSeconds, i) => {
    const serviceTimes = gradingTimes(arrivals.length, meanSeconds, cv, surge.seed + 1 + i);
    const plan = planFleet({
      arrivals,
      serviceTimes,
      coldStartSeconds,
      deadline: surge.windowSeconds,
      maxWorkers,
      targetP95Seconds,
    });
    const shown = new Set([1, 2, 4, 8, 12, 16, 24, 32, 48, 64, maxWorkers]);
    if (plan.minWorkers !== undefined) {
      shown.add(plan.minWorkers - 1);
      shown.add(plan.minWorkers);
    }
    console.log(
      `grading ${meanSeconds} s/job (offered work ${fmt(meanSeconds * arrivals.length)} of worker time):`,
    );
    console.log('  W     p50 wait    p95 wait    max wait    last job done vs deadline');
    for (const row of plan.rows.filter((r: FleetRow) => shown.has(r.workers))) {
      const mark = row.workers === plan.minWorkers ? ' ←' : '';
      console.log(
        `  ${String(row.workers).padEnd(4)}  ${fmt(row.p50).padStart(9)}   ${fmt(row.p95).padStart(9)}   ` +
          `${fmt(row.max).padStart(9)}   ${row.drainedAfterDeadline >= 0 ? '+' : '-'}${fmt(Math.abs(row.drainedAfterDeadline))}${mark}`,
      );
    }
    console.log(
      plan.minWorkers === undefined
        ? `  no fleet up to ${maxWorkers} workers keeps p95 < ${targetP95Seconds} s\n`
        : `  minimum workers for p95 < ${targetP95Seconds} s: ${plan.minWorkers}\n`,
    );
    // The deployed policy: step scaling on running + ⌈queued / jobsPerWorker⌉, metric every 60 s, fleet from zero.
    const policyRuns = [];
    let minMaxWorkers: number | undefined;
    for (let cap = 1; cap <= maxWorkers; cap++) {
      const r = simulateAutoscaled({
        arrivals,
        serviceTimes,
        capacityFor: deployedPolicy(jobsPerWorker, cap),
        metricPeriodSeconds: 60,
        provisionSeconds,
      });
      const run = {
        maxWorkers: cap,
        p50: r.p50,
        p95: r.p95,
        max: r.max,
        peakWorkers: r.peakWorkers,
        workerHours: r.workerSeconds / 3600,
        workerDollars: (r.workerSeconds / 3600) * WORKER_DOLLARS_PER_HOUR,
        drainedAfterDeadline: r.lastFinish - surge.windowSeconds,
      };
      policyRuns.push(run);
      if (minMaxWorkers === undefined && r.p95 < targetP95Seconds) minMaxWorkers = cap;
    }
    const pick = policyRuns[(minMaxWorkers ?? maxWorkers) - 1]!;
    console.log(
      `  deployed step policy (jobsPerWorker ${jobsPerWorker}, metric every 60 s, ${provisionSeconds} s to provision):\n` +
        (minMaxWorkers === undefined
          ? `  no maxWorkers up to ${maxWorkers} keeps p95 < ${targetP95Seconds} s; at ${maxWorkers}:`
          : `  smallest maxWorkers for p95 < ${targetP95Seconds} s: ${minMaxWorkers};`) +
        ` p50 ${fmt(pick.p50)}, p95 ${fmt(pick.p95)}, max ${fmt(pick.max)}, peak ${pick.peakWorkers} workers,` +
        ` ${pick.workerHours.toFixed(2)} worker-hours ≈ $${pick.workerDollars.toFixed(2)} for the surge\n`,
    );
    return {
      gradingSecondsPerJob: meanSeconds,
      minWorkers: plan.minWorkers ?? null,
      rows: plan.rows,
      stepPolicy: { jobsPerWorker, provisionSeconds, minMaxWorkers: minMaxWorkers ?? null, runs: policyRuns },
    };
  });

  const result = {
    generatedAt: new Date().toISOString(),
    inputs: {
      gradingSecondsSource: grading.source,
      gradingSecondsPerJob: grading.values,
      serviceTimeCv: cv,
      surge: { ...surge, jobs: arrivals.length, arrivalsInLast10Minutes: lastTenMinutes },
      coldStartSeconds,
      maxWorkers,
      stepPolicy: {
        jobsPerWorker,
        provisionSeconds,
        metricPeriodSeconds: 60,
        workerDollarsPerHour: WORKER_DOLLARS_PER_HOUR,
      },
      targetP95Seconds,
      model:
        'FIFO multi-server queue; each job to the first free worker; rows: all W workers up coldStartSeconds after the first arrival; stepPolicy: fleet from zero following the deployed step scaling on running + ceil(queued / jobsPerWorker)',
    },
    scenarios,
  };
  mkdirSync(path.dirname(values.out), { recursive: true });
  writeFileSync(values.out, `${JSON.stringify(result, null, 2)}\n`);
  console.log(`wrote ${values.out}`);
}

try {
  main();
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(2);
}
