import { listAudit } from '@critic/db';
import { describe, expect, it } from 'vitest';
import { authed, expectJson } from '../../../test/support/accounts';
import {
  type ErrorBody,
  fakeGrade,
  gradingWorldPerFile,
  storedSubmission,
} from '../../../test/support/grading';
import type { SubmissionStatusView } from './submissions';

type EvaluationRow = { split: string; attempt: number; mean: number };

const t = gradingWorldPerFile();

const post = (cookie: string, path: string, json: unknown = {}) =>
  authed(t.h, cookie, path, { method: 'POST', json });

describe('rejudge', () => {
  it('re-queues a submission as attempt 2 and keeps attempt 1’s evaluations (audited)', async () => {
    const a = await t.w.assignment();
    const id = await storedSubmission(t.h, a, t.w.teams[0]!.members[0]!.user.id);
    await fakeGrade(t.h, id, { public: 100, private: 90 });
    const s = await expectJson<SubmissionStatusView>(
      await post(t.w.ta.cookie, `/api/submissions/${id}/rejudge`, { reason: 'env fix' }),
      200,
    );
    expect(s).toMatchObject({ status: 'queued', attempt: 2, queuePosition: 1 });
    // The scored attempt keeps counting while attempt 2 waits.
    expect(s.scores.public).toMatchObject({ mean: 100 });
    const again = await expectJson<ErrorBody>(
      await post(t.w.ta.cookie, `/api/submissions/${id}/rejudge`),
      409,
    );
    expect(again.error.message).toMatch(/already queued \(attempt 2\)/);
    await fakeGrade(t.h, id, { attempt: 2, public: 120, private: 95 });
    const history = await expectJson<EvaluationRow[]>(
      await authed(t.h, t.w.ta.cookie, `/api/submissions/${id}/evaluations`),
      200,
    );
    expect(history.map((e) => [e.attempt, e.split, e.mean])).toEqual([
      [2, 'public', 120],
      [2, 'private', 95],
      [1, 'public', 100],
      [1, 'private', 90],
    ]);
    const audit = await listAudit(t.h.deps.db, t.w.course.id);
    expect(audit.find((e) => e.action === 'submission.rejudge' && e.entityId === id)).toMatchObject({
      actorId: t.w.ta.user.id,
      details: { attempt: 2, reason: 'env fix' },
    });
  });

  it('is refused to students: their own submission 403, another team’s 404', async () => {
    const a = await t.w.assignment();
    const id = await storedSubmission(t.h, a, t.w.teams[0]!.members[0]!.user.id);
    await fakeGrade(t.h, id, { public: 1 });
    const own = await expectJson<ErrorBody>(
      await post(t.w.teams[0]!.members[1]!.cookie, `/api/submissions/${id}/rejudge`),
      403,
    );
    expect(own.error.message).toMatch(/role ta or instructor/);
    await expectJson<ErrorBody>(
      await post(t.w.teams[1]!.members[1]!.cookie, `/api/submissions/${id}/rejudge`),
      404,
    );
    await expectJson<ErrorBody>(
      await post(t.w.teams[0]!.members[0]!.cookie, `/api/assignments/${a.id}/rejudge`),
      403,
    );
  });

  it('rejudges every finished submission of an assignment and answers the count', async () => {
    const a = await t.w.assignment();
    const done1 = await storedSubmission(t.h, a, t.w.teams[0]!.members[0]!.user.id);
    const done2 = await storedSubmission(t.h, a, t.w.teams[1]!.members[0]!.user.id);
    await storedSubmission(t.h, a, t.w.teams[1]!.members[1]!.user.id); // still queued: left alone
    await fakeGrade(t.h, done1, { public: 5 });
    await fakeGrade(t.h, done2, { public: 6 });
    const res = await expectJson<{ count: number }>(
      await post(t.w.instructor.cookie, `/api/assignments/${a.id}/rejudge`),
      200,
    );
    expect(res.count).toBe(2);
    const audit = await listAudit(t.h.deps.db, t.w.course.id);
    expect(audit.find((e) => e.action === 'assignment.rejudge_all' && e.entityId === a.id)?.details).toEqual({
      submissions: 2,
    });
  });
});

describe('release of the private board', () => {
  it('is for instructors only (a TA gets 403), audited, and can be undone', async () => {
    const a = await t.w.assignment();
    const ta = await expectJson<ErrorBody>(
      await post(t.w.ta.cookie, `/api/assignments/${a.id}/release`),
      403,
    );
    expect(ta.error.message).toMatch(/instructor/);
    const on = await expectJson<{ released: boolean; privateReleasedAt: string | null }>(
      await post(t.w.instructor.cookie, `/api/assignments/${a.id}/release`),
      200,
    );
    expect(on.released).toBe(true);
    expect(on.privateReleasedAt).not.toBeNull();
    const off = await expectJson<{ released: boolean }>(
      await post(t.w.instructor.cookie, `/api/assignments/${a.id}/release`, { released: false }),
      200,
    );
    expect(off.released).toBe(false);
    const actions = (await listAudit(t.h.deps.db, t.w.course.id))
      .filter((e) => e.entityId === a.id)
      .map((e) => e.action);
    expect(actions).toEqual(['leaderboard.hide_private', 'leaderboard.release_private']);
  });
});

describe('GET /courses/:id/submissions', () => {
  it('lists every submission of the course for staff, filtered by assignment, status and team', async () => {
    const a = await t.w.assignment();
    const graded = await storedSubmission(t.h, a, t.w.teams[0]!.members[0]!.user.id);
    const waiting = await storedSubmission(t.h, a, t.w.teams[1]!.members[0]!.user.id);
    await fakeGrade(t.h, graded, { public: 7, private: 8 });
    const base = `/api/courses/${t.w.course.id}/submissions?assignmentId=${a.id}`;
    const all = await expectJson<{ id: string }[]>(await authed(t.h, t.w.ta.cookie, base), 200);
    expect(all.map((s) => s.id).sort()).toEqual([graded, waiting].sort());
    const queued = await expectJson<{ id: string }[]>(
      await authed(t.h, t.w.ta.cookie, `${base}&status=queued`),
      200,
    );
    expect(queued.map((s) => s.id)).toEqual([waiting]);
    const ofA = await expectJson<{ id: string; privateScore: number; team: { name: string } }[]>(
      await authed(t.h, t.w.ta.cookie, `${base}&teamId=${t.w.teams[0]!.team.id}`),
      200,
    );
    expect(ofA).toMatchObject([{ id: graded, privateScore: 8, team: { name: 'Team A' } }]);
    const student = await expectJson<ErrorBody>(
      await authed(t.h, t.w.teams[0]!.members[0]!.cookie, base),
      403,
    );
    expect(student.error.message).toMatch(/you are student/);
    const bad = await expectJson<ErrorBody>(await authed(t.h, t.w.ta.cookie, `${base}&status=done`), 400);
    expect(bad.error.message).toMatch(/status/);
  });
});
