import { describe, expect, it } from 'vitest';
import { authed, bearerFor, expectJson, signUp } from '../../../test/support/accounts';
import { apiHarnessPerFile } from '../../../test/support/harness';

const h = apiHarnessPerFile();

describe('API tokens', () => {
  it('authenticates the CLI with a token (no Origin needed) until it is revoked', async () => {
    const ada = await signUp(h, { name: 'Ada' });
    const created = await expectJson<{ id: string; name: string; prefix: string; token: string }>(
      await authed(h, ada.cookie, '/api/tokens', { method: 'POST', json: { name: 'laptop' } }),
      201,
    );
    expect(created.token).toMatch(/^crt_[\w-]{43}$/);
    expect(created.token.startsWith(created.prefix)).toBe(true);

    const me = await h.app.request('/api/me', { headers: { authorization: `Bearer ${created.token}` } });
    expect((await expectJson<{ user: { id: string } }>(me, 200)).user.id).toBe(ada.user.id);
    // a write with a token needs no Origin: it carries no ambient credential
    const write = await h.app.request('/api/courses', {
      method: 'POST',
      headers: { authorization: `Bearer ${created.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ slug: 'cli-course', title: 'From the CLI' }),
    });
    expect(write.status).toBe(201);

    const list = await expectJson<Record<string, unknown>[]>(await authed(h, ada.cookie, '/api/tokens'), 200);
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ id: created.id, name: 'laptop', prefix: created.prefix });
    expect(list[0]!.lastUsedAt).not.toBeNull();
    expect(JSON.stringify(list)).not.toContain(created.token);

    expect((await authed(h, ada.cookie, `/api/tokens/${created.id}`, { method: 'DELETE' })).status).toBe(204);
    const revoked = await h.app.request('/api/me', { headers: { authorization: `Bearer ${created.token}` } });
    expect(revoked.status).toBe(401);
    expect(await expectJson<unknown[]>(await authed(h, ada.cookie, '/api/tokens'), 200)).toEqual([]);
  });

  it("cannot revoke someone else's token", async () => {
    const owner = await signUp(h, { name: 'Owner' });
    const other = await signUp(h, { name: 'Other' });
    const bearer = await bearerFor(h, owner);
    const [token] = await expectJson<{ id: string }[]>(await authed(h, owner.cookie, '/api/tokens'), 200);
    const res = await authed(h, other.cookie, `/api/tokens/${token!.id}`, { method: 'DELETE' });
    expect(res.status).toBe(404);
    expect((await authed(h, bearer, '/api/me')).status).toBe(200);
  });

  it('needs a signed-in user', async () => {
    const res = await h.app.request('/api/tokens');
    expect(res.status).toBe(401);
  });
});
