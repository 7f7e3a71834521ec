import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { schema } from '../src/index';
import { createAssignment } from '../src/queries/assignments';
import { listAudit } from '../src/queries/audit';
import { boundConsoleOutput, MAX_CONSOLE_OUTPUT_BYTES } from '../src/queries/console-output';
import {
  failAttempt,
  finishAttempt,
  recordEvaluation,
  reportProgress,
  startAttempt,
} from '../src/queries/grading';
import { dailySubmissionCounts } from '../src/queries/limits';
import { createUser, enroll } from '../src/queries/people';
import {
  evaluationHistory,
  listCheckResults,
  listEpisodes,
  submissionEvaluations,
  summarizeChecks,
} from '../src/queries/results';
import {
  createSubmission,
  getSubmission,
  rejudgeSubmission,
  selectSubmission,
} from '../src/queries/submissions';
import { jobPosition } from '../src/queue/jobs';
import { useTestDatabase } from '../src/testing';
import { expectDbError } from './support/expect-error';
import { failFirstAttempt, fakeSha, HOUR, seedCourse, statsAround, submitArtifact } from './support/fixtures';

const t = useTestDatabase({ poolMax: 8 });

const stats = (mean: number) => statsAround(mean, 3);
const eps = (mean: number) =>
  [0, 1, 2].map((i) => ({
    index: i,
    seed: 1000 + i,
    return: mean + i - 1,
    length: 200,
    terminated: false,
    truncated: true,
  }));

describe('submitting', () => {
  it('records the submission and its grading job together, with phase timestamps', async () => {
    const { assignment, teams } = await seedCourse(t.db);
    const user = teams[0]!.members[0]!;
    const { submission, job } = await createSubmission(t.db, {
      assignmentId: assignment.id,
      userId: user.id,
      artifactSha256: fakeSha(),
      artifactSize: 1234,
      format: 'tfjs-layers',
    });
    expect(submission.teamId).toBe(teams[0]!.team.id);
    expect(submission.status).toBe('queued');
    expect(submission.isLate).toBe(false);
    expect(submission.queuedAt).toBeInstanceOf(Date);
    expect(job.payload).toEqual({ submissionId: submission.id, attempt: 1 });
    expect(job.submissionId).toBe(submission.id);
    expect(await jobPosition(t.db, job.id)).toBeGreaterThanOrEqual(1);
  });

  it('refuses bad input with a precise typed error', async () => {
    const { assignment, teams, course } = await seedCourse(t.db, { assignment: { maxArtifactBytes: 1000 } });
    const user = teams[0]!.members[0]!;
    const base = {
      assignmentId: assignment.id,
      userId: user.id,
      artifactSha256: fakeSha(),
      artifactSize: 10,
      format: 'onnx' as const,
    };
    await expectDbError(
      createSubmission(t.db, { ...base, artifactSize: 1001 }),
      'limit',
      /1001 bytes; the limit is 1000/,
      'artifactSize',
    );
    await expectDbError(
      createSubmission(t.db, { ...base, format: 'checks' }),
      'invalid',
      /does not fit a agent assignment/,
      'format',
    );
    await expectDbError(
      createSubmission(t.db, { ...base, artifactSha256: 'ABC' }),
      'invalid',
      /artifactSha256/,
      'artifactSha256',
    );
    await expectDbError(
      createSubmission(t.db, { ...base, assignmentId: randomUUID() }),
      'not_found',
      /assignment "/,
    );
    const stranger = await createUser(t.db, { email: `stranger-${randomUUID()}@uni.test`, name: 'S' });
    await expectDbError(
      createSubmission(t.db, { ...base, userId: stranger.id }),
      'invalid',
      /not enrolled/,
      'userId',
    );
    const loner = await createUser(t.db, { email: `loner-${randomUUID()}@uni.test`, name: 'L' });
    await enroll(t.db, course.id, loner.id, 'student');
    await expectDbError(
      createSubmission(t.db, { ...base, userId: loner.id }),
      'invalid',
      /join or create a team/,
      'teamId',
    );
    const early = new Date(assignment.opensAt.getTime() - HOUR);
    await expectDbError(createSubmission(t.db, { ...base, now: early }), 'limit', /opens at/);
    const closed = new Date(assignment.lateUntil!.getTime() + HOUR);
    await expectDbError(createSubmission(t.db, { ...base, now: closed }), 'limit', /closed at/);
    const late = await createSubmission(t.db, { ...base, now: new Date(assignment.dueAt.getTime() + HOUR) });
    expect(late.submission.isLate).toBe(true);
  });

  it('never leaves a half-written submission when its job cannot be enqueued', async () => {
    const { assignment, teams } = await seedCourse(t.db);
    const sha = fakeSha();
    await expectDbError(
      createSubmission(t.db, {
        assignmentId: assignment.id,
        userId: teams[0]!.members[0]!.id,
        artifactSha256: sha,
        artifactSize: 1,
        format: 'js-agent',
        jobPriority: 2 ** 40, // out of int4 range: the job insert fails after the submission insert
      }),
      'invalid',
      /jobs/,
    );
    const left = await t.db
      .select()
      .from(schema.submissions)
      .where(eq(schema.submissions.artifactSha256, sha));
    expect(left).toEqual([]);
  });

  it('enforces the daily limit per team under concurrent uploads', async () => {
    const { assignment, teams } = await seedCourse(t.db, { assignment: { maxDailySubmissions: 3 } });
    const [m0, m1] = teams[0]!.members;
    const attempts = Array.from({ length: 8 }, (_, i) =>
      submitArtifact(t.db, assignment.id, (i % 2 ? m0 : m1)!.id, 'onnx').then(
        () => 'ok',
        (e: Error & { code?: string }) => e.code,
      ),
    );
    const outcomes = await Promise.all(attempts);
    expect(outcomes.filter((o) => o === 'ok')).toHaveLength(3);
    expect(outcomes.filter((o) => o === 'limit')).toHaveLength(5);
    // The other team is unaffected.
    await submitArtifact(t.db, assignment.id, teams[1]!.members[0]!.id, 'onnx');
    const counts = await dailySubmissionCounts(t.db, assignment.id);
    const byTeam = Object.fromEntries(counts.map((c) => [c.teamId, c.count]));
    expect(byTeam).toEqual({ [teams[0]!.team.id]: 3, [teams[1]!.team.id]: 1 });
  });
});

describe('grading results', () => {
  it('records evaluations idempotently per attempt and keeps every attempt on rejudge', async () => {
    const { assignment, teams, instructor } = await seedCourse(t.db);
    const { submission } = await submitArtifact(t.db, assignment.id, teams[0]!.members[0]!.id, 'js-agent');
    const started = await startAttempt(t.db, { submissionId: submission.id, attempt: 1, total: 6 });
    expect(started.status).toBe('running');
    expect(started.startedAt).toBeInstanceOf(Date);
    await reportProgress(t.db, { submissionId: submission.id, attempt: 1, done: 3 });
    expect((await getSubmission(t.db, submission.id)).progressDone).toBe(3);
    const input = {
      submissionId: submission.id,
      attempt: 1,
      split: 'private' as const,
      stats: stats(100),
      graderVersion: 'g1',
      envVersion: 'e1',
      episodes: eps(100),
    };
    const first = await recordEvaluation(t.db, input);
    expect(first.created).toBe(true);
    // A retried job writes the same thing again: nothing new is stored.
    const again = await recordEvaluation(t.db, { ...input, stats: stats(5), episodes: eps(5) });
    expect(again.created).toBe(false);
    expect(again.evaluation.id).toBe(first.evaluation.id);
    expect(again.evaluation.mean).toBe(100);
    expect((await listEpisodes(t.db, first.evaluation.id)).map((e) => e.return)).toEqual([99, 100, 101]);
    await recordEvaluation(t.db, { ...input, split: 'public', stats: stats(90), episodes: eps(90) });
    const done = await finishAttempt(t.db, { submissionId: submission.id, attempt: 1 });
    expect(done.status).toBe('succeeded');
    expect(done.scoredAttempt).toBe(1);
    expect(done.finishedAt!.getTime()).toBeGreaterThanOrEqual(done.startedAt!.getTime());

    const re = await rejudgeSubmission(t.db, {
      submissionId: submission.id,
      actorId: instructor.id,
      reason: 'env v2',
    });
    expect(re.submission.attempt).toBe(2);
    expect(re.submission.scoredAttempt).toBe(1); // old score keeps counting meanwhile
    expect(re.job.payload).toEqual({ submissionId: submission.id, attempt: 2 });
    await expectDbError(
      recordEvaluation(t.db, { ...input, stats: stats(1) }),
      'conflict',
      /attempt 1 is stale \(the current attempt is 2\)/,
    );
    await startAttempt(t.db, { submissionId: submission.id, attempt: 2, total: 3 });
    await recordEvaluation(t.db, {
      ...input,
      attempt: 2,
      stats: stats(120),
      episodes: eps(120),
      envVersion: 'e2',
    });
    await finishAttempt(t.db, { submissionId: submission.id, attempt: 2 });
    const history = await evaluationHistory(t.db, submission.id);
    expect(history.map((e) => [e.attempt, e.split, e.mean])).toEqual([
      [2, 'private', 120],
      [1, 'public', 90],
      [1, 'private', 100],
    ]);
    expect((await submissionEvaluations(t.db, submission.id)).map((e) => e.mean)).toEqual([120]);
    const audit = await listAudit(t.db, assignment.courseId);
    expect(audit[0]).toMatchObject({
      action: 'submission.rejudge',
      entityId: submission.id,
      details: { attempt: 2, reason: 'env v2' },
    });
    await expectDbError(
      rejudgeSubmission(t.db, { submissionId: randomUUID(), actorId: instructor.id }),
      'not_found',
      /submission "/,
    );
  });

  it('writes an evaluation with its episodes atomically: a bad episode leaves no evaluation', async () => {
    const { assignment, teams } = await seedCourse(t.db);
    const { submission } = await submitArtifact(t.db, assignment.id, teams[0]!.members[0]!.id, 'js-agent');
    const bad = eps(1).map((e) => ({ ...e, index: 0 })); // duplicate episode index
    await expectDbError(
      recordEvaluation(t.db, {
        submissionId: submission.id,
        attempt: 1,
        split: 'public',
        stats: stats(1),
        graderVersion: 'g',
        envVersion: 'e',
        episodes: bad,
      }),
      'conflict',
      /two episodes have the same index/,
    );
    expect(await submissionEvaluations(t.db, submission.id)).toEqual([]);
    await expectDbError(
      recordEvaluation(t.db, {
        submissionId: submission.id,
        attempt: 1,
        split: 'public',
        stats: { ...stats(1), n: 7 },
        graderVersion: 'g',
        envVersion: 'e',
        episodes: eps(1),
      }),
      'invalid',
      /stats.n: is 7 but 3 episodes were given/,
      'stats.n',
    );
    await expectDbError(
      finishAttempt(t.db, { submissionId: submission.id, attempt: 1 }),
      'conflict',
      /no evaluation to score/,
    );
  });

  it('a platform failure does not use up the daily limit; a student failure does', async () => {
    const { assignment, teams } = await seedCourse(t.db, { assignment: { maxDailySubmissions: 1 } });
    const user = teams[0]!.members[0]!;
    const submit = () => submitArtifact(t.db, assignment.id, user.id, 'onnx');
    const first = await submit();
    const failed = await failFirstAttempt(t.db, first.submission.id, {
      errorClass: 'platform_error',
      message: 'worker lost',
    });
    expect(failed.countsTowardLimit).toBe(false);
    const second = await submit();
    await failAttempt(t.db, {
      submissionId: second.submission.id,
      attempt: 1,
      errorClass: 'invalid_action',
      message: 'action 3 is outside Discrete(2)',
    });
    await expectDbError(submit(), 'limit', /daily limit reached \(1 of 1 today, per team\)/);
    await expectDbError(
      selectSubmission(t.db, second.submission.id),
      'invalid',
      /only a graded submission can be selected/,
    );
  });

  it("keeps the attempt's console output, bounded to 64 KiB of UTF-8, and the column refuses more", async () => {
    const { assignment, teams } = await seedCourse(t.db);
    const user = teams[0]!.members[0]!;
    const submit = () => submitArtifact(t.db, assignment.id, user.id, 'js-agent');
    const small = await submit();
    await failFirstAttempt(t.db, small.submission.id, {
      errorClass: 'runtime_error',
      message: 'boom',
      consoleOutput: 'step 1\nstep 2\n',
    });
    expect((await getSubmission(t.db, small.submission.id)).consoleOutput).toBe('step 1\nstep 2\n');

    const big = await submit();
    await failFirstAttempt(t.db, big.submission.id, {
      errorClass: 'time_limit',
      message: 'too slow',
      consoleOutput: 'θ'.repeat(40_000), // 80,000 bytes: 2 per character
    });
    const stored = (await getSubmission(t.db, big.submission.id)).consoleOutput!;
    expect(Buffer.byteLength(stored, 'utf8')).toBeLessThanOrEqual(MAX_CONSOLE_OUTPUT_BYTES);
    expect(stored).toMatch(/^θ{30000,}\n\[console output truncated at 65536 bytes\]\n$/);
    expect(boundConsoleOutput('')).toBeNull();

    await expect(
      t.db
        .update(schema.submissions)
        .set({ consoleOutput: 'x'.repeat(MAX_CONSOLE_OUTPUT_BYTES + 1) })
        .where(eq(schema.submissions.id, big.submission.id)),
    ).rejects.toThrow();
    expect((await getSubmission(t.db, big.submission.id)).consoleOutput).toBe(stored);
  });

  it('stores check results and hides hidden cases from students', async () => {
    const { course, instructor, teams } = await seedCourse(t.db, { teams: 1, perTeam: 1 });
    const student = teams[0]!.members[0]!;
    const now = Date.now();
    const hw = await createAssignment(t.db, {
      courseId: course.id,
      slug: 'hw-gae',
      title: 'GAE',
      kind: 'checks',
      checks: [{ name: 'computeGae', cases: 2, visibleCases: 1, points: 10 }],
      opensAt: new Date(now - HOUR),
      dueAt: new Date(now + HOUR),
      createdBy: instructor.id,
    });
    const { submission } = await submitArtifact(t.db, hw.id, student.id, 'checks');
    expect(submission.teamId).toBeNull();
    const { evaluation } = await recordEvaluation(t.db, {
      submissionId: submission.id,
      attempt: 1,
      split: 'public',
      stats: { n: 2, mean: 0.5, std: 0.5, ciLow: 0, ciHigh: 1, iqm: 0.5, min: 0, max: 1 },
      points: 5,
      maxPoints: 10,
      graderVersion: 'g',
      envVersion: 'none',
      checkResults: [
        {
          check: 'computeGae',
          caseIndex: 0,
          visible: true,
          passed: true,
          input: { rewards: [1] },
          expected: [1],
          got: [1],
          points: 5,
          maxPoints: 5,
        },
        {
          check: 'computeGae',
          caseIndex: 1,
          visible: false,
          passed: false,
          expected: [2],
          got: [3],
          message: 'off by 1',
          points: 0,
          maxPoints: 5,
        },
      ],
    });
    const forStudent = await listCheckResults(t.db, evaluation.id, { revealHidden: false });
    expect(forStudent.map((r) => [r.passed, r.expected, r.got, r.message])).toEqual([
      [true, [1], [1], null],
      [false, null, null, null],
    ]);
    expect(await summarizeChecks(t.db, evaluation.id)).toEqual([
      { check: 'computeGae', passed: 1, cases: 2, points: 5, maxPoints: 10 },
    ]);
    const forStaff = await listCheckResults(t.db, evaluation.id, { revealHidden: true });
    expect(forStaff[1]).toMatchObject({ expected: [2], got: [3], message: 'off by 1' });
    await expectDbError(listEpisodes(t.db, randomUUID()), 'not_found', /evaluation "/);
  });
});
