// Status streams at deadline scale: changes reach open streams through LISTEN/NOTIFY (one listener per
// web instance), not by polling; one user holds a bounded number of streams open.
import { reportProgress, startAttempt } from '@critic/db';
import { claimJobById, latestJobForSubmission } from '@critic/db/queue';
import { describe, expect, it } from 'vitest';
import { authed } from '../../../test/support/accounts';
import { type ErrorBody, gradingWorldPerFile, storedSubmission } from '../../../test/support/grading';
import { sseReader } from '../../../test/support/sse';

// No re-read without a notification within any test's time (an hour): every event below was notified.
const t = gradingWorldPerFile({ CRITIC_STATUS_RESYNC_MS: '3600000', CRITIC_STATUS_STREAMS_PER_USER: '20' });

const open = (cookie: string, id: string) => authed(t.h, cookie, `/api/submissions/${id}/events`);

describe('status changes are pushed, not polled', () => {
  it('a status change and progress reach an open stream through NOTIFY', async () => {
    const a = await t.w.assignment();
    const member = t.w.teams[0]!.members[0]!;
    const id = await storedSubmission(t.h, a, member.user.id);
    const events = sseReader(await open(member.cookie, id));
    expect((await events.next())?.data).toMatchObject({ status: 'queued' });
    await startAttempt(t.h.deps.db, { submissionId: id, attempt: 1, total: 4 });
    expect((await events.next())?.data).toMatchObject({ status: 'running', progress: { done: 0, total: 4 } });
    await reportProgress(t.h.deps.db, { submissionId: id, attempt: 1, done: 2 });
    expect((await events.next())?.data).toMatchObject({ progress: { done: 2, total: 4 } });
    await events.cancel();
  });

  it('a waiting submission hears its queue position move when another job is claimed', async () => {
    const a = await t.w.assignment();
    const first = await storedSubmission(t.h, a, t.w.teams[0]!.members[1]!.user.id);
    const second = await storedSubmission(t.h, a, t.w.teams[1]!.members[0]!.user.id);
    const events = sseReader(await open(t.w.teams[1]!.members[1]!.cookie, second));
    const before = (await events.next())?.data.queuePosition;
    expect(before).toBeGreaterThanOrEqual(2);
    const job = await latestJobForSubmission(t.h.deps.db, first);
    await claimJobById(t.h.deps.db, { jobId: job!.id, workerId: 'test-grader', leaseMs: 60_000 });
    expect((await events.next())?.data).toMatchObject({ status: 'queued', queuePosition: before! - 1 });
    await events.cancel();
  });
});

describe('streams per user', () => {
  it('accepts 20 streams of one user, answers the 21st with 429, and frees a slot when a stream closes', async () => {
    const a = await t.w.assignment();
    const student = t.w.teams[0]!.members[0]!;
    const id = await storedSubmission(t.h, a, student.user.id);
    const streams = [];
    for (let i = 0; i < 20; i++) {
      const res = await open(student.cookie, id);
      expect(res.status).toBe(200);
      const events = sseReader(res);
      expect((await events.next())?.data.status).toBe('queued');
      streams.push(events);
    }
    const refused = await open(student.cookie, id);
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).not.toBeNull();
    const body = (await refused.json()) as ErrorBody;
    expect(body.error.code).toBe('too_many_streams');
    expect(body.error.message).toMatch(/at most 20 live status streams per user/);
    // Another user (a teammate) is not affected.
    const mate = await open(t.w.teams[0]!.members[1]!.cookie, id);
    expect(mate.status).toBe(200);
    await sseReader(mate).cancel();

    // Closing one stream gives its slot back (the release runs when the server sees the stream end).
    await streams.pop()!.cancel();
    await expect
      .poll(
        async () => {
          const res = await open(student.cookie, id);
          if (res.status === 200) streams.push(sseReader(res));
          else await res.body?.cancel();
          return res.status;
        },
        { timeout: 30_000, interval: 50 },
      )
      .toBe(200);
    for (const s of streams) await s.cancel();
  });
});
