/**
 * Grader benchmark: wall time of `gradeSubmission` (blob read, sandbox start, 100 CartPole-v1 episodes
 * stepped together, trajectories stored, results written) for a 64×64 MLP policy as tfjs-layers, ONNX
 * and a js-agent; sandbox overhead per act call; submissions per minute per worker.
 * Postgres: DATABASE_URL, or an embedded server in a temporary directory.
 * Writes bench/results/grader.json at the repository root.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  createAssignment,
  createCourse,
  createSubmission,
  createTeam,
  createUser,
  type Database,
  enroll,
} from '@critic/db';
import { FsBlobStore } from '@critic/db/blob';
import { createTestDatabase, startTestPostgres } from '@critic/db/test-postgres';
import { make } from '@critic/envs';
import { openPolicy, policySpecFromSpaces } from '@critic/runner';
import { gradeSubmission } from '../src/grading/grade-submission';
import { controllerMlp64, jsAgentSource, onnxBytes, tfjsZip } from '../test/support/mlp-policy';

const OUT = fileURLToPath(new URL('../../../bench/results/grader.json', import.meta.url));
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const EPISODES = 100;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const round = (x: number, d = 3) => Math.round(x * 10 ** d) / 10 ** d;

async function seed(db: Database) {
  const t = Date.now().toString(36);
  const prof = await createUser(db, { email: `prof-${t}@bench.test`, name: 'Prof' });
  const course = await createCourse(db, { slug: `bench-${t}`, title: 'Bench', instructorId: prof.id });
  const student = await createUser(db, { email: `s-${t}@bench.test`, name: 'Student' });
  await enroll(db, course.id, student.id, 'student');
  await createTeam(db, { courseId: course.id, name: 'Bench team', memberIds: [student.id] });
  const assignment = await createAssignment(db, {
    courseId: course.id,
    slug: `cartpole-${t}`,
    title: 'CartPole bench',
    kind: 'agent',
    envId: 'CartPole-v1',
    publicEpisodes: 0,
    privateEpisodes: EPISODES,
    opensAt: new Date(Date.now() - 3_600_000),
    dueAt: new Date(Date.now() + 3_600_000),
    maxDailySubmissions: 1000,
    actTimeMs: 1000,
  });
  return { assignment, student };
}

/** Median per-call time of actBatch(n) for a trivial js-agent: what the sandbox itself costs. */
async function actOverheadUs(n: number, calls: number): Promise<number> {
  const env = make('CartPole-v1');
  const spec = policySpecFromSpaces('CartPole-v1', env.observationSpace, env.actionSpace);
  const policy = await openPolicy({ format: 'js-agent', source: 'export const act = () => 0;' }, spec, {
    batchSize: n,
  });
  try {
    const obs = new Float32Array(n * 4);
    for (let i = 0; i < 50; i++) await policy.actBatch(obs, n);
    const t0 = performance.now();
    for (let i = 0; i < calls; i++) await policy.actBatch(obs, n);
    return ((performance.now() - t0) / calls) * 1000;
  } finally {
    await policy.close();
  }
}

async function main() {
  const pg = await startTestPostgres('grader-bench');
  const tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'critic-grader-bench-'));
  // A fresh database on either server, dropped again at the end.
  const database = await createTestDatabase(pg.url, { label: 'grader_bench', poolMax: 4 });
  const { db } = database;
  const blobs = new FsBlobStore(path.join(tmp, 'blobs'));
  try {
    const { assignment, student } = await seed(db);
    const layers = controllerMlp64(5);
    const artifacts = {
      'tfjs-layers': await tfjsZip(layers),
      onnx: onnxBytes(layers),
      'js-agent': new TextEncoder().encode(jsAgentSource(layers)),
    } as const;
    const formats: Record<string, { medianSeconds: number; runsSeconds: number[]; meanReturn: number }> = {};
    const all: number[] = [];
    for (const [format, bytes] of Object.entries(artifacts) as [keyof typeof artifacts, Uint8Array][]) {
      const runs: number[] = [];
      let meanReturn = Number.NaN;
      for (let r = 0; r < RUNS; r++) {
        // The same artifact graded again as a new submission, exactly as a resubmission would be.
        const ref = await blobs.put(bytes);
        const { job } = await createSubmission(db, {
          assignmentId: assignment.id,
          userId: student.id,
          artifactSha256: ref.sha256,
          artifactSize: ref.size,
          format,
        });
        const t0 = performance.now();
        const outcome = await gradeSubmission(job.payload, { db, blobs });
        const seconds = (performance.now() - t0) / 1000;
        if (outcome.status !== 'succeeded')
          throw new Error(`${format}: ${outcome.verdict} ${outcome.message}`);
        meanReturn = outcome.scores!.private!;
        runs.push(seconds);
        all.push(seconds);
      }
      formats[format] = {
        medianSeconds: round(median(runs)),
        runsSeconds: runs.map((x) => round(x)),
        meanReturn,
      };
    }
    const secondsPerJob = median(all);
    const result = {
      benchmark: 'grader',
      date: new Date().toISOString(),
      machine: {
        cpus: os.cpus().length,
        loadavg: os.loadavg().map((x) => round(x, 2)),
        node: process.version,
      },
      postgres: pg.kind,
      workload: `${EPISODES} CartPole-v1 episodes of 500 steps (a 64×64 ReLU MLP computing the balancing controller), stepped together, one batched act per step; full gradeSubmission (blob, sandbox start, evaluation, trajectories, results)`,
      gradeSeconds: formats,
      goals: {
        tfjsLayersUnder2s: formats['tfjs-layers']!.medianSeconds < 2,
        onnxUnder1s: formats.onnx!.medianSeconds < 1,
      },
      sandboxOverheadPerActUs: {
        batch1: round(await actOverheadUs(1, 500), 1),
        batch100: round(await actOverheadUs(100, 200), 1),
      },
      secondsPerJob: round(secondsPerJob),
      submissionsPerMinutePerWorker: round(60 / secondsPerJob, 1),
    };
    await fs.mkdir(path.dirname(OUT), { recursive: true });
    await fs.writeFile(OUT, `${JSON.stringify(result, null, 2)}\n`);
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  } finally {
    await database.drop();
    await pg.stop();
    await fs.rm(tmp, { recursive: true, force: true });
  }
}

await main();
