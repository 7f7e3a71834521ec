import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  type LaunchSpec,
  type LmsUser,
  LTI_ROLES,
  startTestPlatform,
  type TestPlatform,
} from '../test/support/lti-platform';
import { browserPerFile, signUp, snapshot } from './support/browser';
import { CARTPOLE_AGENT } from './support/fixtures';
import { createCourse, finalStatus, submitAndOpen } from './support/steps';

// Critic as an LTI 1.3 tool of a real (small) LMS run by this test: Dynamic Registration, launches that
// sign people in with their LMS role, deep linking, roster sync and grades arriving in the LMS gradebook.
const instructor = { name: 'Lena LMS', email: 'lena-lti@uni.example', password: 'correct horse battery' };
const prof: LmsUser = {
  sub: 'moodle-lena',
  name: 'Lena LMS',
  email: instructor.email,
  roles: [LTI_ROLES.instructor],
};
const sam: LmsUser = {
  sub: 'moodle-sam',
  name: 'Sam Moodle',
  email: 'sam-lti@uni.example',
  roles: [LTI_ROLES.student],
};
const tess: LmsUser = {
  sub: 'moodle-tess',
  name: 'Tess Moodle',
  email: 'tess-lti@uni.example',
  roles: [LTI_ROLES.student],
};
const tom: LmsUser = {
  sub: 'moodle-tom',
  name: 'Tom Assist',
  email: 'tom-lti@uni.example',
  roles: [LTI_ROLES.ta],
};
const CONTEXT = 'moodle-rl-2026';
const ZERO_AGENT = 'export function act(obs: number[]): number { return 0; }\n';
const made = { courseId: '', assignmentId: '', linkId: '' };

let lms: TestPlatform;
let teacher: Page;
let samPage: Page;
let tessPage: Page;
let base: string;

beforeAll(async () => {
  base = inject('baseUrl');
  lms = await startTestPlatform();
});
afterAll(async () => {
  await lms?.close();
});
browserPerFile(async (person) => {
  teacher = await person();
  samPage = await person();
  tessPage = await person();
});

/** Opens a placement in the LMS: login initiation, the LMS's authorization, the form post back. */
async function launchFrom(page: Page, spec: LaunchSpec): Promise<void> {
  await page.goto(lms.loginUrl(base, spec));
}

async function submitAgent(page: Page, source: string): Promise<void> {
  await page.goto(`/assignments/${made.assignmentId}`);
  await submitAndOpen(page, 'agent.ts', 'text/plain', source);
  await expect(finalStatus(page)).resolves.toBe('succeeded');
}

/** Clicks "Send due grades now" (the web process also sends on its own timer; either way the LMS is checked). */
async function sendGrades(): Promise<void> {
  await teacher.goto(`/courses/${made.courseId}/admin`);
  await teacher.getByRole('button', { name: 'Send due grades now' }).click();
  await teacher.getByRole('status').filter({ hasText: 'grades sent' }).waitFor();
}

const scoresOf = (sub: string) => lms.scores.filter((s) => s.userId === sub).map((s) => s.scoreGiven);

describe('Moodle-style LMS end to end (LTI 1.3 Advantage)', () => {
  it('(a) Dynamic Registration from the URL on the course settings', async () => {
    await signUp(teacher, instructor);
    made.courseId = await createCourse(teacher, 'rl-lti', 'RL with Moodle');
    await teacher.goto(`/courses/${made.courseId}/admin`);
    const registrationUrl = await teacher.getByLabel('Registration URL').inputValue();
    expect(registrationUrl.startsWith(`${base}/api/lti/register?reg=`)).toBe(true);
    await snapshot(teacher, 'lti-admin-registration-url');
    // What Moodle does with the pasted URL: open it with its OpenID configuration and a one-time token.
    const u = new URL(registrationUrl);
    u.searchParams.set('openid_configuration', `${lms.url}/.well-known/openid-configuration`);
    u.searchParams.set('registration_token', lms.registrationToken);
    await teacher.goto(u.toString());
    await expect(teacher.locator('#registered').textContent()).resolves.toContain(lms.clientId);
    await snapshot(teacher, 'lti-registered');
    expect(lms.registered).toMatchObject({
      initiate_login_uri: `${base}/api/lti/login`,
      redirect_uris: [`${base}/api/lti/launch`],
      jwks_uri: `${base}/api/lti/jwks`,
    });
  });

  it('(b) an instructor launch links the LMS course and gets staff rights', async () => {
    lms.addContext(CONTEXT, 'RL 2026 (Moodle)', []);
    await launchFrom(teacher, { user: prof, contextId: CONTEXT });
    await teacher.waitForURL(`**/courses/${made.courseId}/admin`);
    await teacher.getByRole('heading', { name: 'Instructor dashboard' }).waitFor();
    await teacher.getByTestId('lms-settings').getByText('RL 2026 (Moodle)').waitFor();
    await snapshot(teacher, 'lti-instructor-launch');
    const created = await teacher.evaluate(async (courseId) => {
      const now = Date.now();
      const res = await fetch(`/api/courses/${courseId}/assignments`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          slug: 'cartpole-lti',
          title: 'Balance the CartPole (LMS)',
          kind: 'agent',
          envId: 'CartPole-v1',
          publicEpisodes: 1,
          privateEpisodes: 2,
          opensAt: new Date(now - 3_600_000).toISOString(),
          dueAt: new Date(now + 86_400_000).toISOString(),
        }),
      });
      return { status: res.status, body: (await res.json()) as { id: string } };
    }, made.courseId);
    expect(created.status).toBe(201);
    made.assignmentId = created.body.id;
  });

  it('(c) deep linking: the instructor picks the assignment and a signed response goes back to the LMS', async () => {
    await launchFrom(teacher, { user: prof, contextId: CONTEXT, deepLinking: true });
    await teacher.getByRole('heading', { name: 'Add a Critic assignment to the LMS' }).waitFor();
    await teacher.getByLabel(/Balance the CartPole \(LMS\)/).check();
    await snapshot(teacher, 'lti-deep-link-picker');
    await teacher.getByRole('button', { name: 'Add to the LMS' }).click();
    await teacher.getByRole('heading', { name: 'Added to the course' }).waitFor();
    made.linkId = (await teacher.locator('#created').textContent()) ?? '';
    await snapshot(teacher, 'lti-deep-link-returned');
    // The LMS verified the JWT against Critic's JWKS before adding the link.
    expect(lms.deepLinkResponses).toHaveLength(1);
    expect(lms.deepLinkResponses[0]).toMatchObject({
      iss: lms.clientId,
      aud: lms.issuer,
      'https://purl.imsglobal.org/spec/lti/claim/message_type': 'LtiDeepLinkingResponse',
    });
    const link = lms.contexts.get(CONTEXT)?.links.get(made.linkId);
    expect(link?.custom).toEqual({ critic_assignment_id: made.assignmentId });
    expect(link?.lineItemId).toBeDefined();
  });

  it('(d) a student launch lands on the assignment, signed in', async () => {
    await launchFrom(samPage, { user: sam, contextId: CONTEXT, resourceLinkId: made.linkId });
    await samPage.waitForURL(`**/assignments/${made.assignmentId}`);
    await samPage.getByRole('heading', { name: 'Balance the CartPole (LMS)' }).waitFor();
    await samPage.getByLabel('Files', { exact: true }).waitFor();
    await snapshot(samPage, 'lti-student-launch');
    const me = await samPage.evaluate(async () => (await fetch('/api/me')).json());
    expect(me).toMatchObject({
      user: { email: sam.email },
      courses: [expect.objectContaining({ role: 'student' })],
    });
  });

  it('(e) a roster sync adds the LMS members with their roles', async () => {
    lms.contexts.get(CONTEXT)!.members = [prof, sam, tess, tom];
    await teacher.goto(`/courses/${made.courseId}/admin`);
    await teacher.getByRole('button', { name: 'Sync roster from the LMS' }).click();
    await teacher.getByRole('status').filter({ hasText: '2 added, 0 updated, 2 unchanged' }).waitFor();
    await snapshot(teacher, 'lti-roster-sync');
    const members = await teacher.evaluate(
      async (courseId) =>
        (await fetch(`/api/courses/${courseId}/members`)).json() as Promise<
          { email: string; role: string }[]
        >,
      made.courseId,
    );
    expect(new Map(members.map((m) => [m.email, m.role]))).toEqual(
      new Map([
        [prof.email, 'instructor'],
        [sam.email, 'student'],
        [tess.email, 'student'],
        [tom.email, 'ta'],
      ]),
    );
  });

  it('(f) a graded score reaches the LMS gradebook once, and again only when it changes', async () => {
    await samPage.goto(`/courses/${made.courseId}`);
    await samPage.getByLabel('Team name', { exact: true }).fill('Sam solo');
    await samPage.getByRole('button', { name: 'Create team' }).click();
    await samPage.getByTestId('team-name').waitFor();
    await submitAgent(samPage, ZERO_AGENT);
    // Agent grades follow the private board: nothing is sent before its release.
    await sendGrades();
    expect(lms.scores).toHaveLength(0);
    const released = await teacher.evaluate(
      async (id) =>
        (
          await fetch(`/api/assignments/${id}/release`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ released: true }),
          })
        ).status,
      made.assignmentId,
    );
    expect(released).toBe(200);
    await sendGrades();
    await expect.poll(() => scoresOf(sam.sub), { timeout: 15_000 }).toEqual([100]);
    await sendGrades();
    expect(lms.scores).toHaveLength(1);

    // Tess (signed in through the LMS) beats Sam: both grades change, each sent once.
    await launchFrom(tessPage, { user: tess, contextId: CONTEXT, resourceLinkId: made.linkId });
    await tessPage.waitForURL(`**/assignments/${made.assignmentId}`);
    await tessPage.goto(`/courses/${made.courseId}`);
    await tessPage.getByLabel('Team name', { exact: true }).fill('Tess solo');
    await tessPage.getByRole('button', { name: 'Create team' }).click();
    await tessPage.getByTestId('team-name').waitFor();
    await submitAgent(tessPage, CARTPOLE_AGENT);
    await sendGrades();
    await expect.poll(() => lms.scores.length, { timeout: 15_000 }).toBe(3);
    expect(scoresOf(sam.sub)).toEqual([100, 50]);
    expect(scoresOf(tess.sub)).toEqual([100]);
    await sendGrades();
    expect(lms.scores).toHaveLength(3);
    await teacher.getByRole('table', { name: 'Grades sent to the LMS' }).waitFor();
    await snapshot(teacher, 'lti-grades-sent');
  });
});
