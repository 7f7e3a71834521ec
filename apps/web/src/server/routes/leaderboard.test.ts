import { createBaselineSubmission } from '@critic/db';
import { beforeAll, describe, expect, it } from 'vitest';
import { authed, expectJson } from '../../../test/support/accounts';
import {
  type ErrorBody,
  fakeGrade,
  gradingWorldPerFile,
  storedSubmission,
} from '../../../test/support/grading';

type Row = {
  rank: number;
  team: { id: string; name: string };
  submissionId: string | null;
  score: number;
  isViewerTeam: boolean;
  replay: { evaluationId: string; episodeIndex: number } | null;
};
type Board = {
  board: string;
  released: boolean;
  visibility: string;
  rows: Row[];
  baselines: { baseline: string; score: number; replay: Row['replay'] }[];
};

let assignmentId: string;
let ofA: string;
let ofB: string;
const t = gradingWorldPerFile();
beforeAll(async () => {
  const a = await t.w.assignment();
  assignmentId = a.id;
  ofA = await storedSubmission(t.h, a, t.w.teams[0]!.members[0]!.user.id);
  ofB = await storedSubmission(t.h, a, t.w.teams[1]!.members[0]!.user.id);
  await fakeGrade(t.h, ofA, { public: 150, private: 400 });
  await fakeGrade(t.h, ofB, { public: 300, private: 100 });
  const { submission } = await createBaselineSubmission(t.h.deps.db, {
    assignmentId: a.id,
    userId: t.w.instructor.user.id,
    baseline: 'random',
    artifactSha256: 'a'.repeat(64),
    artifactSize: 10,
    format: 'js-agent',
  });
  await fakeGrade(t.h, submission.id, { public: 22, private: 21 });
});

const board = (cookie: string, which: 'public' | 'private', id = assignmentId) =>
  authed(t.h, cookie, `/api/assignments/${id}/leaderboard?board=${which}`);

describe('GET /assignments/:id/leaderboard', () => {
  it('ranks teams on the public board with baselines and replay links; a student sees only their own submission id', async () => {
    const b = await expectJson<Board>(await board(t.w.teams[0]!.members[1]!.cookie, 'public'), 200);
    expect(b).toMatchObject({ board: 'public', released: false, visibility: 'public' });
    expect(b.rows.map((r) => [r.rank, r.team.name, r.score, r.isViewerTeam])).toEqual([
      [1, 'Team B', 300, false],
      [2, 'Team A', 150, true],
    ]);
    expect(b.rows[0]!.submissionId).toBeNull();
    expect(b.rows[1]!.submissionId).toBe(ofA);
    for (const r of b.rows) expect(r.replay).toMatchObject({ episodeIndex: 0 });
    expect(b.baselines).toMatchObject([{ baseline: 'random', score: 22, replay: { episodeIndex: 0 } }]);
    // The replay link of another team's row opens for this student.
    const replay = b.rows[0]!.replay!;
    const episodes = await authed(
      t.h,
      t.w.teams[0]!.members[1]!.cookie,
      `/api/evaluations/${replay.evaluationId}/episodes`,
    );
    expect(episodes.status).toBe(200);
  });

  it('refuses students the private board before release (403 board_not_released); staff see it', async () => {
    const err = await expectJson<ErrorBody>(await board(t.w.teams[0]!.members[0]!.cookie, 'private'), 403);
    expect(err.error).toMatchObject({
      code: 'board_not_released',
      message: expect.stringMatching(/releases it/),
    });
    const staff = await expectJson<Board>(await board(t.w.ta.cookie, 'private'), 200);
    expect(staff.rows.map((r) => [r.team.name, r.score, r.submissionId])).toEqual([
      ['Team A', 400, ofA],
      ['Team B', 100, ofB],
    ]);
  });

  it('after release, students see the private ranking, with replays of their own team only', async () => {
    const res = await authed(t.h, t.w.instructor.cookie, `/api/assignments/${assignmentId}/release`, {
      method: 'POST',
      json: {},
    });
    expect(res.status).toBe(200);
    const b = await expectJson<Board>(await board(t.w.teams[1]!.members[0]!.cookie, 'private'), 200);
    expect(b.released).toBe(true);
    expect(b.rows.map((r) => [r.team.name, r.isViewerTeam, r.replay !== null])).toEqual([
      ['Team A', false, false],
      ['Team B', true, true],
    ]);
    expect(b.baselines[0]!.replay).toBeNull();
  });

  it('follows the visibility: after_due boards open at the due date, hidden ones never for students', async () => {
    const later = await t.w.assignment({ leaderboardVisibility: 'after_due' });
    const early = await expectJson<ErrorBody>(await board(t.w.loner.cookie, 'public', later.id), 403);
    expect(early.error.message).toMatch(/opens at the due date/);
    t.h.setNow(new Date(later.dueAt.getTime() + 1000));
    try {
      await expectJson<Board>(await board(t.w.loner.cookie, 'public', later.id), 200);
    } finally {
      t.h.setNow(new Date());
    }
    const hidden = await t.w.assignment({ leaderboardVisibility: 'hidden' });
    const err = await expectJson<ErrorBody>(await board(t.w.loner.cookie, 'public', hidden.id), 403);
    expect(err.error.message).toMatch(/staff only/);
    await expectJson<Board>(await board(t.w.instructor.cookie, 'public', hidden.id), 200);
  });

  it('is not shown outside the course (404)', async () => {
    await expectJson<ErrorBody>(await board(t.w.outsider.cookie, 'public'), 404);
  });
});
