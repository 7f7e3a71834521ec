import { describe, expect, it } from 'vitest';
import {
  authed,
  createCourseAs,
  expectJson,
  joinCourse,
  joinTeam,
  signUp,
  type TestCourse,
} from '../../../test/support/accounts';
import { apiHarnessPerFile } from '../../../test/support/harness';

const h = apiHarnessPerFile();

describe('courses', () => {
  it('makes the creator instructor and shows the join code to staff only', async () => {
    const prof = await signUp(h, { name: 'Prof' });
    const course = await createCourseAs(h, prof, {
      slug: 'rl-ws26',
      title: 'RL',
      maxTeamSize: 3,
      timezone: 'Europe/Berlin',
    });
    expect(course).toMatchObject({
      slug: 'rl-ws26',
      role: 'instructor',
      maxTeamSize: 3,
      timezone: 'Europe/Berlin',
    });
    expect(course.joinCode).toMatch(/^[0-9A-F]{10}$/);

    const student = await signUp(h, { name: 'Stu' });
    const joined = await expectJson<{ course: TestCourse; role: string }>(
      await authed(h, student.cookie, '/api/courses/join', {
        method: 'POST',
        json: { code: ` ${course.joinCode!.toLowerCase()} ` },
      }),
      200,
    );
    expect(joined.role).toBe('student');
    expect(joined.course.joinCode).toBeUndefined();
    const seen = await expectJson<TestCourse>(
      await authed(h, student.cookie, `/api/courses/${course.id}`),
      200,
    );
    expect(seen.role).toBe('student');
    expect(seen).not.toHaveProperty('joinCode');
    const staffView = await expectJson<TestCourse>(
      await authed(h, prof.cookie, `/api/courses/${course.id}`),
      200,
    );
    expect(staffView.joinCode).toBe(course.joinCode);
    // joining again keeps the role
    expect(await joinCourse(h, prof, course.joinCode!)).toBe('instructor');
  });

  it('answers 404 to someone not enrolled, and names a bad join code', async () => {
    const prof = await signUp(h, { name: 'Prof 2' });
    const course = await createCourseAs(h, prof);
    const stranger = await signUp(h, { name: 'Stranger' });
    const res = await authed(h, stranger.cookie, `/api/courses/${course.id}`);
    expect(res.status).toBe(404);
    const bad = await authed(h, stranger.cookie, '/api/courses/join', {
      method: 'POST',
      json: { code: 'NOPE' },
    });
    expect((await expectJson<{ error: { field: string } }>(bad, 404)).error.field).toBe('code');
    const anon = await h.app.request(`/api/courses/${course.id}`);
    expect(anon.status).toBe(401);
  });

  it('refuses a bad slug or time zone, naming the field', async () => {
    const prof = await signUp(h, { name: 'Prof 3' });
    const slug = await authed(h, prof.cookie, '/api/courses', {
      method: 'POST',
      json: { slug: 'No Caps', title: 'x' },
    });
    expect((await expectJson<{ error: { field: string; message: string } }>(slug, 400)).error).toMatchObject({
      field: 'slug',
      message: expect.stringMatching(/lower-case letters/),
    });
    const tz = await authed(h, prof.cookie, '/api/courses', {
      method: 'POST',
      json: { slug: 'tz-course', title: 'x', timezone: 'Mars/Olympus' },
    });
    expect((await expectJson<{ error: { field: string } }>(tz, 400)).error.field).toBe('timezone');
    const taken = await createCourseAs(h, prof);
    const dup = await authed(h, prof.cookie, '/api/courses', {
      method: 'POST',
      json: { slug: taken.slug, title: 'x' },
    });
    expect((await expectJson<{ error: { field: string } }>(dup, 409)).error.field).toBe('slug');
  });

  it('lists the viewer’s courses with role and team at /api/me', async () => {
    const prof = await signUp(h, { name: 'Prof 4' });
    const a = await createCourseAs(h, prof, { title: 'A course' });
    const b = await createCourseAs(h, prof, { title: 'B course' });
    const s = await signUp(h, { name: 'Member' });
    await joinCourse(h, s, a.joinCode!);
    await joinCourse(h, s, b.joinCode!);
    const team = await joinTeam(h, a.id, s, [], 'Pole Position');
    const me = await expectJson<{ user: { id: string }; courses: unknown[] }>(
      await authed(h, s.cookie, '/api/me'),
      200,
    );
    expect(me.user.id).toBe(s.user.id);
    expect(me.courses).toEqual([
      {
        id: a.id,
        slug: a.slug,
        title: 'A course',
        role: 'student',
        team: { id: team.id, name: 'Pole Position' },
      },
      { id: b.id, slug: b.slug, title: 'B course', role: 'student', team: null },
    ]);
  });
});
