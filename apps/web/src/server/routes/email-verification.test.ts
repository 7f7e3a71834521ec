// V1: a roster-reserved seat (TA, instructor or student, by email) is granted only to a verified address:
// signing up with someone's email is not enough; the link mailed to that address is.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  authed,
  createCourseAs,
  expectJson,
  importRosterAs,
  joinCourse,
  openVerificationLink,
  signUp,
  uniqueEmail,
  verificationTokenOf,
} from '../../../test/support/accounts';
import { type ApiHarness, createApiHarness } from '../../../test/support/harness';

let h: ApiHarness;
beforeAll(async () => {
  h = await createApiHarness();
});
afterAll(async () => {
  await h.close();
});

type Me = { courses: { id: string; role: string }[] };
type Invitation = { email: string; role: string; account: string; verificationLink: string | null };

const roleIn = async (cookie: string, courseId: string) =>
  (await expectJson<Me>(await authed(h, cookie, '/api/me'), 200)).courses.find((c) => c.id === courseId)
    ?.role;

describe('roster seats need a verified address', () => {
  it('signing up with a TA’s reserved email grants nothing until the mailed link is opened', async () => {
    const prof = await signUp(h, { name: 'Prof' });
    const course = await createCourseAs(h, prof);
    const taEmail = uniqueEmail('ta');
    await expectJson(
      await importRosterAs(h, prof, course.id, `email,name,role\n${taEmail},Tia TA,ta\n`),
      200,
    );

    // Someone signs up with that address (without reading its mail): no seat, and joining makes a student.
    const claimant = await signUp(h, { name: 'Claimant', email: taEmail, verify: false });
    expect(await roleIn(claimant.cookie, course.id)).toBeUndefined();
    expect(await joinCourse(h, claimant, course.joinCode!)).toBe('student');
    expect(await roleIn(claimant.cookie, course.id)).toBe('student');
    // Staff-only routes stay closed.
    expect((await authed(h, claimant.cookie, `/api/courses/${course.id}/members`)).status).toBe(403);

    // The roster view lists the seat as waiting for an unverified account, with the link (log mailer).
    const pending = await expectJson<Invitation[]>(
      await authed(h, prof.cookie, `/api/courses/${course.id}/roster/invitations`),
      200,
    );
    expect(pending).toEqual([
      expect.objectContaining({
        email: taEmail,
        role: 'ta',
        account: 'unverified',
        verificationLink: expect.stringContaining('/api/auth/verify-email?token='),
      }),
    ]);
    // Only instructors see it (a student gets 403).
    expect((await authed(h, claimant.cookie, `/api/courses/${course.id}/roster/invitations`)).status).toBe(
      403,
    );

    // The owner of the address opens the link: the seat is granted.
    const opened = await openVerificationLink(h, taEmail);
    expect(opened.status).toBe(303);
    expect(opened.headers.get('location')).toBe('/?email=verified');
    expect(await roleIn(claimant.cookie, course.id)).toBe('ta');
    expect(
      await expectJson<Invitation[]>(
        await authed(h, prof.cookie, `/api/courses/${course.id}/roster/invitations`),
        200,
      ),
    ).toEqual([]);
    // A link works once.
    expect((await openVerificationLink(h, taEmail)).status).toBe(404);
  });

  it('importing a roster that names an unverified account invites it instead of enrolling it', async () => {
    const prof = await signUp(h, { name: 'Prof' });
    const course = await createCourseAs(h, prof);
    const member = await signUp(h, { name: 'Early', verify: false });
    expect(await joinCourse(h, member, course.joinCode!)).toBe('student');
    const unknown = uniqueEmail('later');
    const result = await expectJson<{ enrolled: number; invited: number; updated: number }>(
      await importRosterAs(
        h,
        prof,
        course.id,
        `email,name,role,student_id\n${member.user.email},Early,instructor,s1\n${unknown},Later,student,s2\n`,
      ),
      200,
    );
    expect(result).toEqual({ enrolled: 0, invited: 2, updated: 0 });
    expect(await roleIn(member.cookie, course.id)).toBe('student');
    const pending = await expectJson<Invitation[]>(
      await authed(h, prof.cookie, `/api/courses/${course.id}/roster/invitations`),
      200,
    );
    expect(pending.map((p) => [p.email, p.account])).toEqual(
      [
        [member.user.email, 'unverified'],
        [unknown, 'none'],
      ].sort((a, b) => a[0]!.localeCompare(b[0]!)),
    );
    expect(pending.find((p) => p.email === unknown)?.verificationLink).toBeNull();

    // Verifying with the token (the API form of the link) grants the seat, and says so.
    const verified = await expectJson<{ email: string; joined: { courseId: string; role: string }[] }>(
      await h.app.request('/api/auth/verify-email', {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: 'http://critic.test' },
        body: JSON.stringify({ token: verificationTokenOf(h, member.user.email) }),
      }),
      200,
    );
    expect(verified).toEqual({
      email: member.user.email,
      joined: [{ courseId: course.id, role: 'instructor' }],
    });
    expect(await roleIn(member.cookie, course.id)).toBe('instructor');
  });

  it('a new link can be asked for; an unknown token is a 404, a verified address a 409', async () => {
    const u = await signUp(h, { name: 'Slow', verify: false });
    const first = h.deps.mailer.lastLinkTo(u.user.email);
    const sent = await expectJson<{ sentTo: string }>(
      await authed(h, u.cookie, '/api/auth/verify-email/resend', { method: 'POST' }),
      202,
    );
    expect(sent).toEqual({ sentTo: u.user.email });
    expect(h.deps.mailer.lastLinkTo(u.user.email)).not.toBe(first);
    const bad = await h.app.request(`/api/auth/verify-email?token=${'x'.repeat(43)}`);
    expect(bad.status).toBe(404);
    expect(((await bad.json()) as { error: { message: string } }).error.message).toMatch(
      /unknown, used or expired/,
    );
    expect((await openVerificationLink(h, u.user.email)).status).toBe(303);
    expect((await authed(h, u.cookie, '/api/auth/verify-email/resend', { method: 'POST' })).status).toBe(409);
  });
});
