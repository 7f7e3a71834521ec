// V1: a roster-reserved seat (TA, instructor or student, by email) is granted only to a verified address:
// signing up with someone's email is not enough; the link mailed to that address is.
import { describe, expect, it } from 'vitest';
import {
  authed,
  createCourseAs,
  expectJson,
  importRosterAs,
  openVerificationLink,
  sessionCookieOf,
  signUp,
  uniqueEmail,
  verificationTokenOf,
} from '../../../test/support/accounts';
import { apiHarnessPerFile } from '../../../test/support/harness';

const h = apiHarnessPerFile();

type Me = { courses: { id: string; role: string }[] };
type Invitation = { email: string; role: string; account: string; verificationLink: string | null };

const roleIn = async (cookie: string, courseId: string) =>
  (await expectJson<Me>(await authed(h, cookie, '/api/me'), 200)).courses.find((c) => c.id === courseId)
    ?.role;

const post = (path: string, body: unknown) =>
  h.app.request(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: 'http://critic.test' },
    body: JSON.stringify(body),
  });

describe('roster seats need a verified address', () => {
  it('signing up with a TA’s reserved email grants nothing until the mailed link is opened', async () => {
    const prof = await signUp(h, { name: 'Prof' });
    const course = await createCourseAs(h, prof);
    const taEmail = uniqueEmail('ta');
    await expectJson(
      await importRosterAs(h, prof, course.id, `email,name,role\n${taEmail},Tia TA,ta\n`),
      200,
    );

    // Someone signs up with that address without reading its mail: no session, and signing in fails.
    await signUp(h, { name: 'Claimant', email: taEmail, password: 'claimant password', verify: false });
    const signin = await post('/api/auth/signin', { email: taEmail, password: 'claimant password' });
    expect(signin.status).toBe(401);

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

    // The owner of the address opens the link: signed in, with the seat.
    const opened = await openVerificationLink(h, taEmail);
    expect(opened.status).toBe(303);
    expect(opened.headers.get('location')).toBe('/courses');
    const cookie = sessionCookieOf(opened);
    expect(await roleIn(cookie, course.id)).toBe('ta');
    expect((await authed(h, cookie, `/api/courses/${course.id}/members`)).status).toBe(200);
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
    const pending = await expectJson<Invitation[]>(
      await authed(h, prof.cookie, `/api/courses/${course.id}/roster/invitations`),
      200,
    );
    expect(pending.map((p) => [p.email, p.account]).sort()).toEqual(
      [
        [member.user.email, 'unverified'],
        [unknown, 'none'],
      ].sort(),
    );
    expect(pending.find((p) => p.email === unknown)?.verificationLink).toBeNull();

    // Verifying with the token (the API form of the link) signs in and grants the seat, and says so.
    const res = await post('/api/auth/verify-email', { token: verificationTokenOf(h, member.user.email) });
    const verified = await expectJson<{ email: string; joined: { courseId: string; role: string }[] }>(
      res,
      200,
    );
    expect(verified).toEqual({
      email: member.user.email,
      joined: [{ courseId: course.id, role: 'instructor' }],
    });
    expect(await roleIn(sessionCookieOf(res), course.id)).toBe('instructor');
  });

  it('a new link can be asked for by address (the same answer for any address); an unknown token is a 404', async () => {
    const u = await signUp(h, { name: 'Slow', verify: false });
    const first = h.deps.mailer.lastLinkTo(u.user.email);
    const sent = await expectJson<{ email: string }>(
      await post('/api/auth/verify-email/resend', { email: u.user.email }),
      202,
    );
    expect(sent).toEqual({ email: u.user.email });
    expect(h.deps.mailer.lastLinkTo(u.user.email)).not.toBe(first);
    // An address without an account gets the same answer, and no mail.
    const nobody = uniqueEmail('nobody');
    expect((await post('/api/auth/verify-email/resend', { email: nobody })).status).toBe(202);
    expect(h.outbox.some((m) => m.to === nobody)).toBe(false);
    const bad = await h.app.request(`/api/auth/verify-email?token=${'x'.repeat(43)}`);
    expect(bad.status).toBe(404);
    expect(((await bad.json()) as { error: { message: string } }).error.message).toMatch(
      /unknown, used or expired/,
    );
    expect((await openVerificationLink(h, u.user.email)).status).toBe(303);
    // A confirmed address is not sent another link.
    const latest = h.deps.mailer.lastLinkTo(u.user.email);
    expect((await post('/api/auth/verify-email/resend', { email: u.user.email })).status).toBe(202);
    expect(h.deps.mailer.lastLinkTo(u.user.email)).toBe(latest);
  });
});
