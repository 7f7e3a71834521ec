import { describe, expect, it } from 'vitest';
import { schema } from '../src/index';
import type { GradeRow } from '../src/queries/grades';
import { claimLtiGrades, ltiGradeOf, markLtiGradeFailed, markLtiGradeSent } from '../src/queries/lti-grades';
import { enrollFromLti, linkLtiIdentity, storeLtiLineItem } from '../src/queries/lti-links';
import { consumeLtiLogin, createLtiLogin } from '../src/queries/lti-logins';
import { upsertLtiPlatform } from '../src/queries/lti-platforms';
import { createCourse, createUser, enroll, roleInCourse } from '../src/queries/people';
import { clearSelection, selectSubmission } from '../src/queries/submissions';
import { useTestDatabase } from '../src/testing';
import { gradedHomework, HOUR, lateHomework } from './support/fixtures';

const t = useTestDatabase();

const row = (over: Partial<GradeRow>): GradeRow => ({
  email: 'x@uni.test',
  name: 'X',
  team: null,
  submissionId: null,
  submittedAt: null,
  isLate: false,
  score: null,
  rank: null,
  maxPoints: null,
  ...over,
});
const item = (
  over: { scoreMaximum?: number; gradeZeroAt?: number | null; gradeFullAt?: number | null } = {},
) => ({
  scoreMaximum: 100,
  gradeZeroAt: null,
  gradeFullAt: null,
  ...over,
});

describe('ltiGradeOf (the grade a line item gets)', () => {
  it('checks: points over max points, scaled to the line item', () => {
    expect(ltiGradeOf(row({ score: 7.5, maxPoints: 10 }), 'checks', item(), 0)).toBe(75);
    expect(ltiGradeOf(row({ score: 3, maxPoints: 4 }), 'checks', item({ scoreMaximum: 20 }), 0)).toBe(15);
    expect(ltiGradeOf(row({ score: null, maxPoints: null }), 'checks', item(), 0)).toBeUndefined();
  });

  it('agent with thresholds: linear between them and clamped, in either score direction', () => {
    const maximize = item({ gradeZeroAt: 0, gradeFullAt: 500 });
    expect(ltiGradeOf(row({ score: 250, rank: 3 }), 'agent', maximize, 5)).toBe(50);
    expect(ltiGradeOf(row({ score: 900, rank: 1 }), 'agent', maximize, 5)).toBe(100);
    expect(ltiGradeOf(row({ score: -20, rank: 5 }), 'agent', maximize, 5)).toBe(0);
    // minimize (e.g. steps to the goal): zero at 500 steps, full marks at 100.
    const minimize = item({ gradeZeroAt: 500, gradeFullAt: 100 });
    expect(ltiGradeOf(row({ score: 200, rank: 1 }), 'agent', minimize, 2)).toBe(75);
    expect(ltiGradeOf(row({ score: 50, rank: 1 }), 'agent', minimize, 2)).toBe(100);
  });

  it('agent without thresholds: by private rank, (N − rank + 1) / N', () => {
    expect(ltiGradeOf(row({ score: 9, rank: 1 }), 'agent', item(), 4)).toBe(100);
    expect(ltiGradeOf(row({ score: 5, rank: 3 }), 'agent', item(), 4)).toBe(50);
    expect(ltiGradeOf(row({ score: 1, rank: 3 }), 'agent', item(), 3)).toBe(33.3333);
  });
});

describe('grade outbox', () => {
  it('queues a checks grade with the late penalty when it is stored, again only when the counting submission changes; sends with backoff', async () => {
    const prof = await createUser(t.db, { email: 'lti-prof@uni.test', name: 'P' });
    const course = await createCourse(t.db, { slug: 'lti-course', title: 'LTI', instructorId: prof.id });
    const ann = await createUser(t.db, { email: 'lti-ann@uni.test', name: 'Ann' });
    await enroll(t.db, course.id, ann.id, 'student');
    const platform = await upsertLtiPlatform(t.db, {
      name: 'Moodle',
      issuer: 'https://moodle.uni.test',
      clientId: 'critic',
      authLoginUrl: 'https://moodle.uni.test/auth',
      authTokenUrl: 'https://moodle.uni.test/token',
      keysetUrl: 'https://moodle.uni.test/jwks',
      deploymentIds: ['1'],
    });
    await linkLtiIdentity(t.db, { issuer: platform.issuer, subject: 'moodle-ann', userId: ann.id });
    const now = Date.now();
    const hw = await lateHomework(t.db, course.id, 0.5);
    await storeLtiLineItem(t.db, {
      platformId: platform.id,
      contextId: 'ctx',
      assignmentId: hw.id,
      url: 'https://moodle.uni.test/lineitems/1',
      scoreMaximum: 100,
    });
    const graded = (points: number, at: Date) =>
      gradedHomework(t.db, { assignmentId: hw.id, userId: ann.id, points, at });
    const outbox = () => t.db.select().from(schema.ltiGradeOutbox).orderBy(schema.ltiGradeOutbox.id);

    await graded(6, new Date(now - 2 * HOUR));
    expect((await outbox()).map((r) => [r.scoreGiven, r.subject, r.status])).toEqual([
      [60, 'moodle-ann', 'pending'],
    ]);
    // A late 10/10 gets the penalty: 10 × (1 − 0.5) = 5 → 50. The best submission counts by default
    // (as in the grades CSV), and that is still the on-time 60: nothing new is queued.
    const late = await graded(10, new Date(now - HOUR / 2));
    expect((await outbox()).map((r) => [r.scoreGiven, r.status])).toEqual([[60, 'pending']]);
    // Ann picks her late submission: 50, and the unsent 60 is superseded.
    await selectSubmission(t.db, late.id);
    expect((await outbox()).map((r) => [r.scoreGiven, r.status])).toEqual([
      [60, 'superseded'],
      [50, 'pending'],
    ]);
    await selectSubmission(t.db, late.id); // the same grade as the last queued: nothing new
    expect((await outbox()).map((r) => r.scoreGiven)).toEqual([60, 50]);
    await clearSelection(t.db, late.id); // back to the best (on-time) submission
    expect((await outbox()).map((r) => [r.scoreGiven, r.status])).toEqual([
      [60, 'superseded'],
      [50, 'superseded'],
      [60, 'pending'],
    ]);

    const at = new Date(Date.now() + 1000); // the rows were queued at the database's now()
    const claimed = await claimLtiGrades(t.db, { now: at, leaseMs: 60_000, limit: 10 });
    expect(claimed.map((c) => c.scoreGiven)).toEqual([60]);
    expect(await claimLtiGrades(t.db, { now: at, leaseMs: 60_000, limit: 10 })).toEqual([]); // leased
    const next = await markLtiGradeFailed(t.db, {
      id: claimed[0]!.id,
      attempts: 3,
      error: 'answered 503',
      now: at,
      baseMs: 1000,
      maxMs: 60_000,
    });
    expect(next.getTime() - at.getTime()).toBe(4000); // 2^(3−1) × 1 s
    expect(await claimLtiGrades(t.db, { now: new Date(at.getTime() + 3999), leaseMs: 1, limit: 10 })).toEqual(
      [],
    );
    const again = await claimLtiGrades(t.db, { now: new Date(at.getTime() + 4000), leaseMs: 1, limit: 10 });
    expect(again.map((c) => c.attempts)).toEqual([2]);
    await markLtiGradeSent(t.db, again[0]!.id, at);
    expect((await outbox()).at(-1)).toMatchObject({ status: 'sent', lastError: null, attempts: 2 });
  });
});

describe('LTI logins and enrollments', () => {
  it('uses a login state once, and not after it expires', async () => {
    const platform = await upsertLtiPlatform(t.db, {
      name: 'Other',
      issuer: 'https://other.uni.test',
      clientId: 'c',
      authLoginUrl: 'https://other.uni.test/a',
      authTokenUrl: 'https://other.uni.test/t',
      keysetUrl: 'https://other.uni.test/k',
      deploymentIds: [],
    });
    const now = new Date();
    /** A login state and nonce that expire a minute from `now`. */
    const login = (state: string, nonce: string) =>
      createLtiLogin(t.db, {
        state,
        nonce,
        platformId: platform.id,
        targetLinkUri: 'x',
        expiresAt: new Date(now.getTime() + 60_000),
      });
    await login('s1', 'n1');
    expect(await consumeLtiLogin(t.db, 's1', now)).toMatchObject({ login: { nonce: 'n1' } });
    expect(await consumeLtiLogin(t.db, 's1', now)).toEqual({ refused: 'used' });
    expect(await consumeLtiLogin(t.db, 'nope', now)).toEqual({ refused: 'unknown' });
    await login('s2', 'n2');
    expect(await consumeLtiLogin(t.db, 's2', new Date(now.getTime() + 60_001))).toEqual({
      refused: 'expired',
    });
  });

  it('enrolls with the LMS role and promotes a member, never demoting anyone', async () => {
    const prof = await createUser(t.db, { email: 'lti-prof2@uni.test', name: 'P2' });
    const course = await createCourse(t.db, { slug: 'lti-course-2', title: 'LTI 2', instructorId: prof.id });
    const bo = await createUser(t.db, { email: 'lti-bo@uni.test', name: 'Bo' });
    expect(await enrollFromLti(t.db, { courseId: course.id, userId: bo.id, role: 'student' })).toBe(
      'student',
    );
    expect(await enrollFromLti(t.db, { courseId: course.id, userId: bo.id, role: 'ta' })).toBe('ta');
    expect(await enrollFromLti(t.db, { courseId: course.id, userId: bo.id, role: 'student' })).toBe('ta');
    expect(await enrollFromLti(t.db, { courseId: course.id, userId: prof.id, role: 'student' })).toBe(
      'instructor',
    );
    expect(await roleInCourse(t.db, course.id, prof.id)).toBe('instructor');
  });
});
