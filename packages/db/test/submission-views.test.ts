import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { schema } from '../src/index';
import { studentExternalIds } from '../src/queries/grade-identities';
import { finishAttempt, recordEvaluation, startAttempt } from '../src/queries/grading';
import { getLearningCurve, setLearningCurve } from '../src/queries/learning-curve';
import { createUser, enroll } from '../src/queries/people';
import {
  getEpisode,
  getEvaluation,
  getSubmissionView,
  listSubmissionViews,
  replayLinks,
} from '../src/queries/submission-views';
import { useTestDatabase } from '../src/testing';
import { expectDbError } from './support/expect-error';
import { fakeSha, seedCourse, submitArtifact } from './support/fixtures';

const t = useTestDatabase();

const stats = { n: 2, mean: 10, std: 1, ciLow: 9, ciHigh: 11, iqm: 10, min: 9, max: 11 };
const episode = (index: number, trajectory: boolean) => ({
  index,
  seed: 7 + index,
  return: 10,
  length: 10,
  terminated: true,
  truncated: false,
  ...(trajectory ? { trajectoryKey: fakeSha() } : {}),
});

describe('submission views', () => {
  it('lists submissions with team and submitter names, filtered by course, team and status', async () => {
    const { course, teams, assignment } = await seedCourse(t.db);
    const a = teams[0]!;
    const b = teams[1]!;
    const s1 = await submitArtifact(t.db, assignment.id, a.members[0]!.id, 'js-agent');
    await submitArtifact(t.db, assignment.id, b.members[1]!.id, 'onnx');
    const view = await getSubmissionView(t.db, s1.submission.id);
    expect(view).toMatchObject({ teamName: 'Team 0', submitterName: 'Student 0.0', courseId: course.id });
    expect(await listSubmissionViews(t.db, { courseId: course.id })).toHaveLength(2);
    const ofB = await listSubmissionViews(t.db, { assignmentId: assignment.id, teamId: b.team.id });
    expect(ofB.map((s) => s.submitterName)).toEqual(['Student 1.1']);
    expect(await listSubmissionViews(t.db, { courseId: course.id, status: 'running' })).toEqual([]);
    await expectDbError(listSubmissionViews(t.db, {}), 'invalid', /courseId or assignmentId/, 'courseId');
  });

  it('finds evaluations, episodes and the first replayable episode of the scored attempt', async () => {
    const { teams, assignment } = await seedCourse(t.db);
    const { submission } = await submitArtifact(t.db, assignment.id, teams[0]!.members[0]!.id, 'js-agent');
    await startAttempt(t.db, { submissionId: submission.id, attempt: 1, total: 4 });
    const common = { submissionId: submission.id, attempt: 1, stats, graderVersion: 'g', envVersion: 'e' };
    const pub = await recordEvaluation(t.db, {
      ...common,
      split: 'public',
      episodes: [episode(0, false), episode(1, true)],
    });
    await recordEvaluation(t.db, {
      ...common,
      split: 'private',
      episodes: [episode(0, true), episode(1, true)],
    });
    expect(await replayLinks(t.db, { submissionIds: [submission.id], split: 'public' })).toEqual(new Map());
    await finishAttempt(t.db, { submissionId: submission.id, attempt: 1 });
    const links = await replayLinks(t.db, { submissionIds: [submission.id], split: 'public' });
    expect(links.get(submission.id)).toEqual({ evaluationId: pub.evaluation.id, episodeIndex: 1 });
    expect((await getEvaluation(t.db, pub.evaluation.id)).split).toBe('public');
    expect((await getEpisode(t.db, pub.evaluation.id, 1)).seed).toBe(8);
    await expectDbError(getEpisode(t.db, pub.evaluation.id, 5), 'not_found', /episode/);
  });

  it('stores a learning curve of at most 2,000 finite points', async () => {
    const { teams, assignment } = await seedCourse(t.db);
    const { submission } = await submitArtifact(t.db, assignment.id, teams[0]!.members[0]!.id, 'js-agent');
    expect(await getLearningCurve(t.db, submission.id)).toBeNull();
    const points = [
      { step: 0, return: 9 },
      { step: 500, return: 120.5 },
    ];
    expect(await setLearningCurve(t.db, { submissionId: submission.id, points })).toBe(2);
    expect(await getLearningCurve(t.db, submission.id)).toEqual(points);
    const tooMany = Array.from({ length: 2001 }, (_, i) => ({ step: i, return: 1 }));
    await expectDbError(
      setLearningCurve(t.db, { submissionId: submission.id, points: tooMany }),
      'invalid',
      /2000/,
    );
    await expectDbError(
      setLearningCurve(t.db, { submissionId: submission.id, points: [{ step: 1, return: Number.NaN }] }),
      'invalid',
      /0.return/,
    );
  });

  it('maps students to their roster ids by email', async () => {
    const { course, teams } = await seedCourse(t.db, { teams: 1, perTeam: 2 });
    const [first, second] = teams[0]!.members;
    // Only the first student has a roster id.
    await t.db
      .update(schema.enrollments)
      .set({ externalId: 'S-123' })
      .where(eq(schema.enrollments.userId, first!.id));
    const ta = await createUser(t.db, { email: 'ta-ids@uni.test', name: 'TA' });
    await enroll(t.db, course.id, ta.id, 'ta');
    const ids = await studentExternalIds(t.db, course.id);
    expect(ids.get(first!.email)).toBe('S-123');
    expect(ids.has(second!.email)).toBe(false);
    expect(ids.has(ta.email)).toBe(false);
  });
});
