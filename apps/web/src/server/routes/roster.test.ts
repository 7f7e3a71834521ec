import { describe, expect, it } from 'vitest';
import {
  authed,
  courseWithMembers,
  createCourseAs,
  expectJson,
  importRosterAs,
  joinCourse,
  signUp,
  uniqueEmail,
} from '../../../test/support/accounts';
import { apiHarnessPerFile } from '../../../test/support/harness';

const h = apiHarnessPerFile();

interface Member {
  userId: string;
  email: string;
  role: string;
  externalId: string | null;
  team: unknown;
}

describe('roster import', () => {
  it('enrolls known users, updates members and invites unknown emails; invitations become enrollments at sign-up', async () => {
    const prof = await signUp(h, { name: 'Prof' });
    const course = await createCourseAs(h, prof);
    const known = await signUp(h, { name: 'Known' });
    const member = await signUp(h, { name: 'Member' });
    await joinCourse(h, member, course.joinCode!);
    const newcomer = uniqueEmail('newcomer');
    const csv = [
      'email,name,role,student_id',
      `${known.user.email.toUpperCase()},Known,,s-100`,
      `${member.user.email},Member,ta,s-200`,
      `${newcomer},Newcomer,student,s-300`,
    ].join('\n');
    const result = await expectJson(await importRosterAs(h, prof, course.id, csv), 200);
    expect(result).toEqual({ enrolled: 1, invited: 1, updated: 1 });

    const members = await expectJson<Member[]>(
      await authed(h, prof.cookie, `/api/courses/${course.id}/members`),
      200,
    );
    const byEmail = new Map(members.map((m) => [m.email, m]));
    expect(byEmail.get(known.user.email)).toMatchObject({ role: 'student', externalId: 's-100', team: null });
    expect(byEmail.get(member.user.email)).toMatchObject({ role: 'ta', externalId: 's-200' });
    expect(byEmail.has(newcomer)).toBe(false);

    const later = await signUp(h, { email: newcomer, name: 'Newcomer' });
    const me = await expectJson<{ courses: { id: string; role: string }[] }>(
      await authed(h, later.cookie, '/api/me'),
      200,
    );
    expect(me.courses).toEqual([expect.objectContaining({ id: course.id, role: 'student' })]);
    const after = await expectJson<Member[]>(
      await authed(h, prof.cookie, `/api/courses/${course.id}/members`),
      200,
    );
    expect(after.find((m) => m.email === newcomer)).toMatchObject({ externalId: 's-300', role: 'student' });

    const audit = await expectJson<
      { action: string; actor: { id: string }; details: Record<string, unknown> }[]
    >(await authed(h, prof.cookie, `/api/courses/${course.id}/audit`), 200);
    expect(audit[0]).toMatchObject({
      action: 'roster.import',
      actor: { id: prof.user.id },
      details: { lines: 3, enrolled: 1, invited: 1, updated: 1 },
    });
  });

  it('enrolls an invited email with its invited role at sign-up, in that course only', async () => {
    const prof = await signUp(h, { name: 'Prof J' });
    const course = await createCourseAs(h, prof);
    const email = uniqueEmail('ta-later');
    await expectJson(await importRosterAs(h, prof, course.id, `email,name,role\n${email},Tia,ta\n`), 200);
    const other = await createCourseAs(h, prof);
    const tia = await signUp(h, { email, name: 'Tia' });
    const me = await expectJson<{ courses: { id: string }[] }>(await authed(h, tia.cookie, '/api/me'), 200);
    expect(me.courses.map((c) => c.id)).toEqual([course.id]);
    expect(await joinCourse(h, tia, other.joinCode!)).toBe('student');
    expect(await joinCourse(h, tia, course.joinCode!)).toBe('ta');
  });

  it('refuses the whole file when any line is bad, listing every bad line', async () => {
    const prof = await signUp(h, { name: 'Prof B' });
    const course = await createCourseAs(h, prof);
    const good = uniqueEmail('good');
    const csv = [
      'email,name,role',
      `${good},Good,student`,
      'broken,Bad,student',
      `${uniqueEmail()},X,dean`,
    ].join('\n');
    const res = await importRosterAs(h, prof, course.id, csv);
    const body = await expectJson<{ error: { code: string; field: string; message: string } }>(res, 400);
    expect(body.error.code).toBe('invalid_roster');
    expect(body.error.field).toBe('roster');
    expect(body.error.message).toMatch(/nothing was imported \(2 problems\)/);
    expect(body.error.message).toMatch(/line 3: email: expected an address/);
    expect(body.error.message).toMatch(
      /line 4: role: expected student, ta, instructor or empty, found "dean"/,
    );
    const [count] = await h.sql<{ n: number }[]>`
      select count(*)::int as n from roster_invitations where course_id = ${course.id}`;
    expect(count!.n).toBe(0);
  });

  it('is for instructors only; members and the audit log are for staff only', async () => {
    const { instructor, ta, students, course } = await courseWithMembers(h, { students: 1 });
    const csv = `email,name\n${uniqueEmail()},Someone\n`;
    const byTa = await importRosterAs(h, ta, course.id, csv);
    expect((await expectJson<{ error: { message: string } }>(byTa, 403)).error.message).toMatch(
      /instructor.*you are ta/,
    );
    const student = students[0]!;
    expect((await importRosterAs(h, student, course.id, csv)).status).toBe(403);
    const members = await authed(h, student.cookie, `/api/courses/${course.id}/members`);
    expect((await expectJson<{ error: { message: string } }>(members, 403)).error.message).toMatch(
      /you are student/,
    );
    expect((await authed(h, student.cookie, `/api/courses/${course.id}/audit`)).status).toBe(403);
    expect((await authed(h, ta.cookie, `/api/courses/${course.id}/members`)).status).toBe(200);
    expect((await authed(h, ta.cookie, `/api/courses/${course.id}/audit`)).status).toBe(200);
    const stranger = await signUp(h, { name: 'Stranger' });
    expect((await authed(h, stranger.cookie, `/api/courses/${course.id}/members`)).status).toBe(404);
    const json = await authed(h, instructor.cookie, `/api/courses/${course.id}/roster`, {
      method: 'POST',
      json: { email: 'x' },
    });
    expect(json.status).toBe(415);
  });
});
