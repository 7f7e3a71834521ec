import { finishAttempt, recordEvaluation, reportProgress, startAttempt } from '@critic/db';
import { describe, expect, it } from 'vitest';
import { authed } from '../../../test/support/accounts';
import { fakeStats, gradingWorldPerFile, storedSubmission } from '../../../test/support/grading';
import { sseReader } from '../../../test/support/sse';

const t = gradingWorldPerFile();

describe('GET /submissions/:id/events', () => {
  it('streams queued → running with progress → succeeded, then closes', async () => {
    const a = await t.w.assignment();
    const id = await storedSubmission(t.h, a, t.w.teams[0]!.members[0]!.user.id);
    const res = await authed(t.h, t.w.teams[0]!.members[1]!.cookie, `/api/submissions/${id}/events`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const events = sseReader(res);

    const queued = await events.next();
    expect(queued).toMatchObject({ event: 'status', data: { id, status: 'queued', queuePosition: 1 } });

    await startAttempt(t.h.deps.db, { submissionId: id, attempt: 1, total: 4 });
    const running = await events.next();
    expect(running?.data).toMatchObject({
      status: 'running',
      queuePosition: null,
      progress: { done: 0, total: 4 },
    });
    expect(running?.data.timestamps.startedAt).not.toBeNull();

    await reportProgress(t.h.deps.db, { submissionId: id, attempt: 1, done: 3 });
    expect((await events.next())?.data).toMatchObject({ status: 'running', progress: { done: 3, total: 4 } });

    await recordEvaluation(t.h.deps.db, {
      submissionId: id,
      attempt: 1,
      split: 'public',
      stats: fakeStats(321, 4),
      graderVersion: 'g',
      envVersion: 'e',
    });
    await finishAttempt(t.h.deps.db, { submissionId: id, attempt: 1 });
    const done = await events.next();
    expect(done?.data).toMatchObject({
      status: 'succeeded',
      progress: { done: 4, total: 4 },
      scores: { public: { mean: 321, n: 4 }, private: null },
    });
    expect(await events.next()).toBeNull();
  });

  it('sends a finished submission once and closes at once', async () => {
    const a = await t.w.assignment();
    const id = await storedSubmission(t.h, a, t.w.teams[1]!.members[0]!.user.id);
    await startAttempt(t.h.deps.db, { submissionId: id, attempt: 1, total: 1 });
    const { failAttempt } = await import('@critic/db');
    await failAttempt(t.h.deps.db, {
      submissionId: id,
      attempt: 1,
      errorClass: 'time_limit',
      message: 'act took 250 ms; the limit is 100 ms',
    });
    const events = sseReader(await authed(t.h, t.w.ta.cookie, `/api/submissions/${id}/events`));
    expect((await events.next())?.data).toMatchObject({ status: 'failed', error: { class: 'time_limit' } });
    expect(await events.next()).toBeNull();
  });

  it('stops polling when the client goes away', async () => {
    const a = await t.w.assignment();
    const id = await storedSubmission(t.h, a, t.w.teams[0]!.members[0]!.user.id);
    const events = sseReader(
      await authed(t.h, t.w.teams[0]!.members[0]!.cookie, `/api/submissions/${id}/events`),
    );
    expect((await events.next())?.data.status).toBe('queued');
    await events.cancel();
    // The stream is gone: a later change has no reader and raises nothing.
    await startAttempt(t.h.deps.db, { submissionId: id, attempt: 1, total: 2 });
  });

  it('refuses another team with a JSON 404 before any stream opens', async () => {
    const a = await t.w.assignment();
    const id = await storedSubmission(t.h, a, t.w.teams[0]!.members[0]!.user.id);
    const res = await authed(t.h, t.w.teams[1]!.members[0]!.cookie, `/api/submissions/${id}/events`);
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toMatch(/application\/json/);
  });
});
