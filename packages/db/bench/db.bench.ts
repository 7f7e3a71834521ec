// `npm run bench` (packages/db): leaderboard latency on 200 teams × 50 submissions × 100 episodes, and queue
// throughput of 4 worker processes. Writes bench/results/db.json at the repository root.
import { spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { repoRoot } from '../src/env';
import { schema } from '../src/index';
import { createAssignment } from '../src/queries/assignments';
import { leaderboard } from '../src/queries/leaderboard';
import { createCourse, createUser } from '../src/queries/people';
import { refreshBoardScores } from '../src/queries/scores';
import { createTestDatabase, startTestPostgres } from '../src/test-postgres';

const TEAMS = 200;
const SUBMISSIONS_PER_TEAM = 50;
const EPISODES_PER_SUBMISSION = 100; // 50 public + 50 private
const LEADERBOARD_RUNS = Number(process.env.CRITIC_BENCH_LB_RUNS ?? 400);
const QUEUE_JOBS = Number(process.env.CRITIC_BENCH_JOBS ?? 3000);
const WORKERS = 4;

const log = (m: string) => process.stderr.write(`[db bench] ${m}\n`);
const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

const pg = await startTestPostgres('db-bench');
const bench = await createTestDatabase(pg.url, { label: 'bench', poolMax: 4 });
const { db, sql, url } = bench;

try {
  // ---- bulk load ----
  const t0 = performance.now();
  const prof = await createUser(db, { email: 'bench-prof@uni.test', name: 'Prof' });
  const course = await createCourse(db, { slug: 'bench', title: 'Bench', instructorId: prof.id });
  const now = Date.now();
  const assignment = await createAssignment(db, {
    courseId: course.id,
    slug: 'cartpole',
    title: 'CartPole',
    kind: 'agent',
    envId: 'CartPole-v1',
    publicEpisodes: 50,
    privateEpisodes: 50,
    opensAt: new Date(now - 30 * 86_400_000),
    dueAt: new Date(now - 86_400_000),
    lateUntil: new Date(now + 86_400_000),
    latePenalty: 0.1,
  });
  const users = Array.from({ length: TEAMS }, (_, i) => ({
    id: randomUUID(),
    email: `s${i}@bench.test`,
    name: `Student ${i}`,
  }));
  await db.insert(schema.users).values(users);
  await db
    .insert(schema.enrollments)
    .values(users.map((x) => ({ courseId: course.id, userId: x.id, role: 'student' as const })));
  const teams = users.map((x, i) => ({
    id: randomUUID(),
    courseId: course.id,
    name: `Team ${i}`,
    member: x.id,
  }));
  await db.insert(schema.teams).values(teams.map(({ member: _m, ...t }) => t));
  await db
    .insert(schema.teamMembers)
    .values(teams.map((t) => ({ teamId: t.id, courseId: course.id, userId: t.member })));

  let rng = 12345;
  const rand = () => {
    rng = (rng * 1103515245 + 12345) % 2147483648;
    return rng / 2147483648;
  };
  const subs: (typeof schema.submissions.$inferInsert)[] = [];
  const evals: (typeof schema.evaluations.$inferInsert)[] = [];
  for (const t of teams) {
    const skill = 50 + rand() * 400;
    for (let k = 0; k < SUBMISSIONS_PER_TEAM; k++) {
      const id = randomUUID();
      const submittedAt = new Date(now - 29 * 86_400_000 + rand() * 29 * 86_400_000);
      subs.push({
        id,
        assignmentId: assignment.id,
        teamId: t.id,
        submittedBy: t.member,
        artifactSha256: randomBytes(32).toString('hex'),
        artifactSize: 1000,
        format: 'tfjs-layers',
        status: 'succeeded',
        scoredAttempt: 1,
        isLate: submittedAt.getTime() > now - 86_400_000,
        submittedAt,
        queuedAt: submittedAt,
        startedAt: submittedAt,
        finishedAt: submittedAt,
      });
      for (const split of ['public', 'private'] as const) {
        const mean = Math.min(500, skill * (0.6 + rand() * 0.5));
        evals.push({
          id: randomUUID(),
          submissionId: id,
          assignmentId: assignment.id,
          attempt: 1,
          split,
          n: EPISODES_PER_SUBMISSION / 2,
          mean,
          std: 20,
          ciLow: mean - 5.5,
          ciHigh: mean + 5.5,
          iqm: mean,
          min: mean - 40,
          max: mean + 40,
          graderVersion: 'bench',
          envVersion: 'CartPole-v1',
        });
      }
    }
  }
  for (let i = 0; i < subs.length; i += 1000)
    await db.insert(schema.submissions).values(subs.slice(i, i + 1000));
  for (let i = 0; i < evals.length; i += 1000)
    await db.insert(schema.evaluations).values(evals.slice(i, i + 1000));
  await refreshBoardScores(db, { assignmentId: assignment.id });
  function* episodeLines() {
    for (const e of evals) {
      for (let i = 0; i < EPISODES_PER_SUBMISSION / 2; i++) {
        const ret = Math.round(e.mean! + (rand() - 0.5) * 60);
        yield `${e.id}\t${i}\t${(i * 2654435761) % 4294967296}\t${ret}\t${Math.max(1, ret)}\tf\tt\n`;
      }
    }
  }
  const copy =
    await sql`copy episodes (evaluation_id, index, seed, return, length, terminated, truncated) from stdin`.writable();
  await pipeline(Readable.from(episodeLines()), copy);
  await sql`analyze`;
  const loadMs = performance.now() - t0;
  const [{ n: episodeCount }] = (await sql`select count(*)::int as n from episodes`) as unknown as [
    { n: number },
  ];
  log(
    `loaded ${subs.length} submissions, ${evals.length} evaluations, ${episodeCount} episodes in ${(loadMs / 1000).toFixed(1)} s`,
  );

  // ---- leaderboard latency ----
  for (let i = 0; i < 30; i++)
    await leaderboard(db, { assignmentId: assignment.id, split: i % 2 ? 'public' : 'private' });
  const times: number[] = [];
  let rows = 0;
  for (let i = 0; i < LEADERBOARD_RUNS; i++) {
    const s = performance.now();
    const board = await leaderboard(db, { assignmentId: assignment.id, split: i % 2 ? 'public' : 'private' });
    times.push(performance.now() - s);
    rows = board.length;
  }
  times.sort((a, b) => a - b);
  const lb = {
    runs: LEADERBOARD_RUNS,
    rows,
    p50Ms: +pct(times, 50).toFixed(3),
    p95Ms: +pct(times, 95).toFixed(3),
    p99Ms: +pct(times, 99).toFixed(3),
    maxMs: +times[times.length - 1]!.toFixed(3),
  };
  log(`leaderboard p50 ${lb.p50Ms} ms, p99 ${lb.p99Ms} ms (${rows} rows)`);
  if (rows !== TEAMS) throw new Error(`leaderboard returned ${rows} rows, expected ${TEAMS}`);

  // ---- queue throughput ----
  const workerPath = fileURLToPath(new URL('./queue-worker.ts', import.meta.url));
  async function drain(queue: string, batch: number, asyncCommit: boolean) {
    const jobRows = Array.from({ length: QUEUE_JOBS }, (_, i) => ({ queue, payload: { i } }));
    for (let i = 0; i < jobRows.length; i += 1000)
      await db.insert(schema.jobs).values(jobRows.slice(i, i + 1000));
    const handled = await Promise.all(
      Array.from({ length: WORKERS }, (_, w) => {
        const child = spawn(process.execPath, ['--import', 'tsx', workerPath], {
          cwd: fileURLToPath(new URL('..', import.meta.url)),
          env: {
            ...process.env,
            DB_URL: url,
            QUEUE: queue,
            WORKER_ID: `bench-${w}`,
            BATCH: String(batch),
            ASYNC_COMMIT: asyncCommit ? '1' : '0',
          },
          stdio: ['ignore', 'pipe', 'inherit'],
        });
        let out = '';
        child.stdout.on('data', (d: Buffer) => {
          out += d.toString();
        });
        return new Promise<number>((resolve, reject) =>
          child.on('exit', (code) =>
            code === 0
              ? resolve((JSON.parse(out) as { handled: number }).handled)
              : reject(new Error(`worker ${w} exited ${code}`)),
          ),
        );
      }),
    );
    // Span from the first claim to the last completion, from the jobs' own timestamps (process start-up excluded).
    const [q] = (await sql`
      select count(*) filter (where status = 'done')::int as done, max(attempts)::int as max_attempts,
        extract(epoch from max(finished_at) - min(started_at)) * 1000 as span_ms
      from jobs where queue = ${queue}`) as unknown as [
      { done: number; max_attempts: number; span_ms: string },
    ];
    const spanMs = Number(q.span_ms);
    const jobsPerSecond = q.done / (spanMs / 1000);
    log(
      `queue (claim batch ${batch}, ${asyncCommit ? 'async' : 'durable'} completion): ${q.done} jobs by ${WORKERS} worker processes (${handled.join('/')}) in ${spanMs.toFixed(0)} ms → ${jobsPerSecond.toFixed(0)} jobs/s`,
    );
    if (q.done !== QUEUE_JOBS) throw new Error(`only ${q.done} of ${QUEUE_JOBS} jobs done`);
    return {
      claimBatch: batch,
      completion: asyncCommit ? 'async commit' : 'durable commit',
      jobs: q.done,
      maxAttempts: q.max_attempts,
      perWorker: handled,
      spanMs: +spanMs.toFixed(1),
      jobsPerSecond: +jobsPerSecond.toFixed(1),
    };
  }
  const durable = await drain('bench-durable', 1, false);
  const asyncCompletion = await drain('bench-async', 1, true);
  const batched = await drain('bench-batched', 10, true);

  const [{ version }] = (await sql`select current_setting('server_version') as version`) as unknown as [
    { version: string },
  ];
  const result = {
    benchmark: 'db',
    date: new Date().toISOString(),
    machine: {
      cpus: os.cpus().length,
      loadavg: os.loadavg().map((x) => +x.toFixed(2)),
      node: process.version,
    },
    postgres: { server: pg.kind, version },
    dataset: {
      teams: TEAMS,
      submissionsPerTeam: SUBMISSIONS_PER_TEAM,
      submissions: subs.length,
      evaluations: evals.length,
      episodes: episodeCount,
      loadSeconds: +(loadMs / 1000).toFixed(2),
    },
    leaderboard: { ...lb, goalP99Ms: 20, meetsGoal: lb.p99Ms < 20 },
    queue: {
      workers: WORKERS,
      processes: WORKERS,
      note: 'claims always commit without waiting for the WAL flush (a lost claim just leaves the job queued)',
      durable,
      asyncCompletion,
      batched,
      goalJobsPerSecond: 500,
      meetsGoal: durable.jobsPerSecond > 500,
    },
  };
  const out = process.env.CRITIC_BENCH_OUT ?? path.join(repoRoot, 'bench', 'results', 'db.json');
  await fs.mkdir(path.dirname(out), { recursive: true });
  await fs.writeFile(out, `${JSON.stringify(result, null, 2)}\n`);
  log(`wrote ${out}`);
} finally {
  if (process.env.CRITIC_BENCH_KEEP === '1') {
    await bench.close();
    log(`kept database ${bench.name}`);
  } else await bench.drop();
  await pg.stop();
}
