import { Hono } from 'hono';
import { hc } from 'hono/client';
import { describe, expect, it } from 'vitest';
import { readAnswer } from './answer';

// A small app of every kind of answer, called through the typed client as the pages call the API.
const app = new Hono()
  .get('/json', (c) => c.json({ n: 1, name: 'x' }, 200))
  .get('/text', (c) => c.text('printed\n', 200))
  .get('/empty-text', (c) => c.text('', 200))
  .delete('/gone', (c) => c.body(null, 204))
  .get('/refused', (c) => c.json({ error: { code: 'forbidden', message: 'staff only' } }, 403))
  .get('/broken', (c) => c.text('upstream timed out', 502));
const client = hc<typeof app>('http://critic.test', { fetch: app.request });

describe('readAnswer', () => {
  it('reads JSON, text (an empty text too) and a bodiless 204 by what the answer says it is', async () => {
    expect(await readAnswer(await client.json.$get())).toEqual({ ok: true, data: { n: 1, name: 'x' } });
    expect(await readAnswer(await client.text.$get())).toEqual({ ok: true, data: 'printed\n' });
    expect(await readAnswer(await client['empty-text'].$get())).toEqual({ ok: true, data: '' });
    expect(await readAnswer(await client.gone.$delete())).toEqual({ ok: true, data: undefined });
  });

  it("reads an error answer's code and message, or its text when it is not the API's error JSON", async () => {
    expect(await readAnswer(await client.refused.$get())).toEqual({
      ok: false,
      error: { status: 403, code: 'forbidden', message: 'staff only' },
    });
    expect(await readAnswer(await client.broken.$get())).toEqual({
      ok: false,
      error: { status: 502, code: 'error', message: 'upstream timed out' },
    });
  });
});
