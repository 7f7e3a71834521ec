import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { schema } from '../src/index';
import { listAudit, recordAudit } from '../src/queries/audit';
import { gradeExportRows } from '../src/queries/grades';
import { createCourse, createUser, enroll } from '../src/queries/people';
import {
  createSession,
  deleteSession,
  deleteUserSessions,
  purgeExpiredSessions,
  resolveSession,
  setPasswordHash,
} from '../src/queries/sessions';
import { selectSubmission } from '../src/queries/submissions';
import { createApiToken, listApiTokens, revokeApiToken, verifyApiToken } from '../src/queries/tokens';
import { useTestDatabase } from '../src/testing';
import { expectDbError } from './support/expect-error';
import { gradedHomework, HOUR, lateHomework } from './support/fixtures';

const t = useTestDatabase();

describe('api tokens', () => {
  it('stores only a hash, verifies, lists without secrets, and revokes', async () => {
    const u = await createUser(t.db, { email: 'cli@uni.test', name: 'CLI' });
    const { token, record } = await createApiToken(t.db, { userId: u.id, name: 'laptop' });
    expect(token).toMatch(/^crt_[A-Za-z0-9_-]{43}$/);
    expect(token.startsWith(record.prefix)).toBe(true);
    const stored = await t.db.select().from(schema.apiTokens);
    expect(stored[0]!.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(stored)).not.toContain(token);
    expect(await verifyApiToken(t.db, token)).toEqual({
      userId: u.id,
      email: 'cli@uni.test',
      tokenId: record.id,
    });
    expect(await verifyApiToken(t.db, `${token}x`)).toBeUndefined();
    expect(await verifyApiToken(t.db, 'garbage')).toBeUndefined();
    const listed = await listApiTokens(t.db, u.id);
    expect(listed).toHaveLength(1);
    expect(listed[0]!.lastUsedAt).toBeInstanceOf(Date);
    expect(Object.keys(listed[0]!)).not.toContain('tokenHash');
    const other = await createUser(t.db, { email: 'other@uni.test', name: 'O' });
    await expectDbError(
      revokeApiToken(t.db, { userId: other.id, tokenId: record.id }),
      'not_found',
      /api token "/,
    );
    await revokeApiToken(t.db, { userId: u.id, tokenId: record.id });
    expect(await verifyApiToken(t.db, token)).toBeUndefined();
    const expired = await createApiToken(t.db, {
      userId: u.id,
      name: 'old',
      expiresAt: new Date(Date.now() - 1000),
    });
    expect(await verifyApiToken(t.db, expired.token)).toBeUndefined();
    await expectDbError(
      createApiToken(t.db, { userId: u.id, name: '  ' }),
      'invalid',
      /name must not be empty/,
      'name',
    );
    await expectDbError(createApiToken(t.db, { userId: randomUUID(), name: 'x' }), 'not_found', /api_tokens/);
  });
});

describe('audit log', () => {
  it('appends staff actions and pages newest first', async () => {
    const prof = await createUser(t.db, { email: 'audit-prof@uni.test', name: 'P' });
    const course = await createCourse(t.db, { slug: 'audit-course', title: 'A', instructorId: prof.id });
    for (let i = 0; i < 5; i++) {
      await recordAudit(t.db, {
        courseId: course.id,
        actorId: prof.id,
        action: 'roster.import',
        entityType: 'course',
        entityId: course.id,
        details: { i },
      });
    }
    const page1 = await listAudit(t.db, course.id, { limit: 3 });
    expect(page1.map((e) => e.details.i)).toEqual([4, 3, 2]);
    const page2 = await listAudit(t.db, course.id, { limit: 3, beforeId: page1[2]!.id });
    expect(page2.map((e) => e.details.i)).toEqual([1, 0]);
  });
});

describe('grade export of a checks assignment', () => {
  it('uses the selected submission, else the one with the most points after the late penalty (not the latest)', async () => {
    const prof = await createUser(t.db, { email: 'hw-prof@uni.test', name: 'P' });
    const course = await createCourse(t.db, { slug: 'hw-course', title: 'HW', instructorId: prof.id });
    const [ann, ben, cat, dan] = await Promise.all(
      ['Ann', 'Ben', 'Cat', 'Dan'].map(async (n) => {
        const u = await createUser(t.db, { email: `${n.toLowerCase()}@hw.test`, name: n });
        await enroll(t.db, course.id, u.id, 'student');
        return u;
      }),
    );
    const now = Date.now();
    const hw = await lateHomework(t.db, course.id, 0.25);
    const graded = (userId: string, points: number, at: Date) =>
      gradedHomework(t.db, { assignmentId: hw.id, userId, points, at });
    const annFirst = await graded(ann!.id, 8, new Date(now - 5 * HOUR));
    await graded(ann!.id, 9, new Date(now - 4 * HOUR)); // more points, but Ann selects her first
    await selectSubmission(t.db, annFirst.id);
    const benBest = await graded(ben!.id, 10, new Date(now - 3 * HOUR));
    await graded(ben!.id, 7, new Date(now - 2 * HOUR)); // the latest, with fewer points: not counted
    await graded(dan!.id, 5, new Date(now - 3 * HOUR));
    await graded(dan!.id, 6, new Date(now - HOUR / 2)); // late: 6 × 0.75 = 4.5 < 5
    const danLateBest = await graded(dan!.id, 8, new Date(now - HOUR / 4)); // late: 8 × 0.75 = 6 > 5
    const rows = await gradeExportRows(t.db, hw.id);
    expect(rows.map((r) => [r.name, r.score, r.maxPoints, r.isLate, r.submissionId])).toEqual([
      ['Ann', 8, 10, false, annFirst.id],
      ['Ben', 10, 10, false, benBest.id],
      ['Cat', null, null, false, null],
      ['Dan', 6, 10, true, danLateBest.id],
    ]);
    expect(cat).toBeDefined();
  });
});

describe('sessions', () => {
  it('resolves a live session, not an expired or deleted one, and signs out everywhere', async () => {
    const u = await createUser(t.db, { email: 'web@uni.test', name: 'Web User' });
    const s1 = await createSession(t.db, { userId: u.id, ttlMs: 60_000 });
    const s2 = await createSession(t.db, { userId: u.id, ttlMs: 60_000 });
    expect(s1.token).not.toBe(s2.token);
    expect(await resolveSession(t.db, s1.token)).toMatchObject({
      userId: u.id,
      email: 'web@uni.test',
      name: 'Web User',
    });
    expect(await resolveSession(t.db, 'forged')).toBeUndefined();
    const stored = await t.db.select().from(schema.sessions);
    expect(JSON.stringify(stored)).not.toContain(s1.token);
    await deleteSession(t.db, s1.token);
    expect(await resolveSession(t.db, s1.token)).toBeUndefined();
    expect(await resolveSession(t.db, s2.token)).toBeDefined();
    const short = await createSession(t.db, { userId: u.id, ttlMs: 1 });
    await new Promise((r) => setTimeout(r, 20));
    expect(await resolveSession(t.db, short.token)).toBeUndefined();
    expect(await purgeExpiredSessions(t.db)).toBe(1);
    expect(await deleteUserSessions(t.db, u.id)).toBe(1);
    await expectDbError(
      createSession(t.db, { userId: u.id, ttlMs: 0 }),
      'invalid',
      /ttlMs must be > 0/,
      'ttlMs',
    );
    await expectDbError(
      setPasswordHash(t.db, randomUUID(), '$argon2id$v=19$m=65536,t=3,p=4$abc'),
      'not_found',
      /user "/,
    );
    await setPasswordHash(t.db, u.id, '$argon2id$v=19$m=65536,t=3,p=4$abcdef');
  });
});
