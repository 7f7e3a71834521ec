import { describe, expect, it } from 'vitest';
import { authed, expectJson } from '../../../test/support/accounts';
import { fakeGrade, gradingWorldPerFile, storedSubmission } from '../../../test/support/grading';

type Board = { rows: { team: { name: string }; score: number }[] };

// Caches on, as in production: a board may be served from memory for 400 ms.
const t = gradingWorldPerFile({ CRITIC_BOARD_CACHE_MS: '400', CRITIC_AUTH_CACHE_MS: '400' });

describe('board and auth caches', () => {
  it('serve a board for its TTL, show a grader-side change after it, and drop it on a release made here', async () => {
    const a = await t.w.assignment();
    const student = t.w.teams[0]!.members[0]!;
    const read = async () =>
      expectJson<Board>(
        await authed(t.h, student.cookie, `/api/assignments/${a.id}/leaderboard?board=public`),
        200,
      );
    const first = await storedSubmission(t.h, a, student.user.id);
    await fakeGrade(t.h, first, { public: 100, private: 100 });
    expect((await read()).rows.map((r) => r.score)).toEqual([100]);

    // Another process (the grader) finishes a better submission: within the TTL the board is unchanged…
    const second = await storedSubmission(t.h, a, t.w.teams[1]!.members[0]!.user.id);
    await fakeGrade(t.h, second, { public: 300, private: 300 });
    expect((await read()).rows.map((r) => r.score)).toEqual([100]);
    // …and after it, the new row is there.
    await new Promise((r) => setTimeout(r, 450));
    expect((await read()).rows.map((r) => r.score)).toEqual([300, 100]);

    // A change made through this API instance is visible at once.
    await t.h.sql`update submissions set public_score = 50 where id = ${second}`;
    const release = await authed(t.h, t.w.instructor.cookie, `/api/assignments/${a.id}/release`, {
      method: 'POST',
    });
    expect(release.status).toBe(200);
    expect((await read()).rows.map((r) => r.score)).toEqual([100, 50]);
  });

  it('forget a session at sign-out even while it is cached', async () => {
    const student = t.w.teams[1]!.members[0]!;
    expect((await authed(t.h, student.cookie, '/api/me')).status).toBe(200);
    const out = await authed(t.h, student.cookie, '/api/auth/signout', { method: 'POST' });
    expect(out.status).toBe(204);
    expect((await authed(t.h, student.cookie, '/api/me')).status).toBe(401);
  });
});
