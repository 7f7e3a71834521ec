import { describe, expect, it } from 'vitest';
import {
  authed,
  expectJson,
  openVerificationLink,
  signUp,
  TEST_PASSWORD,
  uniqueEmail,
} from '../../../test/support/accounts';
import { apiHarnessPerFile, createApiHarness, TEST_ORIGIN } from '../../../test/support/harness';
import { hashPassword, verifyPassword } from '../auth/password';
import { INVALID_CREDENTIALS } from './auth';

const h = apiHarnessPerFile({
  CRITIC_SIGNIN_LIMIT: '3',
  CRITIC_SIGNIN_WINDOW_S: '600',
  CRITIC_SIGNUP_LIMIT: '20',
  // As behind the load balancer: the last X-Forwarded-For entry is the client's address.
  CRITIC_TRUSTED_PROXY_HOPS: '1',
});

const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  h.app.request(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: TEST_ORIGIN, ...headers },
    body: JSON.stringify(body),
  });

describe('sign-up, sign-in and sign-out', () => {
  it('sets an httpOnly SameSite=Lax session cookie when the mailed link is opened and at sign-in', async () => {
    const email = uniqueEmail('ada');
    const up = await post('/api/auth/signup', { email, name: 'Ada', password: TEST_PASSWORD });
    expect(up.status).toBe(202);
    // Signing up does not sign in: the link mailed to the address does.
    expect(up.headers.get('set-cookie')).toBeNull();
    const opened = await openVerificationLink(h, email);
    expect(opened.status).toBe(303);
    expect(opened.headers.get('location')).toBe('/courses');
    const cookie = opened.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^critic_session=[\w-]{20,};/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).toMatch(/Path=\//);
    expect(cookie).not.toMatch(/Secure/);
    const inRes = await post(
      '/api/auth/signin',
      { email: email.toUpperCase(), password: TEST_PASSWORD },
      { 'x-forwarded-for': '10.0.0.1' },
    );
    const { user } = await expectJson<{ user: { email: string } }>(inRes, 200);
    expect(user.email).toBe(email);
    const again = inRes.headers.get('set-cookie') ?? '';
    expect(again).toMatch(/HttpOnly/);
    expect(again).toMatch(/SameSite=Lax/);
  });

  it('stores the password only as a salted scrypt output', async () => {
    const a = await signUp(h, { name: 'Salt A' });
    const b = await signUp(h, { name: 'Salt B' });
    const rows = await h.sql<{ password_hash: string }[]>`
      select password_hash from users where id in (${a.user.id}, ${b.user.id})`;
    expect(rows).toHaveLength(2);
    for (const r of rows) {
      expect(r.password_hash).not.toContain(TEST_PASSWORD);
      expect(r.password_hash).toMatch(/^scrypt\$12\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
    }
    expect(rows[0]!.password_hash).not.toBe(rows[1]!.password_hash);
  });

  it('re-hashes a password stored with a lower cost at the next sign-in', async () => {
    const { user } = await signUp(h, { name: 'Old Hash' });
    const weak = await hashPassword(TEST_PASSWORD, { logN: 10, r: 8, p: 1 });
    await h.sql`update users set password_hash = ${weak} where id = ${user.id}`;
    expect((await post('/api/auth/signin', { email: user.email, password: TEST_PASSWORD })).status).toBe(200);
    const [row] = await h.sql<
      { password_hash: string }[]
    >`select password_hash from users where id = ${user.id}`;
    expect(row!.password_hash).toMatch(/^scrypt\$12\$/);
    expect(await verifyPassword(TEST_PASSWORD, row!.password_hash)).toBe(true);
  });

  it('answers a wrong password and an unknown email with the same 401', async () => {
    const { user } = await signUp(h, { name: 'Wrong' });
    const wrong = await post('/api/auth/signin', { email: user.email, password: 'not the password' });
    const unknown = await post('/api/auth/signin', { email: uniqueEmail('nobody'), password: 'whatever!!' });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    // An account that has not opened its link yet is answered the same, even with the right password.
    const pending = await signUp(h, { name: 'Pending', verify: false });
    const unconfirmed = await post('/api/auth/signin', {
      email: pending.user.email,
      password: TEST_PASSWORD,
    });
    expect(unconfirmed.status).toBe(401);
    const expected = { error: { code: 'invalid_credentials', message: INVALID_CREDENTIALS } };
    expect(await wrong.json()).toEqual(expected);
    expect(await unknown.json()).toEqual(expected);
    expect(await unconfirmed.json()).toEqual(expected);
    expect(wrong.headers.get('set-cookie')).toBeNull();
    expect(unconfirmed.headers.get('set-cookie')).toBeNull();
  });

  it('refuses a short password, naming the field', async () => {
    const short = await post('/api/auth/signup', { email: uniqueEmail(), name: 'S', password: 'short' });
    const body = await expectJson<{ error: { field: string; message: string } }>(short, 400);
    expect(body.error.field).toBe('password');
    expect(body.error.message).toMatch(/at least 10 characters/);
  });

  it('answers a taken email exactly as a new one, and mails the account instead', async () => {
    const { user, cookie } = await signUp(h, { name: 'Taken' });
    const fresh = uniqueEmail('fresh');
    const answer = async (email: string) => {
      const res = await post('/api/auth/signup', { email, name: 'T', password: 'another password' });
      const text = (await res.text()).replaceAll(email, '<email>');
      return { status: res.status, text, cookie: res.headers.get('set-cookie') };
    };
    const forTaken = await answer(user.email);
    const forFresh = await answer(fresh);
    expect(forTaken).toEqual(forFresh);
    expect(forTaken.status).toBe(202);
    expect(forTaken.cookie).toBeNull();
    // The owner is told, and keeps their account, password and session.
    const told = h.outbox.filter((m) => m.to === user.email).at(-1);
    expect(told?.subject).toMatch(/Someone tried to sign up/);
    expect(told?.link).toBeUndefined();
    const from = { 'x-forwarded-for': '10.3.0.1' };
    expect(
      (await post('/api/auth/signin', { email: user.email, password: TEST_PASSWORD }, from)).status,
    ).toBe(200);
    const wrong = await post('/api/auth/signin', { email: user.email, password: 'another password' }, from);
    expect(wrong.status).toBe(401);
    expect((await authed(h, cookie, '/api/me')).status).toBe(200);
  });

  it('each sign-up of an unconfirmed address gets its own link: the password is the one of the link its mailbox opens', async () => {
    const email = uniqueEmail('squat');
    // Someone who cannot read the mailbox signs up first; its owner then signs up and opens their link.
    const first = await signUp(h, { name: 'Squatter', email, password: 'squatter password', verify: false });
    const squatterLink = h.outbox.filter((m) => m.to === email).at(-1)?.link;
    expect(squatterLink).toBeDefined();
    await signUp(h, { name: 'Owner', email, password: 'owner password!' });
    const from = { 'x-forwarded-for': '10.3.0.2' };
    expect((await post('/api/auth/signin', { email, password: 'squatter password' }, from)).status).toBe(401);
    const owner = await expectJson<{ user: { id: string; name: string } }>(
      await post('/api/auth/signin', { email, password: 'owner password!' }, from),
      200,
    );
    expect(owner.user).toMatchObject({ id: first.user.id, name: 'Owner' });
    // The other pending link (the squatter's sign-up) is void once the address is confirmed.
    const url = new URL(squatterLink!);
    expect((await h.app.request(`${url.pathname}${url.search}`)).status).toBe(404);
    expect((await post('/api/auth/signin', { email, password: 'squatter password' }, from)).status).toBe(401);
  });

  it('rate-limits sign-in per email with 429 and Retry-After', async () => {
    const { user } = await signUp(h, { name: 'Limited' });
    for (let i = 0; i < 3; i++) {
      const r = await post(
        '/api/auth/signin',
        { email: user.email, password: 'wrong password' },
        {
          'x-forwarded-for': `10.1.0.${i}`,
        },
      );
      expect(r.status).toBe(401);
    }
    const limited = await post(
      '/api/auth/signin',
      { email: user.email, password: TEST_PASSWORD },
      {
        'x-forwarded-for': '10.1.0.99',
      },
    );
    expect(limited.status).toBe(429);
    const retry = Number(limited.headers.get('retry-after'));
    expect(retry).toBeGreaterThanOrEqual(1);
    expect(retry).toBeLessThanOrEqual(600);
    expect(((await limited.json()) as { error: { code: string } }).error.code).toBe('rate_limited');
    // the next window lets the right password in again
    h.setNow(new Date(Date.now() + 601_000));
    try {
      const ok = await post(
        '/api/auth/signin',
        { email: user.email, password: TEST_PASSWORD },
        {
          'x-forwarded-for': '10.1.0.98',
        },
      );
      expect(ok.status).toBe(200);
    } finally {
      h.setNow(new Date());
    }
  });

  it('rate-limits sign-in per client address across emails', async () => {
    const from = { 'x-forwarded-for': '192.0.2.7, 10.0.0.1' };
    for (let i = 0; i < 3; i++) {
      expect(
        (await post('/api/auth/signin', { email: uniqueEmail(), password: 'x'.repeat(10) }, from)).status,
      ).toBe(401);
    }
    const limited = await post('/api/auth/signin', { email: uniqueEmail(), password: 'x'.repeat(10) }, from);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).not.toBeNull();
  });

  it('counts only failed sign-ins, so many people behind one address can sign in', async () => {
    const nat = { 'x-forwarded-for': '198.51.100.1' };
    const people = [];
    for (let i = 0; i < 5; i++) people.push((await signUp(h, { name: `Nat ${i}` })).user);
    for (const p of [...people, people[0]!]) {
      const res = await post('/api/auth/signin', { email: p.email, password: TEST_PASSWORD }, nat);
      expect(res.status).toBe(200);
    }
  });

  it('rate-limits sign-ups per client address (each costs a slow hash)', async () => {
    const from = { 'x-forwarded-for': '203.0.113.9' };
    const codes: number[] = [];
    for (let i = 0; i < 21; i++) {
      const res = await post(
        '/api/auth/signup',
        { email: uniqueEmail('many'), name: `Many ${i}`, password: TEST_PASSWORD },
        from,
      );
      codes.push(res.status);
    }
    expect(codes.slice(0, 20).every((c) => c === 202)).toBe(true);
    expect(codes[20]).toBe(429);
    const other = await post(
      '/api/auth/signup',
      { email: uniqueEmail('other'), name: 'Other', password: TEST_PASSWORD },
      {
        'x-forwarded-for': '203.0.113.10',
      },
    );
    expect(other.status).toBe(202);
  });

  it('signs out: the cookie is cleared and the session no longer works', async () => {
    const { cookie } = await signUp(h, { name: 'Leaving' });
    expect((await authed(h, cookie, '/api/me')).status).toBe(200);
    const out = await authed(h, cookie, '/api/auth/signout', { method: 'POST' });
    expect(out.status).toBe(204);
    expect(out.headers.get('set-cookie')).toMatch(/critic_session=;.*Max-Age=0/);
    expect((await authed(h, cookie, '/api/me')).status).toBe(401);
  });

  it('refuses a cookie-authenticated write without Origin (CSRF)', async () => {
    const { cookie } = await signUp(h, { name: 'Csrf' });
    const res = await h.app.request('/api/tokens', {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'x' }),
    });
    expect(res.status).toBe(403);
    expect(((await res.json()) as { error: { code: string; message: string } }).error).toMatchObject({
      code: 'csrf',
      message: expect.stringMatching(/Origin is missing/),
    });
    const signout = await h.app.request('/api/auth/signout', { method: 'POST', headers: { cookie } });
    expect(signout.status).toBe(403);
    expect((await authed(h, cookie, '/api/me')).status).toBe(200);
  });
});

describe('on an https site', () => {
  it('marks the session cookie Secure', async () => {
    const secure = await createApiHarness({ CRITIC_COOKIE_SECURE: 'true' });
    try {
      const { user } = await signUp(secure, { name: 'Secure', verify: false });
      const res = await openVerificationLink(secure, user.email);
      expect(res.status).toBe(303);
      expect(res.headers.get('set-cookie')).toMatch(/; Secure/);
    } finally {
      await secure.close();
    }
  });
});
