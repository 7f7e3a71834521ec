import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { failSubmissionsOfDeadJobs, getSubmission, rejudgeSubmission } from '../src/queries/submissions';
import {
  type ClaimOptions,
  claimJobById,
  claimJobs,
  completeJob,
  enqueueJob,
  extendLease,
  failJob,
  getJob,
  jobPosition,
  queueDepth,
  requeueDeadJob,
} from '../src/queue/jobs';
import { PermanentJobError, runWorker } from '../src/queue/worker';
import { useTestDatabase } from '../src/testing';
import { expectDbError } from './support/expect-error';
import { seedCourse, submitArtifact } from './support/fixtures';

const t = useTestDatabase();

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** claimJobs on the test database with grading's dead-letter hook (what the grader passes). */
const claim = (opts: Omit<ClaimOptions, 'onDeadLetter'>) =>
  claimJobs(t.db, { onDeadLetter: failSubmissionsOfDeadJobs, ...opts });

describe('job queue', () => {
  it('claims in priority then FIFO order, reports position and depth, and fences completion', async () => {
    const q = 'q-order';
    const a = await enqueueJob(t.db, { queue: q, payload: { n: 1 } });
    const b = await enqueueJob(t.db, { queue: q, payload: { n: 2 } });
    const urgent = await enqueueJob(t.db, { queue: q, payload: { n: 3 }, priority: 5 });
    expect(await jobPosition(t.db, urgent.id)).toBe(1);
    expect(await jobPosition(t.db, a.id)).toBe(2);
    expect(await jobPosition(t.db, b.id)).toBe(3);
    expect(await queueDepth(t.db, q)).toEqual({ ready: 3, delayed: 0, running: 0, dead: 0 });

    const [first] = await claim({ queue: q, workerId: 'w1', leaseMs: 10_000 });
    expect(first!.id).toBe(urgent.id);
    expect(first!.attempts).toBe(1);
    expect(await jobPosition(t.db, urgent.id)).toBe(0);
    expect(await jobPosition(t.db, b.id)).toBe(2);
    const two = await claim({ queue: q, workerId: 'w2', leaseMs: 10_000, limit: 5 });
    expect(two.map((j) => j.id)).toEqual([a.id, b.id]);
    expect(await claim({ queue: q, workerId: 'w3', leaseMs: 10_000 })).toEqual([]);

    await extendLease(t.db, first!, 20_000);
    await completeJob(t.db, first!, { ok: true });
    expect(await jobPosition(t.db, first!.id)).toBeNull();
    await expectDbError(completeJob(t.db, first!), 'conflict', /lease lost/);
    await expectDbError(
      completeJob(t.db, { id: a.id, lockToken: '00000000-0000-4000-8000-000000000000' }),
      'conflict',
      /lease lost/,
    );
    expect((await getJob(t.db, first!.id)).status).toBe('done');
    await expectDbError(getJob(t.db, 987654321), 'not_found', /job "987654321" not found/);
    await expectDbError(
      enqueueJob(t.db, { queue: 'Bad Queue', payload: {} }),
      'invalid',
      /queue must match/,
      'queue',
    );
  });

  it('retries with exponential backoff, then dead-letters and fails the submission as platform_error', async () => {
    const { assignment, teams } = await seedCourse(t.db);
    const { submission } = await submitArtifact(t.db, assignment.id, teams[0]!.members[0]!.id, 'onnx');
    const q = 'q-retry';
    const job = await enqueueJob(t.db, {
      queue: q,
      payload: { s: submission.id },
      submissionId: submission.id,
      maxAttempts: 3,
    });
    // Time passes by moving the job's due time (deterministic under any machine load).
    const timeTravel = () => t.db.execute(sql`update jobs set available_at = now() where id = ${job.id}`);
    const [c1] = await claim({ queue: q, workerId: 'w', leaseMs: 10_000 });
    const f1 = await failJob(t.db, c1!, 'database hiccup', {
      onDeadLetter: failSubmissionsOfDeadJobs,
      baseMs: 60_000,
    });
    expect(f1.status).toBe('queued');
    expect(await claim({ queue: q, workerId: 'w', leaseMs: 10_000 })).toEqual([]); // backing off
    expect((await queueDepth(t.db, q)).delayed).toBe(1);
    expect(await jobPosition(t.db, job.id)).toBe(1);
    await timeTravel();
    const [c2] = await claim({ queue: q, workerId: 'w', leaseMs: 10_000 });
    expect(c2!.attempts).toBe(2);
    const f2 = await failJob(t.db, c2!, 'database hiccup', {
      onDeadLetter: failSubmissionsOfDeadJobs,
      baseMs: 60_000,
    });
    expect(f2.status).toBe('queued');
    // base·2^(attempt−1): the second delay is twice the first (both measured from their own failure).
    const d1 = f1.retryAt!.getTime() - Date.now();
    const d2 = f2.retryAt!.getTime() - Date.now();
    expect(d1).toBeGreaterThan(50_000);
    expect(d1).toBeLessThanOrEqual(60_000);
    expect(d2).toBeGreaterThan(110_000);
    expect(d2).toBeLessThanOrEqual(120_000);
    await timeTravel();
    const [c3] = await claim({ queue: q, workerId: 'w', leaseMs: 10_000 });
    const f3 = await failJob(t.db, c3!, 'database hiccup again', {
      onDeadLetter: failSubmissionsOfDeadJobs,
      baseMs: 60_000,
    });
    expect(f3.status).toBe('dead');
    expect(await queueDepth(t.db, q)).toMatchObject({ ready: 0, delayed: 0, dead: 1 });
    const s = await getSubmission(t.db, submission.id);
    expect(s.status).toBe('failed');
    expect(s.errorClass).toBe('platform_error');
    expect(s.countsTowardLimit).toBe(false);
    expect(s.errorMessage).toMatch(/after 3 attempt\(s\): database hiccup again/);

    await requeueDeadJob(t.db, job.id);
    expect((await getJob(t.db, job.id)).status).toBe('queued');
  });

  it('a dead job of a stale attempt leaves the rejudged submission alone', async () => {
    const { assignment, teams, instructor } = await seedCourse(t.db);
    const { submission, job } = await submitArtifact(t.db, assignment.id, teams[0]!.members[0]!.id, 'onnx');
    const c = await claimJobById(t.db, { jobId: job.id, workerId: 'w', leaseMs: 10_000 });
    await failJob(t.db, c!, 'worker lost', { onDeadLetter: failSubmissionsOfDeadJobs, retryable: false });
    expect((await getSubmission(t.db, submission.id)).status).toBe('failed');
    const re = await rejudgeSubmission(t.db, { submissionId: submission.id, actorId: instructor.id });
    await requeueDeadJob(t.db, job.id); // an operator revives the old attempt-1 job by mistake
    const stale = await claimJobById(t.db, { jobId: job.id, workerId: 'w', leaseMs: 10_000 });
    await failJob(t.db, stale!, 'stale attempt', {
      onDeadLetter: failSubmissionsOfDeadJobs,
      retryable: false,
    });
    const s = await getSubmission(t.db, submission.id);
    expect(s).toMatchObject({ status: 'queued', attempt: 2, errorClass: null });
    expect(re.job.payload).toEqual({ submissionId: submission.id, attempt: 2 });
  });

  it('makes a job claimable again when its lease expires, and dead-letters it when none are left', async () => {
    const q = 'q-lease';
    const job = await enqueueJob(t.db, { queue: q, payload: {}, maxAttempts: 2 });
    // Leases are real (30 s); "expiry" is simulated by moving the lease end to now (see the SIGKILL test
    // in queue-concurrency.test.ts for a lease that runs out in real time).
    const expire = () => t.db.execute(sql`update jobs set available_at = now() where id = ${job.id}`);
    const [c1] = await claim({ queue: q, workerId: 'dies', leaseMs: 30_000 });
    expect(await claim({ queue: q, workerId: 'other', leaseMs: 30_000 })).toEqual([]);
    await expire();
    const [c2] = await claim({ queue: q, workerId: 'other', leaseMs: 30_000 });
    expect(c2!.id).toBe(job.id);
    expect(c2!.attempts).toBe(2);
    expect(c2!.lockToken).not.toBe(c1!.lockToken);
    await expectDbError(completeJob(t.db, c1!), 'conflict', /lease lost/); // the dead worker woke up too late
    await expectDbError(extendLease(t.db, c1!, 30_000), 'conflict', /lease lost/);
    await expire();
    expect(await claim({ queue: q, workerId: 'third', leaseMs: 30_000 })).toEqual([]);
    const dead = await getJob(t.db, job.id);
    expect(dead.status).toBe('dead');
    expect(dead.lastError).toMatch(/lease expired on its last attempt \(2 of 2, worker other\)/);
  });

  it('claims one named job for handle(jobId) mode, once', async () => {
    const q = 'q-handle';
    const first = await enqueueJob(t.db, { queue: q, payload: { n: 1 } });
    const second = await enqueueJob(t.db, { queue: q, payload: { n: 2 } });
    const got = await claimJobById(t.db, { jobId: second.id, workerId: 'fn', leaseMs: 10_000 });
    expect(got).toMatchObject({ id: second.id, status: 'running', attempts: 1, lockedBy: 'fn' });
    expect(await claimJobById(t.db, { jobId: second.id, workerId: 'fn2', leaseMs: 10_000 })).toBeUndefined();
    await completeJob(t.db, got!);
    expect(await claimJobById(t.db, { jobId: second.id, workerId: 'fn', leaseMs: 10_000 })).toBeUndefined();
    await expectDbError(
      claimJobById(t.db, { jobId: 99_999_999, workerId: 'fn', leaseMs: 10_000 }),
      'not_found',
      /job "99999999"/,
    );
    const [rest] = await claim({ queue: q, workerId: 'w', leaseMs: 10_000, limit: 5 });
    expect(rest!.id).toBe(first.id);
  });

  it('claims a named job only from the queue it is asked for', async () => {
    const job = await enqueueJob(t.db, { queue: 'q-push-a', payload: {} });
    const opts = { jobId: job.id, workerId: 'fn', leaseMs: 10_000 };
    expect(await claimJobById(t.db, { ...opts, queue: 'q-push-b' })).toBeUndefined();
    expect(await getJob(t.db, job.id)).toMatchObject({ status: 'queued', attempts: 0, lockToken: null });
    const got = await claimJobById(t.db, { ...opts, queue: 'q-push-a' });
    expect(got).toMatchObject({ id: job.id, queue: 'q-push-a', status: 'running', attempts: 1 });
  });

  it('runWorker completes, retries thrown errors and dead-letters permanent ones', async () => {
    const q = 'q-worker';
    const ok = await enqueueJob(t.db, { queue: q, payload: { kind: 'ok' } });
    const flaky = await enqueueJob(t.db, { queue: q, payload: { kind: 'flaky' }, maxAttempts: 3 });
    const fatal = await enqueueJob(t.db, { queue: q, payload: { kind: 'fatal' } });
    const seen: string[] = [];
    const stop = new AbortController();
    const worker = runWorker<{ kind: string }>({
      onDeadLetter: failSubmissionsOfDeadJobs,
      db: t.db,
      queue: q,
      leaseMs: 2000,
      pollMs: 20,
      backoff: { baseMs: 20 },
      signal: stop.signal,
      handler: async (job) => {
        seen.push(`${job.payload.kind}#${job.attempts}`);
        if (job.payload.kind === 'flaky' && job.attempts < 2) throw new Error('transient');
        if (job.payload.kind === 'fatal') throw new PermanentJobError('artifact store gone');
        return { handled: job.payload.kind };
      },
    });
    // Wait until the queue is drained (the worker's pace is the machine's: only a hang may end the wait).
    const deadline = Date.now() + 120_000;
    for (;;) {
      const d = await queueDepth(t.db, q);
      if (d.ready + d.delayed + d.running === 0 || Date.now() > deadline) break;
      await sleep(30);
    }
    stop.abort();
    expect(await worker).toBe(4);
    expect(seen.sort()).toEqual(['fatal#1', 'flaky#1', 'flaky#2', 'ok#1']);
    expect((await getJob(t.db, ok.id)).status).toBe('done');
    expect((await getJob(t.db, flaky.id)).status).toBe('done');
    const f = await getJob(t.db, fatal.id);
    expect(f.status).toBe('dead');
    expect(f.lastError).toBe('artifact store gone');
  }, 180_000);
});
