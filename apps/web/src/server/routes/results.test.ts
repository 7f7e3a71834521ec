import { describe, expect, it } from 'vitest';
import { authed, expectJson } from '../../../test/support/accounts';
import {
  type ErrorBody,
  fakeGrade,
  gradingWorldPerFile,
  storedSubmission,
} from '../../../test/support/grading';
import type { SubmissionStatusView } from './submissions';

type CheckFeedback = {
  check: string;
  title: string;
  points: number;
  maxPoints: number;
  cases: Record<string, unknown>[];
};

const t = gradingWorldPerFile();

describe('checks feedback', () => {
  it('shows visible cases in full and hidden ones as pass/fail only; staff see every case', async () => {
    const a = await t.w.homework([{ name: 'discountedReturn', cases: 2, visibleCases: 1, points: 2 }]);
    const id = await storedSubmission(
      t.h,
      a,
      t.w.loner.user.id,
      'export function discountedReturn() { return []; }\n',
    );
    const row = (caseIndex: number, visible: boolean, passed: boolean) => ({
      check: 'discountedReturn',
      caseIndex,
      visible,
      passed,
      input: [[1, 2], 0.5],
      expected: [2, 2],
      got: passed ? [2, 2] : [3, 2],
      tolerance: 1e-6,
      message: passed ? 'ok' : 'element 0: got 3, expected 2 (did you forget the discount?)',
      points: passed ? 1 : 0,
      maxPoints: 1,
    });
    await fakeGrade(t.h, id, { checkResults: [row(0, true, false), row(1, false, true)] });
    const student = await expectJson<CheckFeedback[]>(
      await authed(t.h, t.w.loner.cookie, `/api/submissions/${id}/checks`),
      200,
    );
    expect(student).toEqual([
      {
        check: 'discountedReturn',
        title: expect.any(String),
        points: 1,
        maxPoints: 2,
        argNames: ['rewards', 'dones', 'gamma'],
        cases: [
          {
            caseIndex: 0,
            visible: true,
            passed: false,
            message: 'element 0: got 3, expected 2 (did you forget the discount?)',
            input: [[1, 2], 0.5],
            expected: [2, 2],
            got: [3, 2],
            tolerance: 1e-6,
          },
          { caseIndex: 1, visible: false, passed: true },
        ],
      },
    ]);
    expect(student[0]!.title).not.toBe('discountedReturn');
    const staff = await expectJson<CheckFeedback[]>(
      await authed(t.h, t.w.ta.cookie, `/api/submissions/${id}/checks`),
      200,
    );
    expect(staff[0]!.cases[1]).toMatchObject({ visible: false, expected: [2, 2], got: [2, 2] });
    // Homework is individual: a classmate cannot read it.
    await expectJson<ErrorBody>(
      await authed(t.h, t.w.teams[0]!.members[0]!.cookie, `/api/submissions/${id}/checks`),
      404,
    );
  });
});

describe('learning curve', () => {
  it('takes critic train’s metrics.jsonl from the owner and returns the points', async () => {
    const a = await t.w.assignment();
    const id = await storedSubmission(t.h, a, t.w.teams[0]!.members[0]!.user.id);
    const jsonl = [
      { step: 500, 'charts/episodic_return': 20, 'charts/episodic_length': 20 },
      { step: 512, 'losses/value_loss': 0.5, 'charts/SPS': 900 },
      { step: 1000, 'charts/episodic_return': 75.5 },
    ]
      .map((r) => JSON.stringify(r))
      .join('\n');
    const put = await authed(t.h, t.w.teams[0]!.members[1]!.cookie, `/api/submissions/${id}/learning-curve`, {
      method: 'PUT',
      body: jsonl,
      headers: { 'content-type': 'application/x-ndjson' },
    });
    expect(await expectJson(put, 200)).toEqual({ points: 2 });
    const got = await expectJson<{ points: unknown }>(
      await authed(t.h, t.w.ta.cookie, `/api/submissions/${id}/learning-curve`),
      200,
    );
    expect(got.points).toEqual([
      { step: 500, return: 20 },
      { step: 1000, return: 75.5 },
    ]);
  });

  it('downsamples a long CSV to 2,000 points and refuses unusable files and other teams', async () => {
    const a = await t.w.assignment();
    const id = await storedSubmission(t.h, a, t.w.teams[1]!.members[0]!.user.id);
    const owner = t.w.teams[1]!.members[0]!.cookie;
    const csv = `global_step,episode_return\n${Array.from({ length: 5000 }, (_, i) => `${i * 10},${i}`).join('\n')}\n`;
    const put = (cookie: string, body: string) =>
      authed(t.h, cookie, `/api/submissions/${id}/learning-curve`, {
        method: 'PUT',
        body,
        headers: { 'content-type': 'text/csv' },
      });
    expect(await expectJson(await put(owner, csv), 200)).toEqual({ points: 2000 });
    const { points } = await expectJson<{ points: { step: number; return: number }[] }>(
      await authed(t.h, owner, `/api/submissions/${id}/learning-curve`),
      200,
    );
    expect(points[0]).toEqual({ step: 5, return: 0.5 }); // the mean of the first bucket (points 0 and 1)
    expect(points.at(-1)!.return).toBeCloseTo(4998); // the mean of the last bucket (4997-4999);
    const bad = await expectJson<ErrorBody>(await put(owner, 'time,loss\n1,2\n'), 400);
    expect(bad.error.message).toMatch(/step column.*return column/);
    await expectJson<ErrorBody>(await put(t.w.teams[0]!.members[0]!.cookie, csv), 404);
    const staff = await expectJson<ErrorBody>(await put(t.w.ta.cookie, csv), 403);
    expect(staff.error.message).toMatch(/only the team/);
  });
});

describe('selection of the counting submission', () => {
  it('lets the team choose a graded submission before the due date, and locks the choice after it', async () => {
    const a = await t.w.assignment();
    const first = await storedSubmission(t.h, a, t.w.teams[0]!.members[0]!.user.id);
    const second = await storedSubmission(t.h, a, t.w.teams[0]!.members[1]!.user.id);
    await fakeGrade(t.h, first, { public: 10, private: 10 });
    await fakeGrade(t.h, second, { public: 50, private: 50 });
    const member = t.w.teams[0]!.members[1]!.cookie;
    const sel = (id: string, method = 'POST', cookie = member) =>
      authed(t.h, cookie, `/api/submissions/${id}/select`, { method });
    expect((await expectJson<SubmissionStatusView>(await sel(first), 200)).selected).toBe(true);
    // Choosing another one moves the choice.
    await expectJson(await sel(second), 200);
    const firstNow = await expectJson<SubmissionStatusView>(
      await authed(t.h, member, `/api/submissions/${first}`),
      200,
    );
    expect(firstNow.selected).toBe(false);
    // Another team cannot choose for this one.
    await expectJson<ErrorBody>(await sel(first, 'POST', t.w.teams[1]!.members[0]!.cookie), 404);
    const board = await expectJson<{ rows: { submissionId: string; selected: boolean }[] }>(
      await authed(t.h, member, `/api/assignments/${a.id}/leaderboard`),
      200,
    );
    expect(board.rows).toMatchObject([{ submissionId: second, selected: true }]);
    t.h.setNow(new Date(a.dueAt.getTime() + 60_000));
    try {
      const locked = await expectJson<ErrorBody>(await sel(first), 409);
      expect(locked.error).toMatchObject({
        code: 'deadline_passed',
        message: expect.stringMatching(/locked at the due date/),
      });
      await expectJson<ErrorBody>(await sel(second, 'DELETE'), 409);
    } finally {
      t.h.setNow(new Date());
    }
    expect((await expectJson<SubmissionStatusView>(await sel(second, 'DELETE'), 200)).selected).toBe(false);
  });

  it('refuses an ungraded submission with a message', async () => {
    const a = await t.w.assignment();
    const id = await storedSubmission(t.h, a, t.w.teams[1]!.members[1]!.user.id);
    const err = await expectJson<ErrorBody>(
      await authed(t.h, t.w.teams[1]!.members[1]!.cookie, `/api/submissions/${id}/select`, {
        method: 'POST',
      }),
      400,
    );
    expect(err.error.message).toMatch(/only a graded submission can be selected/);
  });
});
