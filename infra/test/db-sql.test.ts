// The SQL the Lambdas run (roles and grants; queue metrics), on a real PostgreSQL with Critic's real
// migrations: DATABASE_URL's server when set, else an embedded one. Only the AWS transport differs
// in production (RDS Data API: `:queues` there, `$1` here).
import { randomBytes } from 'node:crypto';
import {
  createTestDatabase,
  startTestPostgres,
  type TestDatabase,
  type TestPostgres,
} from '@critic/db/testing';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createGroupStatement,
  createLoginStatement,
  grantStatements,
} from '../lambda/db-roles/statements.mjs';
import { metricData, QUEUE_METRICS_SQL } from '../lambda/queue-metrics/metrics.mjs';

const suffix = randomBytes(4).toString('hex');
const names = { app: `app_${suffix}`, web: `web_${suffix}`, metrics: `met_${suffix}` };
const passwords = { web: 'web-pw', metrics: "met'pw" };

let pg: TestPostgres | undefined;
let database: TestDatabase | undefined;
let db: postgres.Sql;
let dbUrl: URL;

function connectAs(user: string, password: string): postgres.Sql {
  const url = new URL(dbUrl);
  url.username = user;
  url.password = encodeURIComponent(password);
  return postgres(url.toString(), { max: 1, onnotice: () => {} });
}

beforeAll(async () => {
  pg = await startTestPostgres('infra-sql');
  database = await createTestDatabase(pg.url, { label: 'infra_sql', poolMax: 1 });
  db = database.sql;
  dbUrl = new URL(database.url);
  const master = decodeURIComponent(dbUrl.username);
  const roles = [
    { Name: names.web, Group: 'app' },
    { Name: names.metrics, Group: 'metrics' },
  ];
  // As the roles Lambda does it, twice: the step runs on every deploy and must be idempotent.
  for (let round = 0; round < 2; round++) {
    await db.unsafe(createGroupStatement(names.app));
    if (round === 0) {
      await db.unsafe(createLoginStatement(names.web, passwords.web));
      await db.unsafe(createLoginStatement(names.metrics, passwords.metrics));
    }
    for (const s of grantStatements({ appGroup: names.app, masterUsername: master, roles }))
      await db.unsafe(s);
  }
}, 120_000);

afterAll(async () => {
  await database?.drop();
  if (pg !== undefined) {
    // The roles belong to the server, not the database: dropped once the database (and its grants) is gone.
    const admin = postgres(pg.url, { max: 1, onnotice: () => {} });
    for (const role of [names.web, names.metrics, names.app])
      await admin.unsafe(`drop role if exists ${role}`);
    await admin.end();
  }
  await pg?.stop();
});

describe('queue metrics query', () => {
  it('counts claimable, outstanding, age and last-minute outcomes per queue, as critic_metrics', async () => {
    await db.unsafe(`insert into jobs (queue, payload, status, available_at, finished_at) values
      ('grade', '{}', 'queued', now() - interval '30 seconds', null),
      ('grade', '{}', 'queued', now() - interval '10 seconds', null),
      ('grade', '{}', 'queued', now() - interval '5 seconds', null),
      ('grade', '{}', 'queued', now() + interval '1 hour', null),
      ('grade', '{}', 'running', now() + interval '5 minutes', null),
      ('grade', '{}', 'running', now() + interval '5 minutes', null),
      ('grade', '{}', 'done', now(), now() - interval '10 seconds'),
      ('grade', '{}', 'done', now(), now() - interval '10 minutes'),
      ('grade', '{}', 'dead', now(), now() - interval '5 seconds'),
      ('other', '{}', 'queued', now() - interval '1 hour', null)`);
    const metrics = connectAs(names.metrics, passwords.metrics);
    try {
      const rows = await metrics.unsafe(QUEUE_METRICS_SQL.replace(':queues', '$1'), ['grade,grade-gpu']);
      const data = metricData(['grade', 'grade-gpu'], rows, new Date(0));
      const value = (queue: string, name: string) =>
        data.find(
          (d: { MetricName: string; Dimensions: { Value: string }[] }) =>
            d.MetricName === name && d.Dimensions[0]?.Value === queue,
        )?.Value;
      expect(value('grade', 'QueuedJobs')).toBe(3);
      expect(value('grade', 'RunningJobs')).toBe(2);
      expect(value('grade', 'OutstandingJobs')).toBe(6);
      expect(value('grade', 'OldestQueuedAgeSeconds')).toBeGreaterThanOrEqual(30);
      expect(value('grade', 'OldestQueuedAgeSeconds')).toBeLessThan(60);
      expect(value('grade', 'JobsDone')).toBe(1);
      expect(value('grade', 'JobsDead')).toBe(1);
      // A queue without jobs is published as zeros (that is what scales its workers to zero).
      for (const name of [
        'QueuedJobs',
        'OutstandingJobs',
        'OldestQueuedAgeSeconds',
        'JobsDone',
        'JobsDead',
      ]) {
        expect(value('grade-gpu', name)).toBe(0);
      }
      expect(data).toHaveLength(12);
    } finally {
      await metrics.end();
    }
  });
});

describe('service roles', () => {
  it('critic_metrics reads only the queue columns it needs', async () => {
    const metrics = connectAs(names.metrics, passwords.metrics);
    try {
      await expect(metrics.unsafe('select payload from jobs')).rejects.toThrow(/permission denied/);
      await expect(metrics.unsafe('select * from users')).rejects.toThrow(/permission denied/);
      await expect(metrics.unsafe("update jobs set status = 'dead'")).rejects.toThrow(/permission denied/);
    } finally {
      await metrics.end();
    }
  });

  it('an app role can read and write rows but not change the schema', async () => {
    const web = connectAs(names.web, passwords.web);
    try {
      const [job] = await web.unsafe(
        `insert into jobs (queue, payload) values ('grade', '{"k":1}') returning id, status`,
      );
      expect(job?.status).toBe('queued');
      await web.unsafe(`update jobs set status = 'running' where id = $1`, [job?.id]);
      await web.unsafe('delete from jobs where id = $1', [job?.id]);
      await expect(web.unsafe('create table intruder (x int)')).rejects.toThrow(/permission denied/);
      await expect(web.unsafe('drop table jobs')).rejects.toThrow(/must be owner/);
    } finally {
      await web.end();
    }
  });

  it('refuses a role name that is not a plain identifier', () => {
    expect(() => createLoginStatement('x"; drop table jobs; --', 'p')).toThrow(
      /is not a plain SQL identifier/,
    );
  });
});
