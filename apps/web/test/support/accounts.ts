// Shared test helpers for the accounts group: sign up, call as someone, create courses, assignments, teams.
import { expect } from 'vitest';
import { type ApiHarness, TEST_ORIGIN } from './harness';

/** A signed-up user and the `Cookie` header value of their session. */
export interface TestUser {
  cookie: string;
  user: { id: string; email: string; name: string };
}

/** The default password of test users (≥ 10 characters). */
export const TEST_PASSWORD = 'correct horse battery';

let serial = 0;

/** A unique email for a test user (`label` keeps failures readable). */
export function uniqueEmail(label = 'user'): string {
  serial += 1;
  return `${label}-${process.pid}-${serial}-${Math.random().toString(36).slice(2, 8)}@uni.test`;
}

/** `critic_session=…` from a response's Set-Cookie (fails the test when there is none). */
export function sessionCookieOf(res: Response): string {
  const set = res.headers.get('set-cookie') ?? '';
  const m = /critic_session=([^;]*)/.exec(set);
  expect(m, `expected a critic_session cookie, got Set-Cookie: ${set}`).not.toBeNull();
  return `critic_session=${m![1]}`;
}

/** The token of the latest verification link mailed to `email` (the harness's log mailer keeps it). */
export function verificationTokenOf(h: ApiHarness, email: string): string {
  const link = h.deps.mailer.lastLinkTo(email);
  expect(link, `no verification link was mailed to ${email}`).toBeDefined();
  return new URL(link!).searchParams.get('token')!;
}

/** Opens the verification link mailed to `email` (as its owner would); returns the response. */
export function openVerificationLink(h: ApiHarness, email: string): Promise<Response> {
  const link = new URL(
    h.deps.mailer.lastLinkTo(email) ?? 'http://critic.test/api/auth/verify-email?token=none',
  );
  return Promise.resolve(h.app.request(`${link.pathname}${link.search}`));
}

/**
 * Signs up through the API and, unless `verify` is false, opens the link mailed to the address as its
 * owner would (it confirms the address and signs in); returns the user and the session cookie ('' for
 * an account left unconfirmed: it cannot sign in yet).
 */
export async function signUp(
  h: ApiHarness,
  input: { email?: string; name: string; password?: string; verify?: boolean },
): Promise<TestUser> {
  const email = (input.email ?? uniqueEmail(input.name.toLowerCase().replace(/\W+/g, '-'))).toLowerCase();
  const res = await h.app.request('/api/auth/signup', {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: TEST_ORIGIN },
    body: JSON.stringify({ email, name: input.name, password: input.password ?? TEST_PASSWORD }),
  });
  expect(res.status, await res.clone().text()).toBe(202);
  const [row] = await h.sql<
    { id: string; name: string }[]
  >`select id, name from users where email = ${email}`;
  expect(row, `no account for ${email} after sign-up`).toBeDefined();
  const user = { id: row!.id, email, name: row!.name };
  if (input.verify === false) return { cookie: '', user };
  const opened = await openVerificationLink(h, email);
  expect(opened.status, await opened.clone().text()).toBe(303);
  return { cookie: sessionCookieOf(opened), user };
}

/**
 * Calls the API as the owner of `cookie` (a session cookie, or `Bearer crt_…` for a token), adding the
 * site's Origin and a JSON content type when `json` is given.
 */
export function authed(
  h: ApiHarness,
  cookie: string,
  path: string,
  init: RequestInit & { json?: unknown } = {},
): Promise<Response> {
  const { json, headers, ...rest } = init;
  const h2 = new Headers(headers);
  if (cookie.startsWith('Bearer ')) h2.set('authorization', cookie);
  else h2.set('cookie', cookie);
  if (!h2.has('origin')) h2.set('origin', TEST_ORIGIN);
  if (json !== undefined) h2.set('content-type', 'application/json');
  return Promise.resolve(
    h.app.request(path, {
      ...rest,
      headers: h2,
      ...(json === undefined ? {} : { body: JSON.stringify(json) }),
    }),
  );
}

/** Reads a JSON response, failing the test (with the body) unless its status is `status`. */
export async function expectJson<T>(res: Response, status: number): Promise<T> {
  const text = await res.text();
  expect(res.status, text).toBe(status);
  return (text === '' ? undefined : JSON.parse(text)) as T;
}

/** A course as the API answers it. */
export interface TestCourse {
  id: string;
  slug: string;
  title: string;
  timezone: string;
  maxTeamSize: number;
  joinCode?: string;
  role: 'student' | 'ta' | 'instructor';
}

/** Creates a course as `owner` (who becomes its instructor). */
export async function createCourseAs(
  h: ApiHarness,
  owner: TestUser,
  input: { slug?: string; title?: string; timezone?: string; maxTeamSize?: number } = {},
): Promise<TestCourse> {
  serial += 1;
  const res = await authed(h, owner.cookie, '/api/courses', {
    method: 'POST',
    json: { slug: `rl-${process.pid}-${serial}`, title: 'Reinforcement Learning', ...input },
  });
  return expectJson<TestCourse>(res, 201);
}

/** Enrolls `who` in the course with its join code; returns their role. */
export async function joinCourse(h: ApiHarness, who: TestUser, joinCode: string): Promise<string> {
  const res = await authed(h, who.cookie, '/api/courses/join', { method: 'POST', json: { code: joinCode } });
  return (await expectJson<{ role: string }>(res, 200)).role;
}

/** A course with an instructor, a TA and `students` students (all enrolled through the API). */
export async function courseWithMembers(
  h: ApiHarness,
  opts: { students?: number; maxTeamSize?: number } = {},
) {
  const instructor = await signUp(h, { name: 'Prof Ada' });
  const course = await createCourseAs(
    h,
    instructor,
    opts.maxTeamSize === undefined ? {} : { maxTeamSize: opts.maxTeamSize },
  );
  const ta = await signUp(h, { name: 'Tim TA' });
  await joinCourse(h, ta, course.joinCode!);
  await importRosterAs(h, instructor, course.id, `email,name,role\n${ta.user.email},Tim TA,ta\n`);
  const students: TestUser[] = [];
  for (let i = 0; i < (opts.students ?? 2); i++) {
    const s = await signUp(h, { name: `Student ${i}` });
    await joinCourse(h, s, course.joinCode!);
    students.push(s);
  }
  return { instructor, ta, students, course };
}

/** Imports roster CSV as `who`; returns the response (status not checked). */
export function importRosterAs(
  h: ApiHarness,
  who: TestUser,
  courseId: string,
  csv: string,
): Promise<Response> {
  return authed(h, who.cookie, `/api/courses/${courseId}/roster`, {
    method: 'POST',
    headers: { 'content-type': 'text/csv' },
    body: csv,
  });
}

/** An assignment as the API answers it (the fields tests commonly read). */
export interface TestAssignment {
  id: string;
  courseId: string;
  slug: string;
  title: string;
  kind: 'agent' | 'checks';
  envId: string | null;
  opensAt: string;
  dueAt: string;
  lateUntil: string | null;
  [field: string]: unknown;
}

const HOUR_MS = 3_600_000;

/**
 * Creates an assignment as `instructor`: by default an agent assignment on CartPole-v1 with 2 public and
 * 3 private episodes, open since an hour ago and due in a day; `input` overrides any field.
 */
export async function createAssignmentAs(
  h: ApiHarness,
  instructor: TestUser,
  courseId: string,
  input: Record<string, unknown> = {},
): Promise<TestAssignment> {
  serial += 1;
  const now = h.deps.now().getTime();
  const res = await authed(h, instructor.cookie, `/api/courses/${courseId}/assignments`, {
    method: 'POST',
    json: {
      slug: `a-${serial}`,
      title: `Assignment ${serial}`,
      kind: 'agent',
      envId: 'CartPole-v1',
      publicEpisodes: 2,
      privateEpisodes: 3,
      opensAt: new Date(now - HOUR_MS).toISOString(),
      dueAt: new Date(now + 24 * HOUR_MS).toISOString(),
      ...input,
    },
  });
  return expectJson<TestAssignment>(res, 201);
}

/** A team as the API answers it. */
export interface TestTeam {
  id: string;
  name: string;
  inviteCode: string;
  members: { id: string; name: string }[];
}

/** Creates a team named `name` in the course with `founder`, then has each of `others` join it. */
export async function joinTeam(
  h: ApiHarness,
  courseId: string,
  founder: TestUser,
  others: readonly TestUser[] = [],
  name = `Team ${++serial}`,
): Promise<TestTeam> {
  let team = await expectJson<TestTeam>(
    await authed(h, founder.cookie, `/api/courses/${courseId}/teams`, { method: 'POST', json: { name } }),
    201,
  );
  for (const o of others) {
    team = await expectJson<TestTeam>(
      await authed(h, o.cookie, `/api/courses/${courseId}/teams/join`, {
        method: 'POST',
        json: { code: team.inviteCode },
      }),
      200,
    );
  }
  return team;
}

/** Creates an API token for `who` and returns the `Bearer …` credential to pass to `authed`. */
export async function bearerFor(h: ApiHarness, who: TestUser, name = 'cli'): Promise<string> {
  const res = await authed(h, who.cookie, '/api/tokens', { method: 'POST', json: { name } });
  return `Bearer ${(await expectJson<{ token: string }>(res, 201)).token}`;
}
