// Nothing private before release: what an agent printed during private episodes (e.g. their starting
// states) and the message of a failure in a private episode reach the team only once the private board
// is released; staff read everything at once.

import { failAttempt, startAttempt } from '@critic/db';
import { claimJobById, latestJobForSubmission } from '@critic/db/queue';
import { describe, expect, it } from 'vitest';
import { authed, expectJson } from '../../../test/support/accounts';
import { fakeGrade, gradingWorldPerFile, storedSubmission } from '../../../test/support/grading';
import { PRIVATE_FAILURE_MESSAGE, type SubmissionStatusView } from './submissions';

const t = gradingWorldPerFile();

// What an agent that logs its first observation prints: two public episodes, then three private ones.
const PUBLIC_LOG = 'first [0.01,-0.02,0.03,0.04]\nfirst [0.02,0.01,-0.04,0.03]\n';
const PRIVATE_LOG =
  'first [-0.031,0.027,0.011,-0.045]\nfirst [0.044,-0.012,0.036,0.008]\nfirst [-0.007,0.049,-0.021,0.019]\n';

const consoleOf = async (cookie: string, id: string) => {
  const res = await authed(t.h, cookie, `/api/submissions/${id}/console`);
  expect(res.status).toBe(200);
  return { text: await res.text(), withheld: res.headers.get('x-critic-console') === 'private-withheld' };
};

const release = async (assignmentId: string, released: boolean) =>
  expectJson(
    await authed(t.h, t.w.instructor.cookie, `/api/assignments/${assignmentId}/release`, {
      method: 'POST',
      json: { released },
    }),
    200,
  );

describe('console output of private episodes', () => {
  it('a student reads only the public episodes’ output before release; staff read all; after release the student does', async () => {
    const a = await t.w.assignment({ publicEpisodes: 2, privateEpisodes: 3 });
    const student = t.w.teams[0]!.members[0]!;
    const id = await storedSubmission(t.h, a, student.user.id);
    await fakeGrade(t.h, id, {
      public: 200,
      private: 190,
      consoleOutput: PUBLIC_LOG,
      privateConsoleOutput: PRIVATE_LOG,
    });

    for (const member of t.w.teams[0]!.members) {
      const before = await consoleOf(member.cookie, id);
      expect(before.text.startsWith(PUBLIC_LOG)).toBe(true);
      for (const line of PRIVATE_LOG.split('\n').filter(Boolean)) expect(before.text).not.toContain(line);
      expect(before.text).toMatch(/private episodes is shown once the instructor releases the private board/);
      expect(before.withheld).toBe(true);
    }
    for (const staff of [t.w.ta, t.w.instructor]) {
      const all = await consoleOf(staff.cookie, id);
      expect(all).toEqual({ text: `${PUBLIC_LOG}${PRIVATE_LOG}`, withheld: false });
    }

    await release(a.id, true);
    expect(await consoleOf(student.cookie, id)).toEqual({
      text: `${PUBLIC_LOG}${PRIVATE_LOG}`,
      withheld: false,
    });
    // Hidden again, withheld again.
    await release(a.id, false);
    expect((await consoleOf(student.cookie, id)).withheld).toBe(true);
  });

  it('output of public episodes only is served whole, with nothing withheld', async () => {
    const a = await t.w.assignment({ publicEpisodes: 2, privateEpisodes: 3 });
    const id = await storedSubmission(t.h, a, t.w.teams[1]!.members[0]!.user.id);
    await fakeGrade(t.h, id, { public: 200, private: 190, consoleOutput: PUBLIC_LOG });
    expect(await consoleOf(t.w.teams[1]!.members[1]!.cookie, id)).toEqual({
      text: PUBLIC_LOG,
      withheld: false,
    });
  });
});

describe('a failure during a private episode', () => {
  it('shows the team its verdict class but not its message until release; staff see the message', async () => {
    const a = await t.w.assignment({ publicEpisodes: 1, privateEpisodes: 1 });
    const student = t.w.teams[0]!.members[1]!;
    const id = await storedSubmission(t.h, a, student.user.id);
    const job = await latestJobForSubmission(t.h.deps.db, id);
    await claimJobById(t.h.deps.db, { jobId: job!.id, workerId: 'test-grader', leaseMs: 60_000 });
    await startAttempt(t.h.deps.db, { submissionId: id, attempt: 1, total: 2 });
    const secret = 'act() threw: Error: secret [-0.031,0.027,0.011,-0.045]';
    await failAttempt(t.h.deps.db, {
      submissionId: id,
      attempt: 1,
      errorClass: 'runtime_error',
      message: secret,
      consoleOutput: PUBLIC_LOG,
      privateConsoleOutput: PRIVATE_LOG,
      privateStarted: true,
    });

    const mine = await expectJson<SubmissionStatusView>(
      await authed(t.h, student.cookie, `/api/submissions/${id}`),
      200,
    );
    expect(mine.error).toEqual({ class: 'runtime_error', message: PRIVATE_FAILURE_MESSAGE });
    const list = await expectJson<{ id: string; error: unknown }[]>(
      await authed(t.h, student.cookie, `/api/assignments/${a.id}/submissions`),
      200,
    );
    expect(list.find((s) => s.id === id)?.error).toEqual({
      class: 'runtime_error',
      message: PRIVATE_FAILURE_MESSAGE,
    });
    expect(JSON.stringify(list)).not.toContain('secret');
    expect((await consoleOf(student.cookie, id)).text).not.toContain('-0.031');

    const staff = await expectJson<SubmissionStatusView>(
      await authed(t.h, t.w.ta.cookie, `/api/submissions/${id}`),
      200,
    );
    expect(staff.error).toEqual({ class: 'runtime_error', message: secret });

    await release(a.id, true);
    const after = await expectJson<SubmissionStatusView>(
      await authed(t.h, student.cookie, `/api/submissions/${id}`),
      200,
    );
    expect(after.error).toEqual({ class: 'runtime_error', message: secret });
  });
});
