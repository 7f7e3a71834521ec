import { describe, expect, it } from 'vitest';
import type { Database } from '../src/db';
import { setPrivateBoardReleased, studentBoardAccess } from '../src/queries/assignments';
import { listAudit } from '../src/queries/audit';
import { gradeExportRows } from '../src/queries/grades';
import { leaderboard } from '../src/queries/leaderboard';
import { createUser, enroll } from '../src/queries/people';
import { setLatePenalty } from '../src/queries/scores';
import { selectSubmission } from '../src/queries/submissions';
import { useTestDatabase } from '../src/testing';
import { expectDbError } from './support/expect-error';
import { gradeAttempt, HOUR, seedCourse, submitArtifact } from './support/fixtures';

const t = useTestDatabase();

/** Submits at `at` and grades it with the given public/private means. */
async function graded(
  db: Database,
  assignmentId: string,
  userId: string,
  at: Date,
  pub: number,
  priv: number,
) {
  const { submission } = await submitArtifact(db, assignmentId, userId, 'tfjs-layers', { now: at });
  const stats = (mean: number) => ({
    n: 4,
    mean,
    std: 2,
    ciLow: mean - 3,
    ciHigh: mean + 3,
    iqm: mean,
    min: mean - 4,
    max: mean + 4,
  });
  await gradeAttempt(db, submission.id, [
    { split: 'public', stats: stats(pub) },
    { split: 'private', stats: stats(priv) },
  ]);
  return submission;
}

describe('leaderboard', () => {
  it('ranks each team by its best (or selected) submission, with late penalty and ties by time', async () => {
    const { assignment, teams, course, instructor } = await seedCourse(t.db, { teams: 4, perTeam: 1 });
    const base = assignment.opensAt.getTime();
    const at = (h: number) => new Date(base + h * HOUR);
    const [A, B, C, D] = teams.map((x) => x.members[0]!.id) as [string, string, string, string];
    await graded(t.db, assignment.id, A, at(1), 150, 100);
    const aBest = await graded(t.db, assignment.id, A, at(2), 120, 300);
    await graded(t.db, assignment.id, B, at(3), 500, 300); // ties A's private 300, but later
    const cChosen = await graded(t.db, assignment.id, C, at(4), 10, 50);
    await graded(t.db, assignment.id, C, at(5), 400, 400);
    await selectSubmission(t.db, cChosen.id); // the team's choice wins over its best
    // D is late (after due, before late_until): 500 − 0.2·|500| = 400 on private
    const dueMs = assignment.dueAt.getTime();
    const dLate = await graded(t.db, assignment.id, D, new Date(dueMs + HOUR), 450, 500);

    const priv = await leaderboard(t.db, { assignmentId: assignment.id, split: 'private' });
    expect(priv.map((r) => [r.rank, r.teamName, r.score])).toEqual([
      [1, 'Team 3', 400],
      [2, 'Team 0', 300],
      [3, 'Team 1', 300],
      [4, 'Team 2', 50],
    ]);
    expect(priv[0]).toMatchObject({
      submissionId: dLate.id,
      isLate: true,
      rawMean: 500,
      ciLow: 497 - 0.2 * 497,
      n: 4,
    });
    expect(priv[1]).toMatchObject({ submissionId: aBest.id, selected: false });
    expect(priv[3]).toMatchObject({ submissionId: cChosen.id, selected: true });
    expect(priv[0]!.submittedAt).toBeInstanceOf(Date);

    const pub = await leaderboard(t.db, { assignmentId: assignment.id, split: 'public' });
    expect(pub.map((r) => [r.teamName, r.score])).toEqual([
      ['Team 1', 500],
      ['Team 3', 360],
      ['Team 0', 150],
      ['Team 2', 10],
    ]);

    // Raising the late penalty re-scores late submissions at once (audited).
    await setLatePenalty(t.db, { assignmentId: assignment.id, latePenalty: 0.5, actorId: instructor.id });
    const after = await leaderboard(t.db, { assignmentId: assignment.id, split: 'private' });
    expect(after.map((r) => [r.teamName, r.score])).toEqual([
      ['Team 0', 300],
      ['Team 1', 300],
      ['Team 3', 250],
      ['Team 2', 50],
    ]);
    expect((await listAudit(t.db, course.id))[0]).toMatchObject({
      action: 'assignment.set_late_penalty',
      details: { from: 0.2, to: 0.5 },
    });
    await setLatePenalty(t.db, { assignmentId: assignment.id, latePenalty: 0.2, actorId: instructor.id });
    await expectDbError(
      setLatePenalty(t.db, { assignmentId: assignment.id, latePenalty: 1.5, actorId: instructor.id }),
      'invalid',
      /latePenalty must be within \[0, 1\], got 1.5/,
      'latePenalty',
    );

    // Boards are hidden from students until release; the release is audited.
    expect(studentBoardAccess(assignment)).toEqual({ public: true, private: false });
    const released = await setPrivateBoardReleased(t.db, {
      assignmentId: assignment.id,
      actorId: instructor.id,
      released: true,
    });
    expect(studentBoardAccess(released)).toEqual({ public: true, private: true });
    expect((await listAudit(t.db, course.id))[0]).toMatchObject({
      action: 'leaderboard.release_private',
      actorId: instructor.id,
    });

    // Grade export: one row per student, including those with no team or submission.
    const nobody = await createUser(t.db, { email: `nobody-${assignment.id}@uni.test`, name: 'Zed Nobody' });
    await enroll(t.db, course.id, nobody.id, 'student');
    const grades = await gradeExportRows(t.db, assignment.id);
    expect(grades.map((g) => [g.name, g.team, g.score, g.rank, g.isLate])).toEqual([
      ['Student 0.0', 'Team 0', 300, 2, false],
      ['Student 1.0', 'Team 1', 300, 3, false],
      ['Student 2.0', 'Team 2', 50, 4, false],
      ['Student 3.0', 'Team 3', 400, 1, true],
      ['Zed Nobody', null, null, null, false],
    ]);
  });

  it('reads only the scored attempt and rejects malformed ids', async () => {
    const { assignment } = await seedCourse(t.db, { teams: 1 });
    expect(await leaderboard(t.db, { assignmentId: assignment.id, split: 'private' })).toEqual([]);
    await expectDbError(
      leaderboard(t.db, { assignmentId: 'x', split: 'private' }),
      'invalid',
      /must be a uuid/,
    );
  });

  it('on a minimize assignment ranks the lowest score first, and a late penalty raises the score', async () => {
    const { assignment, teams } = await seedCourse(t.db, {
      teams: 3,
      perTeam: 1,
      assignment: { scoreDirection: 'minimize', latePenalty: 0.5 },
    });
    const base = assignment.opensAt.getTime();
    const [A, B, C] = teams.map((x) => x.members[0]!.id) as [string, string, string];
    await graded(t.db, assignment.id, A, new Date(base + HOUR), 30, 30);
    await graded(t.db, assignment.id, A, new Date(base + 2 * HOUR), 10, 10); // A's best is its lowest
    await graded(t.db, assignment.id, B, new Date(base + 3 * HOUR), 20, 20);
    // C is late: 8 + 0.5·|8| = 12, so it ranks after A (10) but before B (20).
    await graded(t.db, assignment.id, C, new Date(assignment.dueAt.getTime() + HOUR), 8, 8);
    const board = await leaderboard(t.db, { assignmentId: assignment.id, split: 'private' });
    expect(board.map((r) => [r.rank, r.teamName, r.score])).toEqual([
      [1, 'Team 0', 10],
      [2, 'Team 2', 12],
      [3, 'Team 1', 20],
    ]);
    const grades = await gradeExportRows(t.db, assignment.id);
    expect(grades.map((g) => [g.team, g.rank, g.score])).toEqual([
      ['Team 0', 1, 10],
      ['Team 1', 3, 20],
      ['Team 2', 2, 12],
    ]);
  });
});
