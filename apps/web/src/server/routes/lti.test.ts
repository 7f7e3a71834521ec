import { upsertLtiPlatform } from '@critic/db';
import type { JSONWebKeySet } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rotateSigningKey } from '~/server/lti/keys';
import { authed, expectJson, signUp } from '../../../test/support/accounts';
import {
  createGradingWorld,
  fakeGrade,
  type GradingWorld,
  storedSubmission,
} from '../../../test/support/grading';
import {
  type ApiHarness,
  apiHarnessPerFile,
  createApiHarness,
  TEST_ORIGIN,
} from '../../../test/support/harness';
import {
  type LaunchSpec,
  LTI_ROLES,
  manualRegistration,
  startTestPlatform,
  type TestPlatform,
} from '../../../test/support/lti-platform';

const h = apiHarnessPerFile();
let w: GradingWorld;
let lms: TestPlatform;

const toolKeys = async () => (await (await h.app.request('/api/lti/jwks')).json()) as JSONWebKeySet;

beforeAll(async () => {
  w = await createGradingWorld(h);
  lms = await startTestPlatform({ toolKeys });
});
afterAll(async () => {
  await lms?.close();
});

type ErrorBody = { error: { code: string; message: string; field?: string } };

/** The hidden inputs of an auto-posting form. */
function formFields(html: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)) {
    out[m[1]!] = m[2]!.replace(/&#(\d+);/g, (_, n: string) => String.fromCharCode(Number(n)));
  }
  return out;
}

/** Login initiation at the tool: the state and nonce it sent to the platform's authorization endpoint. */
async function initiate(spec: LaunchSpec): Promise<{ state: string; nonce: string; authUrl: string }> {
  const res = await h.app.request(lms.loginUrl(TEST_ORIGIN, spec));
  expect(res.status, await res.clone().text()).toBe(302);
  const location = new URL(res.headers.get('location')!);
  expect(location.origin + location.pathname).toBe(`${lms.url}/auth`);
  expect(location.searchParams.get('redirect_uri')).toBe(`${TEST_ORIGIN}/api/lti/launch`);
  return {
    state: location.searchParams.get('state')!,
    nonce: location.searchParams.get('nonce')!,
    authUrl: location.toString(),
  };
}

/** Posts a launch form as the LMS's auto-posting page does (cross-site: the LMS's Origin). */
function postLaunch(fields: Record<string, string>): Promise<Response> {
  return Promise.resolve(
    h.app.request('/api/lti/launch', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: lms.url },
      body: new URLSearchParams(fields).toString(),
    }),
  );
}

/** A whole launch: login initiation, the platform's real authorization endpoint, the form post back. */
async function launch(spec: LaunchSpec): Promise<{ res: Response; fields: Record<string, string> }> {
  const { authUrl } = await initiate(spec);
  const page = await fetch(authUrl);
  expect(page.status).toBe(200);
  const fields = formFields(await page.text());
  return { res: await postLaunch(fields), fields };
}

function cookieOf(res: Response): string {
  const m = /critic_session=([^;]*)/.exec(res.headers.get('set-cookie') ?? '');
  expect(m, 'a session cookie').not.toBeNull();
  return `critic_session=${m![1]}`;
}

async function counts() {
  const [row] = await h.sql<{ users: number; enrollments: number; identities: number; courses: number }[]>`
    select (select count(*)::int from users) as users, (select count(*)::int from enrollments) as enrollments,
      (select count(*)::int from lti_identities) as identities, (select count(*)::int from courses) as courses`;
  return row!;
}

const CONTEXT = 'moodle-course-42';

/** Sends the due LMS grades now, as the instructor's button does. */
async function sendDueGrades(harness: ApiHarness) {
  return expectJson<{ sent: number; failed: number }>(
    await authed(harness, w.instructor.cookie, `/api/courses/${w.course.id}/lti/grades/send`, {
      method: 'POST',
    }),
    200,
  );
}

/** The test LMS's line item id of a Critic assignment (by title). */
function lmsItemOf(label: string): string {
  return [...lms.lineItems.values()].find((l) => l.label === label)!.id;
}
let instructorSpec: LaunchSpec;

describe('LTI 1.3 tool', () => {
  it("serves Critic's JWKS: the current key and, after a rotation, the previous one", async () => {
    const first = await toolKeys();
    expect(first.keys).toHaveLength(1);
    expect(first.keys[0]).toMatchObject({ kty: 'RSA', alg: 'RS256', use: 'sig' });
    expect(first.keys[0]).not.toHaveProperty('d');
    const kid = await rotateSigningKey(h.deps.db);
    const second = await toolKeys();
    expect(second.keys.map((k) => k.kid)).toEqual([kid, first.keys[0]!.kid]);
    const third = await rotateSigningKey(h.deps.db);
    expect((await toolKeys()).keys.map((k) => k.kid)).toEqual([third, kid]);
  });

  it('registers a platform by hand from the course settings, refusing a bad field by name', async () => {
    const bad = await authed(h, w.instructor.cookie, `/api/courses/${w.course.id}/lti/platforms`, {
      method: 'POST',
      json: { ...manualRegistration(lms), deploymentIds: [] },
    });
    expect((await expectJson<ErrorBody>(bad, 400)).error.field).toBe('deploymentIds');
    const ok = await authed(h, w.instructor.cookie, `/api/courses/${w.course.id}/lti/platforms`, {
      method: 'POST',
      json: manualRegistration(lms),
    });
    expect(await expectJson(ok, 201)).toMatchObject({
      issuer: lms.issuer,
      deploymentIds: [lms.deploymentId],
    });
  });

  it('refuses a login initiation from an unknown platform, or for a target elsewhere, naming the field', async () => {
    const q = (params: Record<string, string>) => `/api/lti/login?${new URLSearchParams(params).toString()}`;
    const unknown = await h.app.request(
      q({
        iss: 'https://unknown.example',
        login_hint: 'x',
        target_link_uri: `${TEST_ORIGIN}/api/lti/launch`,
      }),
    );
    expect((await expectJson<ErrorBody>(unknown, 400)).error).toMatchObject({
      code: 'lti_unknown_platform',
      field: 'iss',
    });
    for (const target of ['http://[', 'https://evil.example/api/lti/launch']) {
      const res = await h.app.request(
        q({ iss: lms.issuer, client_id: lms.clientId, login_hint: 'x', target_link_uri: target }),
      );
      expect((await expectJson<ErrorBody>(res, 400)).error.field).toBe('target_link_uri');
    }
    const missing = await h.app.request(q({ iss: lms.issuer }));
    expect((await expectJson<ErrorBody>(missing, 400)).error.field).toBe('login_hint');
  });

  it("refuses a student's launch from an LMS course no instructor has linked, creating nothing", async () => {
    lms.addContext('unlinked-course', 'Unlinked', []);
    const before = await counts();
    const { res } = await launch({
      user: { sub: 'stranger-1', name: 'Stranger', email: 'stranger@uni.test', roles: [LTI_ROLES.student] },
      contextId: 'unlinked-course',
    });
    expect((await expectJson<ErrorBody>(res, 403)).error.code).toBe('lti_course_not_linked');
    expect(await counts()).toEqual(before);
  });

  it("links an instructor's launch to the course that registered the platform, signed in as staff", async () => {
    lms.addContext(CONTEXT, 'RL 2026 (Moodle)', []);
    instructorSpec = {
      user: {
        sub: 'moodle-prof',
        name: 'Prof',
        email: w.instructor.user.email,
        roles: [LTI_ROLES.instructor],
      },
      contextId: CONTEXT,
    };
    const { res } = await launch(instructorSpec);
    expect(res.status, await res.clone().text()).toBe(303);
    expect(res.headers.get('location')).toBe(`/courses/${w.course.id}/admin`);
    const cookie = cookieOf(res);
    const me = await expectJson<{ user: { id: string } }>(await authed(h, cookie, '/api/me'), 200);
    expect(me.user.id).toBe(w.instructor.user.id);
    const settings = await expectJson<{ contexts: { contextId: string; roster: boolean }[] }>(
      await authed(h, cookie, `/api/courses/${w.course.id}/lti`),
      200,
    );
    expect(settings.contexts).toEqual([expect.objectContaining({ contextId: CONTEXT, roster: true })]);
  });

  it('gives a teaching assistant the TA role and a new account when the email is unknown', async () => {
    const { res } = await launch({
      user: { sub: 'moodle-ta', name: 'Tia Assist', email: 'tia-lms@uni.test', roles: [LTI_ROLES.ta] },
      contextId: CONTEXT,
    });
    expect(res.status).toBe(303);
    const course = await expectJson<{ role: string }>(
      await authed(h, cookieOf(res), `/api/courses/${w.course.id}`),
      200,
    );
    expect(course.role).toBe('ta');
    const [row] = await h.sql<{ verified: boolean }[]>`
      select email_verified_at is not null as verified from users where email = 'tia-lms@uni.test'`;
    expect(row?.verified, 'the LMS vouches for the address it sends').toBe(true);
  });

  it("takes an unconfirmed account of the LMS's address as verified and voids its pending sign-up link", async () => {
    const squatter = await signUp(h, { name: 'Unconfirmed', email: 'una-lms@uni.test', verify: false });
    const before = await h.sql<{ n: number }[]>`
      select count(*)::int as n from email_verifications where user_id = ${squatter.user.id}`;
    expect(before[0]!.n).toBe(1);
    const { res } = await launch({
      user: { sub: 'moodle-una', name: 'Una', email: 'una-lms@uni.test', roles: [LTI_ROLES.student] },
      contextId: CONTEXT,
    });
    expect(res.status, await res.clone().text()).toBe(303);
    const [row] = await h.sql<{ verified: boolean; links: number }[]>`
      select u.email_verified_at is not null as verified,
        (select count(*)::int from email_verifications v where v.user_id = u.id) as links
      from users u where u.id = ${squatter.user.id}`;
    expect(row).toEqual({ verified: true, links: 0 });
    const course = await expectJson<{ role: string }>(
      await authed(h, cookieOf(res), `/api/courses/${w.course.id}`),
      200,
    );
    expect(course.role).toBe('student');
  });

  it('lands a student on the linked assignment, signed in, and creates its gradebook column', async () => {
    const a = await w.assignment({ title: 'CartPole LTI' });
    lms.addLink(CONTEXT, { id: 'link-cartpole', title: 'CartPole', custom: { critic_assignment_id: a.id } });
    const student = w.teams[0]!.members[0]!;
    const { res } = await launch({
      user: { sub: 'moodle-s00', name: 'S 00', email: student.user.email, roles: [LTI_ROLES.student] },
      contextId: CONTEXT,
      resourceLinkId: 'link-cartpole',
    });
    expect(res.status, await res.clone().text()).toBe(303);
    expect(res.headers.get('location')).toBe(`/assignments/${a.id}`);
    const got = await expectJson<{ id: string }>(
      await authed(h, cookieOf(res), `/api/assignments/${a.id}`),
      200,
    );
    expect(got.id).toBe(a.id);
    const items = [...lms.lineItems.values()].filter((l) => l.resourceId === a.id);
    expect(items).toEqual([
      expect.objectContaining({ label: 'CartPole LTI', scoreMaximum: 100, contextId: CONTEXT }),
    ]);
  });
});

describe('refused launches (each with a clear message, nothing created)', () => {
  const spec = (): LaunchSpec => ({
    user: {
      sub: `refused-${Math.random()}`,
      name: 'Eve',
      email: `eve-${Math.random()}@uni.test`,
      roles: [LTI_ROLES.instructor],
    },
    contextId: `ctx-${Math.random()}`,
  });

  async function refused(
    override: (s: LaunchSpec, nonce: string) => Promise<string>,
    status: number,
    code: string,
    message: RegExp,
  ) {
    const s = spec();
    lms.addContext(s.contextId, 'Refusals', []);
    const before = await counts();
    const { state, nonce } = await initiate(s);
    const res = await postLaunch({ id_token: await override(s, nonce), state });
    const body = await expectJson<ErrorBody>(res, status);
    expect(body.error.code).toBe(code);
    expect(body.error.message).toMatch(message);
    expect(res.headers.get('set-cookie') ?? '').not.toContain('critic_session=');
    expect(await counts()).toEqual(before);
  }

  it('a bad signature', async () => {
    const { generateKeyPair } = await import('jose');
    const other = await generateKeyPair('RS256');
    await refused(
      (s, n) => lms.idToken(s, n, { key: other.privateKey }),
      401,
      'lti_bad_signature',
      /signature/,
    );
  });

  it('a wrong audience', async () => {
    await refused(
      (s, n) => lms.idToken(s, n, { claims: { aud: 'some-other-tool' } }),
      401,
      'lti_wrong_audience',
      /audience/,
    );
  });

  it('an expired token', async () => {
    const past = Math.floor(Date.now() / 1000) - 3600;
    await refused(
      (s, n) => lms.idToken(s, n, { claims: { iat: past - 60, exp: past } }),
      401,
      'lti_expired',
      /expired/,
    );
  });

  it('an unknown deployment', async () => {
    await refused(
      (s, n) =>
        lms.idToken(s, n, { claims: { 'https://purl.imsglobal.org/spec/lti/claim/deployment_id': 'dep-x' } }),
      403,
      'lti_unknown_deployment',
      /deployment "dep-x"/,
    );
  });

  it('a replayed nonce (the same launch posted twice)', async () => {
    const s = spec();
    lms.addContext(s.contextId, 'Replay', []);
    const { res, fields } = await launch(s);
    expect(res.status).toBe(303);
    const before = await counts();
    const again = await postLaunch(fields);
    const body = await expectJson<ErrorBody>(again, 401);
    expect(body.error).toMatchObject({ code: 'lti_replayed' });
    expect(body.error.message).toMatch(/already used/);
    // The same token with a fresh login's state: its nonce is not that login's.
    const { state } = await initiate(s);
    const forged = await postLaunch({ id_token: fields.id_token!, state });
    expect((await expectJson<ErrorBody>(forged, 401)).error.code).toBe('lti_replayed');
    expect(await counts()).toEqual(before);
  });
});

describe('deep linking', () => {
  it('lets the instructor pick an assignment and posts a signed LtiDeepLinkingResponse back', async () => {
    const a = await w.assignment({ title: 'Deep-linked CartPole' });
    const { res } = await launch({ ...instructorSpec, deepLinking: true });
    expect(res.status, await res.clone().text()).toBe(303);
    const picker = res.headers.get('location')!;
    expect(picker).toMatch(/^\/api\/lti\/deep-link\?session=/);
    const cookie = cookieOf(res);
    const page = await authed(h, cookie, picker);
    const html = await page.text();
    expect(html).toContain('Deep-linked CartPole');
    const session = new URL(picker, TEST_ORIGIN).searchParams.get('session')!;
    const answer = await authed(h, cookie, '/api/lti/deep-link', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ session, assignmentId: a.id }).toString(),
    });
    expect(answer.status).toBe(200);
    const back = await answer.text();
    const action = /<form id="lti-return" method="post" action="([^"]+)"/
      .exec(back)![1]!
      .replace(/&#38;/g, '&');
    expect(action.startsWith(`${lms.url}/deep-link-return`)).toBe(true);
    // The platform verifies the JWT against Critic's JWKS and adds the link with its line item.
    const posted = await fetch(action, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(formFields(back)).toString(),
    });
    expect(posted.status, await posted.clone().text()).toBe(200);
    const jwt = lms.deepLinkResponses.at(-1)!;
    expect(jwt).toMatchObject({
      iss: lms.clientId,
      aud: lms.issuer,
      'https://purl.imsglobal.org/spec/lti/claim/message_type': 'LtiDeepLinkingResponse',
      'https://purl.imsglobal.org/spec/lti/claim/deployment_id': lms.deploymentId,
      'https://purl.imsglobal.org/spec/lti-dl/claim/data': `dl-${CONTEXT}`,
    });
    const linkId = /<p id="created">([^<]+)</.exec(await posted.text())![1]!;
    // A student opening the new placement lands on the picked assignment.
    const student = w.teams[1]!.members[0]!;
    const opened = await launch({
      user: { sub: 'moodle-s10', name: 'S 10', email: student.user.email, roles: [LTI_ROLES.student] },
      contextId: CONTEXT,
      resourceLinkId: linkId,
    });
    expect(opened.res.headers.get('location')).toBe(`/assignments/${a.id}`);
    const [stored] = await h.sql<
      { url: string }[]
    >`select url from lti_line_items where assignment_id = ${a.id}`;
    expect(stored!.url).toBe(
      `${lms.url}/lineitems/${lms.contexts.get(CONTEXT)!.links.get(linkId)!.lineItemId}`,
    );
  });

  it('refuses the picker to someone else than the launching instructor', async () => {
    const res = await authed(h, w.ta.cookie, '/api/lti/deep-link?session=forged');
    expect((await expectJson<ErrorBody>(res, 400)).error.code).toBe('lti_deep_link_expired');
  });
});

describe('roster sync (NRPS)', () => {
  it('adds the LMS members with their roles and links their LMS identities', async () => {
    const known = w.teams[1]!.members[1]!;
    lms.contexts.get(CONTEXT)!.members = [
      { sub: 'moodle-prof', name: 'Prof', email: w.instructor.user.email, roles: [LTI_ROLES.instructor] },
      { sub: 'moodle-s11', name: 'Known', email: known.user.email, roles: [LTI_ROLES.student] },
      { sub: 'moodle-new-1', name: 'Nadia New', email: 'nadia-lms@uni.test', roles: [LTI_ROLES.student] },
      { sub: 'moodle-new-ta', name: 'Theo TA', email: 'theo-lms@uni.test', roles: [LTI_ROLES.ta] },
    ];
    const res = await authed(h, w.instructor.cookie, `/api/courses/${w.course.id}/lti/roster-sync`, {
      method: 'POST',
    });
    const body = await expectJson<{ contexts: { added: number; unchanged: number }[] }>(res, 200);
    expect(body.contexts).toEqual([expect.objectContaining({ contextId: CONTEXT, added: 2, unchanged: 2 })]);
    const members = await expectJson<{ email: string; role: string }[]>(
      await authed(h, w.instructor.cookie, `/api/courses/${w.course.id}/members`),
      200,
    );
    const roles = new Map(members.map((m) => [m.email, m.role]));
    expect(roles.get('nadia-lms@uni.test')).toBe('student');
    expect(roles.get('theo-lms@uni.test')).toBe('ta');
    expect(roles.get(w.instructor.user.email)).toBe('instructor');
    const [link] = await h.sql<
      { user_id: string }[]
    >`select user_id from lti_identities where subject = 'moodle-s11'`;
    expect(link!.user_id).toBe(known.user.id);
    const again = await authed(h, w.instructor.cookie, `/api/courses/${w.course.id}/lti/roster-sync`, {
      method: 'POST',
    });
    expect((await expectJson<{ contexts: { added: number }[] }>(again, 200)).contexts[0]!.added).toBe(0);
  });
});

describe('grade passback (AGS outbox)', () => {
  it('sends an agent grade after the private board is released, once, again only when it changes, and survives an outage', async () => {
    const a = await w.assignment({ title: 'Graded CartPole' });
    lms.addLink(CONTEXT, { id: 'link-graded', title: 'Graded', custom: { critic_assignment_id: a.id } });
    const [a0, a1] = w.teams[0]!.members as [
      (typeof w.teams)[0]['members'][0],
      (typeof w.teams)[0]['members'][0],
    ];
    const [b0, b1] = w.teams[1]!.members as [typeof a0, typeof a0];
    // Everyone is linked to the LMS (roster sync); the first launch creates the gradebook column.
    const subs = ['moodle-s00', 'grade-a1', 'moodle-s10', 'moodle-s11'];
    lms.contexts.get(CONTEXT)!.members = [a0, a1, b0, b1].map((m, i) => ({
      sub: subs[i]!,
      name: m.user.name,
      email: m.user.email,
      roles: [LTI_ROLES.student],
    }));
    await expectJson(
      await authed(h, w.instructor.cookie, `/api/courses/${w.course.id}/lti/roster-sync`, { method: 'POST' }),
      200,
    );
    const first = await launch({
      user: { sub: 'moodle-s00', name: a0.user.name, email: a0.user.email, roles: [LTI_ROLES.student] },
      contextId: CONTEXT,
      resourceLinkId: 'link-graded',
    });
    expect(first.res.headers.get('location')).toBe(`/assignments/${a.id}`);
    const item = [...lms.lineItems.values()].find((l) => l.resourceId === a.id)!;
    const scoresOf = () => lms.scores.filter((s) => s.lineItemId === item.id);
    const send = async () =>
      expectJson<{ sent: number; failed: number }>(
        await authed(h, w.instructor.cookie, `/api/courses/${w.course.id}/lti/grades/send`, {
          method: 'POST',
        }),
        200,
      );

    await fakeGrade(h, await storedSubmission(h, a, a0.user.id), { public: 90, private: 100 });
    await fakeGrade(h, await storedSubmission(h, a, b0.user.id), { public: 40, private: 50 });
    expect(await send()).toEqual({ sent: 0, failed: 0 });
    expect(scoresOf()).toHaveLength(0); // the private board is not released: nothing leaves

    await expectJson(
      await authed(h, w.instructor.cookie, `/api/assignments/${a.id}/release`, {
        method: 'POST',
        json: { released: true },
      }),
      200,
    );
    expect(await send()).toEqual({ sent: 4, failed: 0 });
    const bySub = () => new Map(scoresOf().map((s) => [s.userId, s.scoreGiven]));
    expect(bySub()).toEqual(
      new Map([
        ['moodle-s00', 100],
        ['grade-a1', 100],
        ['moodle-s10', 50],
        ['moodle-s11', 50],
      ]),
    );
    expect(scoresOf()[0]).toMatchObject({
      scoreMaximum: 100,
      activityProgress: 'Completed',
      gradingProgress: 'FullyGraded',
    });
    expect(await send()).toEqual({ sent: 0, failed: 0 });

    // A new submission that does not change anyone's grade sends nothing.
    await fakeGrade(h, await storedSubmission(h, a, a1.user.id), { public: 80, private: 90 });
    expect(await send()).toEqual({ sent: 0, failed: 0 });
    expect(scoresOf()).toHaveLength(4);

    // Team B overtakes team A: both teams' grades change, while the LMS is down.
    lms.down = true;
    await fakeGrade(h, await storedSubmission(h, a, b1.user.id), { public: 140, private: 150 });
    expect(await send()).toEqual({ sent: 0, failed: 4 });
    const [pending] = await h.sql<{ n: number; err: string; next: Date }[]>`
      select count(*)::int as n, max(last_error) as err, min(next_attempt_at) as next
      from lti_grade_outbox where status = 'pending'`;
    expect(pending!.n).toBe(4);
    expect(pending!.err).toMatch(/503/);
    lms.down = false;
    expect(await send()).toEqual({ sent: 0, failed: 0 }); // backing off: not due yet
    // Past the backoff (the clock stays 10 minutes ahead for the rest of the file: rows queued later are due).
    h.setNow(new Date(Date.now() + 10 * 60_000));
    expect(await send()).toEqual({ sent: 4, failed: 0 });
    expect(scoresOf()).toHaveLength(8);
    expect(
      new Map(
        scoresOf()
          .slice(4)
          .map((s) => [s.userId, s.scoreGiven]),
      ),
    ).toEqual(
      new Map([
        ['moodle-s00', 50],
        ['grade-a1', 50],
        ['moodle-s10', 100],
        ['moodle-s11', 100],
      ]),
    );

    // The instructor sees what was sent and when.
    const settings = await expectJson<{
      grades: { status: string; userEmail: string; sentAt: string | null; attempts: number }[];
    }>(await authed(h, w.instructor.cookie, `/api/courses/${w.course.id}/lti`), 200);
    const mine = settings.grades.filter((g) => g.status === 'sent');
    expect(mine.length).toBeGreaterThanOrEqual(8);
    expect(mine.find((g) => g.userEmail === b1.user.email && g.attempts === 2)?.sentAt).toEqual(
      expect.any(String),
    );
  });
});

describe('gradebook column thresholds', () => {
  it('maps an agent score linearly between two thresholds (lower is better: zero above full) and re-queues the grades that change', async () => {
    const settings = await expectJson<{
      lineItems: { id: string; assignmentTitle: string; gradeZeroAt: number | null }[];
    }>(await authed(h, w.instructor.cookie, `/api/courses/${w.course.id}/lti`), 200);
    const item = settings.lineItems.find((l) => l.assignmentTitle === 'Graded CartPole')!;
    expect(item.gradeZeroAt).toBeNull();
    const path = `/api/courses/${w.course.id}/lti/line-items/${item.id}/thresholds`;
    const half = await authed(h, w.instructor.cookie, path, {
      method: 'PUT',
      json: { gradeZeroAt: 0, gradeFullAt: null },
    });
    expect((await expectJson<ErrorBody>(half, 400)).error.field).toBe('gradeFullAt');
    const asStudent = await authed(h, w.teams[0]!.members[0]!.cookie, path, {
      method: 'PUT',
      json: { gradeZeroAt: 0, gradeFullAt: 200 },
    });
    expect(asStudent.status).toBe(403);
    // Private scores: team A 100 (best of 100 and 90), team B 150. Linear 0 → 200: 50 and 75; team A's
    // 50 is what the LMS already has, so only team B's grades are queued.
    const saved = await authed(h, w.instructor.cookie, path, {
      method: 'PUT',
      json: { gradeZeroAt: 0, gradeFullAt: 200 },
    });
    expect(await expectJson(saved, 200)).toMatchObject({ gradeZeroAt: 0, gradeFullAt: 200 });
    const queued = await h.sql<{ subject: string; score_given: number }[]>`
      select subject, score_given from lti_grade_outbox where line_item_id = ${item.id} and status = 'pending' order by subject`;
    expect(queued.map((r) => [r.subject, r.score_given])).toEqual([
      ['moodle-s10', 75],
      ['moodle-s11', 75],
    ]);
    // Lower is better: zero at 200, full marks at 100 → team A (100) 100, team B (150) 50.
    await expectJson(
      await authed(h, w.instructor.cookie, path, {
        method: 'PUT',
        json: { gradeZeroAt: 200, gradeFullAt: 100 },
      }),
      200,
    );
    const inverted = await h.sql<{ subject: string; score_given: number }[]>`
      select subject, score_given from lti_grade_outbox where line_item_id = ${item.id} and status = 'pending' order by subject`;
    expect(inverted.map((r) => [r.subject, r.score_given])).toEqual([
      ['grade-a1', 100],
      ['moodle-s00', 100],
      ['moodle-s10', 50],
      ['moodle-s11', 50],
    ]); // the unsent 75s were superseded
    expect(await sendDueGrades(h)).toEqual({ sent: 4, failed: 0 });
    const last = new Map(
      lms.scores
        .filter((x) => x.lineItemId === lmsItemOf('Graded CartPole'))
        .map((x) => [x.userId, x.scoreGiven]),
    );
    expect(last).toEqual(
      new Map([
        ['moodle-s00', 100],
        ['grade-a1', 100],
        ['moodle-s10', 50],
        ['moodle-s11', 50],
      ]),
    );
  });
});

describe('dynamic registration', () => {
  it('registers Critic with a platform from the URL the instructor copies, and refuses a forged URL', async () => {
    const other = await startTestPlatform({ toolKeys });
    try {
      const settings = await expectJson<{ registrationUrl: string }>(
        await authed(h, w.instructor.cookie, `/api/courses/${w.course.id}/lti`),
        200,
      );
      const url = new URL(settings.registrationUrl);
      expect(url.origin).toBe(TEST_ORIGIN);
      url.searchParams.set('openid_configuration', `${other.url}/.well-known/openid-configuration`);
      url.searchParams.set('registration_token', other.registrationToken);
      const res = await h.app.request(url.toString());
      expect(res.status, await res.clone().text()).toBe(200);
      expect(await res.text()).toContain('org.imsglobal.lti.close');
      expect(other.registered).toMatchObject({
        initiate_login_uri: `${TEST_ORIGIN}/api/lti/login`,
        redirect_uris: [`${TEST_ORIGIN}/api/lti/launch`],
        jwks_uri: `${TEST_ORIGIN}/api/lti/jwks`,
        token_endpoint_auth_method: 'private_key_jwt',
      });
      const after = await expectJson<{
        platforms: { issuer: string; clientId: string; deploymentIds: string[] }[];
      }>(await authed(h, w.instructor.cookie, `/api/courses/${w.course.id}/lti`), 200);
      expect(after.platforms).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ issuer: lms.issuer, clientId: lms.clientId }),
          expect.objectContaining({
            issuer: other.issuer,
            clientId: other.clientId,
            deploymentIds: [other.deploymentId],
          }),
        ]),
      );
      url.searchParams.set('reg', 'forged');
      const forged = await h.app.request(url.toString());
      expect((await expectJson<ErrorBody>(forged, 400)).error.code).toBe('lti_registration_link_invalid');
    } finally {
      await other.close();
    }
  });
});

describe('over https (SameSite=None state cookie)', () => {
  let hs: ApiHarness;
  beforeAll(async () => {
    hs = await createApiHarness({ CRITIC_WEB_ORIGIN: 'https://critic.example' });
    await upsertLtiPlatform(hs.deps.db, manualRegistration(lms));
  });
  afterAll(async () => {
    await hs?.close();
  });

  it('binds the launch to the browser with a Secure SameSite=None cookie, refusing another state', async () => {
    const spec: LaunchSpec = {
      user: { sub: 'https-prof', name: 'Prof S', email: 'prof-s@uni.test', roles: [LTI_ROLES.instructor] },
      contextId: 'https-course',
    };
    lms.addContext(spec.contextId, 'Secure course', []);
    const login = await hs.app.request(lms.loginUrl('https://critic.example', spec));
    expect(login.status).toBe(302);
    const setCookie = login.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/critic_lti_state=[^;]+;/);
    expect(setCookie).toMatch(/SameSite=None/i);
    expect(setCookie).toMatch(/Secure/);
    expect(setCookie).toMatch(/Path=\/api\/lti/);
    const location = new URL(login.headers.get('location')!);
    expect(location.searchParams.get('redirect_uri')).toBe('https://critic.example/api/lti/launch');
    const state = location.searchParams.get('state')!;
    const idToken = await lms.idToken(spec, location.searchParams.get('nonce')!);
    const post = (cookie: string) =>
      hs.app.request('/api/lti/launch', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', origin: lms.url, cookie },
        body: new URLSearchParams({ id_token: idToken, state }).toString(),
      });
    const other = await post('critic_lti_state=someone-elses-state');
    expect((await expectJson<ErrorBody>(other, 401)).error.code).toBe('lti_state_mismatch');
    const ok = await post(`critic_lti_state=${state}`);
    expect(ok.status, await ok.clone().text()).toBe(303);
    expect(ok.headers.get('set-cookie')).toMatch(/critic_session=[^;]+;.*Secure/);
  });

  it('refuses a Dynamic Registration whose OpenID configuration names another issuer', async () => {
    const { registerDynamically } = await import('~/server/lti/registration');
    const fake = await startTestPlatform();
    try {
      fake.issuer = 'https://elsewhere.example';
      await expect(
        registerDynamically(hs.deps, {
          openidConfiguration: `${fake.url}/.well-known/openid-configuration`,
          registrationToken: fake.registrationToken,
          courseId: '00000000-0000-4000-8000-000000000000',
          userId: '00000000-0000-4000-8000-000000000000',
        }),
      ).rejects.toMatchObject({
        status: 400,
        code: 'lti_registration_failed',
        field: 'openid_configuration',
      });
      expect(fake.registered).toBeUndefined();
    } finally {
      await fake.close();
    }
  });
});
