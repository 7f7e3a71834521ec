/**
 * Web API benchmark: 10,000 graded submissions (public and private evaluations with their episodes)
 * of 100 teams in a fresh database; the REST API (`createApi`, the same Hono app Next mounts) on a
 * loopback port with @hono/node-server; autocannon (200 connections, 10 s each, from a worker thread
 * so the load generator does not share the server's event loop) on the public leaderboard and on a
 * submission's status, both as a signed-in student (session cookie). Goal: leaderboard p99 < 50 ms.
 * Postgres: DATABASE_URL, or an embedded server in a temporary directory. Writes bench/results/web.json.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createAssignment, createCourse, createTeam, createUser, type Database, enroll } from '@critic/db';
import { FsBlobStore } from '@critic/db/blob';
import { createTestDatabase, freePort, startTestPostgres } from '@critic/db/test-postgres';
import { serve } from '@hono/node-server';
import autocannon, { type Result } from 'autocannon';
import type postgres from 'postgres';
import { readWebConfig } from '../src/env';
import { createApi } from '../src/server/app';
import { silentWebLogger } from '../src/server/deps';
import { logMailer } from '../src/server/mail/mailer';

const OUT = fileURLToPath(new URL('../../../bench/results/web.json', import.meta.url));
const SUBMISSIONS = Number(process.env.BENCH_SUBMISSIONS ?? 10_000);
const TEAMS = 100;
const PUBLIC_EPISODES = 10;
const PRIVATE_EPISODES = 20;
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 200);
const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 10);
/** The production default pool size (CRITIC_DB_POOL_MAX). */
const POOL_MAX = Number(process.env.CRITIC_DB_POOL_MAX ?? 10);
const PASSWORD = 'bench-password-123';
const DAY = 86_400_000;

const round = (x: number, d = 2) => Math.round(x * 10 ** d) / 10 ** d;

/** A course, a CartPole assignment and 100 teams of two students (team 0 holds the bench's own student). */
async function seedPeople(db: Database, benchStudentId: string) {
  const tag = randomBytes(3).toString('hex');
  const prof = await createUser(db, { email: `prof-${tag}@bench.test`, name: 'Prof Bench' });
  const course = await createCourse(db, {
    slug: `bench-${tag}`,
    title: 'Bench course',
    instructorId: prof.id,
  });
  const assignment = await createAssignment(db, {
    courseId: course.id,
    slug: 'cartpole',
    title: 'CartPole-v1',
    kind: 'agent',
    envId: 'CartPole-v1',
    publicEpisodes: PUBLIC_EPISODES,
    privateEpisodes: PRIVATE_EPISODES,
    opensAt: new Date(Date.now() - 30 * DAY),
    dueAt: new Date(Date.now() + 30 * DAY),
    maxDailySubmissions: 100_000,
    createdBy: prof.id,
  });
  const teamIds: string[] = [];
  const submitters: string[] = [];
  for (let t = 0; t < TEAMS; t++) {
    const members: string[] = t === 0 ? [benchStudentId] : [];
    while (members.length < 2) {
      const u = await createUser(db, {
        email: `s${t}-${members.length}-${tag}@bench.test`,
        name: `Student ${t}`,
      });
      members.push(u.id);
    }
    for (const m of members) await enroll(db, course.id, m, 'student');
    const team = await createTeam(db, { courseId: course.id, name: `Team ${t}`, memberIds: members });
    teamIds.push(team.id);
    submitters.push(members[0]!);
  }
  return { assignment, teamIds, submitters };
}

/**
 * Bulk SQL: `SUBMISSIONS` succeeded submissions spread over the teams and the past week, each with a
 * public and a private evaluation and their episodes (returns around a per-submission mean, each with a
 * trajectory key, so the board carries replay links as it does after real grading).
 */
async function seedSubmissions(
  sql: postgres.Sql,
  assignmentId: string,
  teamIds: string[],
  submitters: string[],
) {
  await sql`
    with teams as (
      select t.team_id, t.user_id, t.ord - 1 as k
      from unnest(${teamIds}::uuid[], ${submitters}::uuid[]) with ordinality as t(team_id, user_id, ord)
    ), s as (
      select g as i, teams.team_id, teams.user_id,
        -- a per-submission mean return in [20, 500]
        20 + (hashint4(g) & 2147483647) % 481 as mean_private,
        20 + (hashint4(g + 7919) & 2147483647) % 481 as mean_public,
        now() - make_interval(secs => (g::float8 / ${SUBMISSIONS}) * 7 * 86400) as at
      from generate_series(0, ${SUBMISSIONS - 1}) g join teams on teams.k = g % ${TEAMS}
    )
    insert into submissions (assignment_id, team_id, submitted_by, artifact_sha256, artifact_size, format,
      status, attempt, scored_attempt, public_score, private_score, progress_done, progress_total,
      submitted_at, queued_at, started_at, finished_at)
    select ${assignmentId}, team_id, user_id, encode(sha256(convert_to('bench-' || i, 'UTF8')), 'hex'), 1000,
      'js-agent', 'succeeded', 1, 1, mean_public, mean_private, ${PUBLIC_EPISODES + PRIVATE_EPISODES},
      ${PUBLIC_EPISODES + PRIVATE_EPISODES}, at, at, at + interval '2 seconds', at + interval '4 seconds'
    from s`;
  await sql`
    insert into evaluations (submission_id, assignment_id, attempt, split, n, mean, std, ci_low, ci_high, iqm,
      min, max, grader_version, env_version, created_at)
    select s.id, s.assignment_id, 1, sp.split::evaluation_split, sp.n, sp.score, 12, sp.score - 8, sp.score + 8,
      sp.score, greatest(0, sp.score - 30), sp.score + 30, 'bench', 'bench', s.finished_at
    from submissions s
    cross join lateral (values ('public', ${PUBLIC_EPISODES}::int, s.public_score),
                               ('private', ${PRIVATE_EPISODES}::int, s.private_score)) as sp(split, n, score)
    where s.assignment_id = ${assignmentId}`;
  await sql`
    insert into episodes (evaluation_id, index, seed, return, length, terminated, truncated, trajectory_key)
    select e.id, i, (hashint4(i) & 2147483647)::bigint, e.mean + (i % 5 - 2) * 3,
      greatest(1, least(500, round(e.mean)::int)), e.mean < 500, e.mean >= 500,
      encode(sha256(convert_to(e.id::text || '/' || i, 'UTF8')), 'hex')
    from evaluations e cross join lateral generate_series(0, e.n - 1) i
    where e.assignment_id = ${assignmentId}`;
  await sql`analyze`;
}

function summary(r: Result) {
  return {
    connections: r.connections,
    durationSeconds: r.duration,
    requests: r.requests.total,
    requestsPerSecond: round(r.requests.average, 1),
    latencyMs: {
      p50: r.latency.p50,
      p90: r.latency.p90,
      p99: r.latency.p99,
      average: round(r.latency.average),
      max: r.latency.max,
    },
    errors: r.errors,
    timeouts: r.timeouts,
    non2xx: r.non2xx,
  };
}

async function main() {
  const pg = await startTestPostgres('web-bench');
  const database = await createTestDatabase(pg.url, { label: 'web_bench', poolMax: POOL_MAX });
  const { db, sql } = database;
  const blobDir = await fs.mkdtemp(path.join(os.tmpdir(), 'critic-web-bench-'));
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const mailer = logMailer(silentWebLogger);
  const app = createApi({
    db,
    notifications: sql,
    blobs: new FsBlobStore(blobDir),
    config: readWebConfig({ CRITIC_WEB_ORIGIN: origin }),
    logger: silentWebLogger,
    mailer,
    now: () => new Date(),
  });
  const server = serve({ fetch: app.fetch, port, hostname: '127.0.0.1' });
  try {
    const signup = await fetch(`${origin}/api/auth/signup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin },
      body: JSON.stringify({ email: 'bench-student@bench.test', name: 'Bench Student', password: PASSWORD }),
    });
    if (signup.status !== 202) throw new Error(`signup answered ${signup.status}: ${await signup.text()}`);
    // The mailed link confirms the address and signs in (the log mailer keeps it).
    const link = new URL(mailer.lastLinkTo('bench-student@bench.test') ?? `${origin}/none`);
    const opened = await fetch(`${origin}${link.pathname}${link.search}`, { redirect: 'manual' });
    if (opened.status !== 303) throw new Error(`the confirmation link answered ${opened.status}`);
    const cookie = opened.headers
      .getSetCookie()
      .map((c) => c.split(';')[0]!)
      .join('; ');
    const me = await fetch(`${origin}/api/me`, { headers: { cookie } });
    const { user } = (await me.json()) as { user: { id: string } };

    const t0 = performance.now();
    const { assignment, teamIds, submitters } = await seedPeople(db, user.id);
    await seedSubmissions(sql, assignment.id, teamIds, submitters);
    const seedSeconds = (performance.now() - t0) / 1000;
    const [counts] = await sql<{ submissions: number; evaluations: number; episodes: number }[]>`select
      (select count(*)::int from submissions) as submissions, (select count(*)::int from evaluations) as evaluations,
      (select count(*)::int from episodes) as episodes`;
    const [own] = await sql<{ id: string }[]>`
      select id from submissions where team_id = ${teamIds[0]!} order by submitted_at desc limit 1`;

    const targets = {
      leaderboard: `/api/assignments/${assignment.id}/leaderboard?board=public`,
      submission: `/api/submissions/${own!.id}`,
    };
    // Warm up and check that both answer what the contract says before measuring.
    const board = await fetch(`${origin}${targets.leaderboard}`, { headers: { cookie } });
    const boardBody = (await board.json()) as { rows?: unknown[] };
    if (board.status !== 200 || boardBody.rows?.length !== TEAMS) {
      throw new Error(
        `leaderboard answered ${board.status} with ${boardBody.rows?.length} rows; expected ${TEAMS}`,
      );
    }
    const status = await fetch(`${origin}${targets.submission}`, { headers: { cookie } });
    if (status.status !== 200)
      throw new Error(`submission status answered ${status.status}: ${await status.text()}`);
    for (let i = 0; i < 50; i++) {
      await fetch(`${origin}${targets.leaderboard}`, { headers: { cookie } }).then((r) => r.arrayBuffer());
    }

    const results: Record<string, ReturnType<typeof summary>> = {};
    for (const [key, target] of Object.entries(targets)) {
      const r = await autocannon({
        url: `${origin}${target}`,
        connections: CONNECTIONS,
        duration: DURATION_S,
        headers: { cookie },
        workers: 1,
      });
      results[key] = summary(r);
      process.stderr.write(
        `${key}: ${results[key]!.requestsPerSecond} req/s, p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms, ` +
          `errors ${r.errors}, non2xx ${r.non2xx}\n`,
      );
    }
    const report = {
      benchmark: 'web',
      date: new Date().toISOString(),
      machine: { cpus: os.cpus().length, loadavg: os.loadavg().map((x) => round(x)), node: process.version },
      postgres: pg.kind,
      poolMax: POOL_MAX,
      /** In-memory read caches as configured by default (CRITIC_BOARD_CACHE_MS, CRITIC_AUTH_CACHE_MS). */
      cacheMs: readWebConfig({}).cacheMs,
      workload:
        `${counts!.submissions} graded submissions of ${TEAMS} teams (${counts!.evaluations} evaluations, ` +
        `${counts!.episodes} episodes) on one CartPole-v1 assignment; the REST API (createApi) on ` +
        `@hono/node-server; autocannon with ${CONNECTIONS} connections for ${DURATION_S} s per endpoint from a ` +
        'worker thread on the same machine; a signed-in student (session cookie)',
      seedSeconds: round(seedSeconds, 1),
      endpoints: {
        'GET /api/assignments/:id/leaderboard?board=public': results.leaderboard,
        'GET /api/submissions/:id': results.submission,
      },
      goals: { leaderboardP99Under50ms: (results.leaderboard?.latencyMs.p99 ?? Infinity) < 50 },
    };
    await fs.mkdir(path.dirname(OUT), { recursive: true });
    await fs.writeFile(OUT, `${JSON.stringify(report, null, 2)}\n`);
    process.stderr.write(`wrote ${OUT}\n`);
  } finally {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    // BENCH_KEEP_DB=1 keeps the seeded database for inspection (EXPLAIN) on DATABASE_URL's server.
    if (process.env.BENCH_KEEP_DB === '1') {
      await database.close();
      process.stderr.write(`kept database ${database.name}\n`);
    } else await database.drop();
    await fs.rm(blobDir, { recursive: true, force: true });
    await pg.stop();
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
