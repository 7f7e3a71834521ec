import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  createAssignment,
  getAssignmentBySlug,
  listAssignments,
  studentBoardAccess,
  submissionWindow,
  updateAssignment,
} from '../src/queries/assignments';
import { listAudit } from '../src/queries/audit';
import { getCourseBySlug } from '../src/queries/people';
import { rejudgeAssignment, rejudgeSubmission } from '../src/queries/submissions';
import { jobPosition, latestJobForSubmission } from '../src/queue/jobs';
import { useTestDatabase } from '../src/testing';
import { expectDbError } from './support/expect-error';
import { failFirstAttempt, HOUR, seedCourse, submitArtifact } from './support/fixtures';

const t = useTestDatabase();

describe('assignments', () => {
  it('validates a new assignment field by field', async () => {
    const { course, assignment: seeded } = await seedCourse(t.db, { teams: 0 });
    const now = Date.now();
    const base = {
      courseId: course.id,
      slug: 'mc',
      title: 'MountainCar',
      kind: 'agent' as const,
      envId: 'MountainCar-v0',
      privateEpisodes: 100,
      opensAt: new Date(now),
      dueAt: new Date(now + HOUR),
    };
    await expectDbError(
      createAssignment(t.db, { ...base, envId: undefined }),
      'invalid',
      /envId: required for an agent assignment/,
      'envId',
    );
    await expectDbError(
      createAssignment(t.db, { ...base, dueAt: new Date(now - HOUR) }),
      'invalid',
      /dueAt: must not be before opensAt/,
      'dueAt',
    );
    await expectDbError(
      createAssignment(t.db, { ...base, latePenalty: 2 }),
      'invalid',
      /latePenalty/,
      'latePenalty',
    );
    await expectDbError(
      createAssignment(t.db, {
        ...base,
        kind: 'checks',
        checks: [{ name: 'gae', cases: 2, visibleCases: 3, points: 1 }],
      }),
      'invalid',
      /checks.0.visibleCases: must be <= cases \(2\)/,
      'checks.0.visibleCases',
    );
    const a = await createAssignment(t.db, base);
    expect(a.seedSalt).toMatch(/^[0-9a-f]{64}$/);
    await expectDbError(
      createAssignment(t.db, base),
      'conflict',
      /assignment with this slug already exists/,
      'slug',
    );
    expect((await getAssignmentBySlug(t.db, course.id, 'mc')).id).toBe(a.id);
    await expectDbError(
      getAssignmentBySlug(t.db, course.id, 'nope'),
      'not_found',
      /assignment "nope" not found/,
    );
    expect((await getCourseBySlug(t.db, course.slug)).id).toBe(course.id);
    expect((await listAssignments(t.db, course.id)).map((x) => x.slug)).toEqual(['mc', seeded.slug]); // by due date
  });

  it('updates dates and limits with an audit trail, refusing an inconsistent change', async () => {
    const { assignment, instructor, course } = await seedCourse(t.db, { teams: 0 });
    const newDue = new Date(assignment.dueAt.getTime() + 24 * HOUR);
    const updated = await updateAssignment(t.db, {
      assignmentId: assignment.id,
      actorId: instructor.id,
      patch: { dueAt: newDue, lateUntil: null, maxDailySubmissions: 9 },
    });
    expect(updated.dueAt).toEqual(newDue);
    expect(updated.lateUntil).toBeNull();
    expect(submissionWindow(updated, new Date(newDue.getTime() + 1))).toBe('closed');
    const [entry] = await listAudit(t.db, course.id);
    expect(entry).toMatchObject({ action: 'assignment.update', entityId: assignment.id });
    expect((entry!.details.maxDailySubmissions as { from: number; to: number }).to).toBe(9);
    await expectDbError(
      updateAssignment(t.db, {
        assignmentId: assignment.id,
        actorId: instructor.id,
        patch: { opensAt: new Date(newDue.getTime() + HOUR) },
      }),
      'invalid',
      /opensAt <= dueAt <= lateUntil/,
      'dueAt',
    );
    await expectDbError(
      updateAssignment(t.db, {
        assignmentId: assignment.id,
        actorId: instructor.id,
        patch: { seedSalt: 'x' } as never,
      }),
      'invalid',
      /seedSalt/,
    );
    await expectDbError(
      updateAssignment(t.db, { assignmentId: randomUUID(), actorId: instructor.id, patch: { title: 'x' } }),
      'not_found',
      /assignment "/,
    );
    const hidden = await updateAssignment(t.db, {
      assignmentId: assignment.id,
      actorId: instructor.id,
      patch: { leaderboardVisibility: 'after_due' },
    });
    expect(studentBoardAccess(hidden, new Date(newDue.getTime() - 1))).toEqual({
      public: false,
      private: false,
    });
    expect(studentBoardAccess(hidden, new Date(newDue.getTime() + 1))).toEqual({
      public: true,
      private: false,
    });
  });

  it("finds a submission's current job and its place in the queue", async () => {
    const { assignment, teams, instructor } = await seedCourse(t.db);
    const { submission, job } = await submitArtifact(t.db, assignment.id, teams[0]!.members[0]!.id, 'onnx');
    expect((await latestJobForSubmission(t.db, submission.id))?.id).toBe(job.id);
    expect(await jobPosition(t.db, job.id)).toBeGreaterThanOrEqual(1);
    await failFirstAttempt(t.db, submission.id, { errorClass: 'runtime_error', message: 'act() threw' });
    const re = await rejudgeSubmission(t.db, { submissionId: submission.id, actorId: instructor.id });
    const latest = await latestJobForSubmission(t.db, submission.id);
    expect(latest?.id).toBe(re.job.id);
    expect(latest?.payload).toEqual({ submissionId: submission.id, attempt: 2 });
    expect(await latestJobForSubmission(t.db, randomUUID())).toBeUndefined();
  });

  it('rejudges every finished submission of an assignment at once, with one audit entry', async () => {
    const { assignment, teams, instructor, course } = await seedCourse(t.db);
    const submit = async (i: number) =>
      (await submitArtifact(t.db, assignment.id, teams[i % 2]!.members[0]!.id, 'onnx')).submission;
    const finished = [await submit(0), await submit(1)];
    for (const s of finished) {
      await failFirstAttempt(t.db, s.id, { errorClass: 'time_limit', message: 'over 600 s' });
    }
    const stillQueued = await submit(0);
    expect(
      await rejudgeAssignment(t.db, {
        assignmentId: assignment.id,
        actorId: instructor.id,
        reason: 'env fix',
      }),
    ).toBe(2);
    for (const s of finished) {
      const job = await latestJobForSubmission(t.db, s.id);
      expect(job?.payload).toEqual({ submissionId: s.id, attempt: 2 });
    }
    expect((await latestJobForSubmission(t.db, stillQueued.id))?.payload).toEqual({
      submissionId: stillQueued.id,
      attempt: 1,
    });
    expect((await listAudit(t.db, course.id))[0]).toMatchObject({
      action: 'assignment.rejudge_all',
      details: { submissions: 2, reason: 'env fix' },
    });
  });
});
