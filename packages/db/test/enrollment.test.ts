import { describe, expect, it } from 'vitest';
import { listAuditWithActors } from '../src/queries/audit';
import { createEmailVerification, verifyEmail } from '../src/queries/email-verification';
import {
  claimRosterInvitations,
  createCourseWithSettings,
  importRoster,
  joinCourseByCode,
  joinTeamByCode,
  leaveTeam,
  listCoursesWithTeams,
  listMembersWithTeams,
  listRosterInvitations,
} from '../src/queries/enrollment';
import { createTeam, createUser, enroll, roleInCourse } from '../src/queries/people';
import { useTestDatabase } from '../src/testing';
import { expectDbError } from './support/expect-error';

const t = useTestDatabase();

let n = 0;
const user = (name: string) =>
  createUser(t.db, { email: `${name.toLowerCase()}-${++n}@uni.test`, name, emailVerifiedAt: new Date() });
const course = async (maxTeamSize?: number) => {
  const prof = await user('Prof');
  const c = await createCourseWithSettings(t.db, {
    slug: `rl-${++n}`,
    title: 'RL',
    instructorId: prof.id,
    ...(maxTeamSize === undefined ? {} : { maxTeamSize }),
  });
  return { prof, course: c };
};

describe('enrollment queries', () => {
  it('creates a course with its team size and refuses an out-of-range one', async () => {
    const { prof, course: c } = await course(3);
    expect(c.maxTeamSize).toBe(3);
    expect(await roleInCourse(t.db, c.id, prof.id)).toBe('instructor');
    await expectDbError(
      createCourseWithSettings(t.db, {
        slug: `rl-${++n}`,
        title: 'x',
        instructorId: prof.id,
        maxTeamSize: 0,
      }),
      'invalid',
      /maxTeamSize must be an integer in 1…50/,
      'maxTeamSize',
    );
  });

  it('imports a roster atomically with audit, and claims invitations on join or sign-up', async () => {
    const { prof, course: c } = await course();
    const known = await user('Known');
    const member = await user('Member');
    await enroll(t.db, c.id, member.id, 'student');
    const result = await importRoster(t.db, {
      courseId: c.id,
      actorId: prof.id,
      entries: [
        { email: known.email, name: 'Known', externalId: 'k1' },
        { email: member.email.toUpperCase(), name: 'Member', role: 'ta', externalId: 'm1' },
        { email: 'later@uni.test', name: 'Later', role: 'ta', externalId: 'l1' },
        { email: prof.email, name: 'Prof', role: 'student', externalId: 'p1' },
      ],
    });
    expect(result).toEqual({ enrolled: 1, invited: 1, updated: 2 });
    const members = await listMembersWithTeams(t.db, c.id);
    expect(members.map((m) => [m.email, m.role, m.externalId])).toEqual([
      [known.email, 'student', 'k1'],
      [member.email, 'ta', 'm1'],
      // the importer's own line never demotes them
      [prof.email, 'instructor', 'p1'],
    ]);
    expect((await listRosterInvitations(t.db, c.id)).map((i) => i.email)).toEqual(['later@uni.test']);
    const [entry] = await listAuditWithActors(t.db, c.id);
    expect(entry).toMatchObject({ actorName: 'Prof', entry: { action: 'roster.import' } });

    // an account with a waiting invitation but an unverified address: joining makes it a student only,
    // and the roster's seat (TA) is granted when it verifies its address
    const later = await createUser(t.db, { email: 'later@uni.test', name: 'Later' });
    expect(
      await joinCourseByCode(t.db, { code: c.joinCode.toLowerCase(), userId: later.id, email: later.email }),
    ).toMatchObject({
      role: 'student',
    });
    expect((await listRosterInvitations(t.db, c.id)).map((i) => i.email)).toEqual(['later@uni.test']);
    const { token } = await createEmailVerification(t.db, {
      userId: later.id,
      ttlMs: 60_000,
      now: new Date(),
    });
    expect(await verifyEmail(t.db, { token, now: new Date() })).toMatchObject({
      userId: later.id,
      joined: [{ courseId: c.id, role: 'ta' }],
    });
    expect(await roleInCourse(t.db, c.id, later.id)).toBe('ta');
    await expectDbError(
      verifyEmail(t.db, { token, now: new Date() }),
      'not_found',
      /unknown, used or expired/,
      'token',
    );
    expect(await listRosterInvitations(t.db, c.id)).toEqual([]);
    expect((await listMembersWithTeams(t.db, c.id)).find((m) => m.userId === later.id)?.externalId).toBe(
      'l1',
    );
    expect(await claimRosterInvitations(t.db, { userId: later.id, email: later.email })).toEqual([]);
  });

  it('stores nothing when any roster entry is invalid, naming it', async () => {
    const { prof, course: c } = await course();
    await expectDbError(
      importRoster(t.db, {
        courseId: c.id,
        actorId: prof.id,
        entries: [
          { email: 'ok@uni.test', name: 'Ok' },
          { email: 'not an email', name: 'Bad' },
        ],
      }),
      'invalid',
      /1\.email/,
      '1.email',
    );
    expect(await listRosterInvitations(t.db, c.id)).toEqual([]);
    expect(await listAuditWithActors(t.db, c.id)).toEqual([]);
  });

  it('joins teams by invite code up to the size limit, one team per course, and leaves', async () => {
    const { course: c } = await course(2);
    const [a, b, d] = [await user('A'), await user('B'), await user('D')];
    for (const u of [a, b, d]) await enroll(t.db, c.id, u.id, 'student');
    const team = await createTeam(t.db, { courseId: c.id, name: 'Two', memberIds: [a.id] });
    const joined = await joinTeamByCode(t.db, {
      courseId: c.id,
      userId: b.id,
      code: ` ${team.inviteCode.toLowerCase()}`,
    });
    expect(joined.id).toBe(team.id);
    await expectDbError(
      joinTeamByCode(t.db, { courseId: c.id, userId: d.id, code: team.inviteCode }),
      'conflict',
      /at most 2 members per team/,
      'maxTeamSize',
    );
    await expectDbError(
      joinTeamByCode(t.db, { courseId: c.id, userId: d.id, code: 'NOPE' }),
      'not_found',
      /invite code/,
      'code',
    );
    const other = await createTeam(t.db, { courseId: c.id, name: 'Other', memberIds: [d.id] });
    await leaveTeam(t.db, c.id, b.id);
    await expectDbError(leaveTeam(t.db, c.id, b.id), 'not_found', /not in a team/);
    await joinTeamByCode(t.db, { courseId: c.id, userId: b.id, code: other.inviteCode });
    const mine = await listCoursesWithTeams(t.db, b.id);
    expect(mine).toEqual([{ course: c, role: 'student', team: { id: other.id, name: 'Other' } }]);
    // a team of another course cannot be joined with its code
    const { course: c2 } = await course();
    await enroll(t.db, c2.id, a.id, 'student');
    await expectDbError(
      joinTeamByCode(t.db, { courseId: c2.id, userId: a.id, code: other.inviteCode }),
      'not_found',
      /invite code/,
    );
  });
});
