import { describe, expect, it } from 'vitest';
import { apiHarnessPerFile, TEST_ORIGIN } from '../../../test/support/harness';

const h = apiHarnessPerFile();

describe('api basics', () => {
  it('answers /api/health when the database is up', async () => {
    const res = await h.app.request('/api/health');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true, database: 'up' });
  });

  it('publishes an OpenAPI 3.1 document that lists its routes', async () => {
    const doc = (await (await h.app.request('/api/openapi.json')).json()) as {
      openapi: string;
      paths: Record<string, unknown>;
    };
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toContain('/api/health');
  });

  it('answers an unknown route with a JSON 404 naming it', async () => {
    const res = await h.app.request('/api/nope');
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: { code: 'not_found', message: 'no route GET /api/nope' } });
  });

  it('refuses a cross-site write and a malformed bearer token', async () => {
    const cross = await h.app.request('/api/health', {
      method: 'POST',
      headers: { origin: 'http://evil.test' },
    });
    expect(cross.status).toBe(403);
    expect(((await cross.json()) as { error: { message: string } }).error.message).toMatch(
      `expected "${TEST_ORIGIN}"`,
    );
    const bad = await h.app.request('/api/health', { headers: { authorization: 'Token abc' } });
    expect(bad.status).toBe(401);
    const unknown = await h.app.request('/api/health', { headers: { authorization: 'Bearer crt_nope' } });
    expect(unknown.status).toBe(401);
  });
});
