import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { schema } from '../src/index';
import { getSubmission } from '../src/queries/submissions';
import { getJob } from '../src/queue/jobs';
import { useTestDatabase } from '../src/testing';
import { seedCourse, submitArtifact } from './support/fixtures';

const workerPath = fileURLToPath(new URL('./support/grade-worker.ts', import.meta.url));
const packageDir = fileURLToPath(new URL('..', import.meta.url));

interface Worker {
  child: ChildProcess;
  lines: Record<string, unknown>[];
  exited: Promise<number | null>;
}

function startWorker(url: string, workerId: string, env: Record<string, string> = {}): Worker {
  const child = spawn(process.execPath, ['--import', 'tsx', workerPath], {
    cwd: packageDir,
    env: { ...process.env, DB_URL: url, WORKER_ID: workerId, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: Record<string, unknown>[] = [];
  let buf = '';
  child.stdout!.on('data', (d: Buffer) => {
    buf += d.toString();
    let i = buf.indexOf('\n');
    while (i >= 0) {
      lines.push(JSON.parse(buf.slice(0, i)) as Record<string, unknown>);
      buf = buf.slice(i + 1);
      i = buf.indexOf('\n');
    }
  });
  let err = '';
  child.stderr!.on('data', (d: Buffer) => {
    err += d.toString();
  });
  const exited = new Promise<number | null>((resolve) =>
    child.on('exit', (code) => {
      if (code !== 0 && code !== null) process.stderr.write(`worker ${workerId} failed:\n${err}\n`);
      resolve(code);
    }),
  );
  return { child, lines, exited };
}

/** Polls `ready` every 25 ms until true, or fails after `timeoutMs`. */
async function waitFor(ready: () => boolean, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!ready()) {
    if (Date.now() > end) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

const t = useTestDatabase();

async function submitMany(n: number) {
  const { assignment, teams } = await seedCourse(t.db, {
    teams: 1,
    perTeam: 1,
    assignment: { maxDailySubmissions: 1000 },
  });
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const { submission } = await submitArtifact(t.db, assignment.id, teams[0]!.members[0]!.id, 'js-agent');
    ids.push(submission.id);
  }
  return ids;
}

describe('job queue across processes', () => {
  it('4 worker processes drain 200 jobs: each processed once, each result written once', async () => {
    const ids = await submitMany(200);
    const goFile = path.join(os.tmpdir(), `critic-go-${process.pid}-${Date.now()}`);
    const workers = [0, 1, 2, 3].map((i) => startWorker(t.url, `w${i}`, { GO_FILE: goFile }));
    await waitFor(() => workers.every((w) => w.lines.some((l) => l.event === 'ready')), 45_000);
    await fs.writeFile(goFile, 'go');
    const codes = await Promise.all(workers.map((w) => w.exited));
    await fs.rm(goFile, { force: true });
    expect(codes).toEqual([0, 0, 0, 0]);

    const done = workers.flatMap((w) => w.lines.filter((l) => l.event === 'done'));
    expect(done).toHaveLength(200);
    expect(new Set(done.map((l) => l.jobId)).size).toBe(200);
    expect(done.every((l) => l.created === true && l.attempts === 1)).toBe(true);
    // Work was actually shared.
    expect(workers.filter((w) => w.lines.some((l) => l.event === 'done')).length).toBeGreaterThanOrEqual(2);

    const jobs = await t.db.select().from(schema.jobs).where(eq(schema.jobs.queue, 'grade'));
    expect(
      jobs.filter((j) => ids.includes(j.submissionId!)).every((j) => j.status === 'done' && j.attempts === 1),
    ).toBe(true);
    const perSubmission = await t.db
      .select({ submissionId: schema.evaluations.submissionId, n: sql<number>`count(*)::int` })
      .from(schema.evaluations)
      .groupBy(schema.evaluations.submissionId);
    const counts = new Map(perSubmission.map((r) => [r.submissionId, r.n]));
    expect(ids.every((id) => counts.get(id) === 1)).toBe(true);
    const statuses = await t.db.select({ status: schema.submissions.status }).from(schema.submissions);
    expect(statuses.every((s) => s.status === 'succeeded')).toBe(true);
  }, 90_000);

  it('a worker killed with SIGKILL mid-job: the job is retried after its lease and finishes, no duplicate', async () => {
    const [id] = await submitMany(1);
    const victim = startWorker(t.url, 'victim', { LEASE_MS: '1500', HANG_AFTER_RECORD: '1' });
    await waitFor(() => victim.lines.some((l) => l.event === 'hanging'), 45_000);
    const hanging = victim.lines.find((l) => l.event === 'hanging');
    expect(hanging).toMatchObject({ created: true });
    victim.child.kill('SIGKILL');
    expect(await victim.exited).toBeNull();
    const jobId = hanging!.jobId as number;
    expect((await getJob(t.db, jobId)).status).toBe('running'); // still leased by the dead worker

    const rescuer = startWorker(t.url, 'rescuer', { LEASE_MS: '1500' });
    expect(await rescuer.exited).toBe(0);
    const done = rescuer.lines.filter((l) => l.event === 'done');
    expect(done).toEqual([{ workerId: 'rescuer', event: 'done', jobId, created: false, attempts: 2 }]);
    const job = await getJob(t.db, jobId);
    expect(job).toMatchObject({ status: 'done', attempts: 2, lockedBy: 'rescuer' });
    const evals = await t.db
      .select()
      .from(schema.evaluations)
      .where(eq(schema.evaluations.submissionId, id!));
    expect(evals).toHaveLength(1);
    const episodes = await t.db
      .select()
      .from(schema.episodes)
      .where(eq(schema.episodes.evaluationId, evals[0]!.id));
    expect(episodes).toHaveLength(2);
    expect((await getSubmission(t.db, id!)).status).toBe('succeeded');
  }, 90_000);
});
