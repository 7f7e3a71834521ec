import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { waitForHealth } from './wait-health';

let calls = 0;
const server = createServer((req, res) => {
  calls++;
  // Healthy from the third request on; before that the database is "down".
  if (req.url === '/api/health' && calls >= 3) res.writeHead(200).end('{"ok":true,"database":"up"}');
  else res.writeHead(503).end('{"error":{"code":"unavailable"}}');
});
await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe('waitForHealth', () => {
  it('polls until the endpoint answers { ok: true }', async () => {
    await waitForHealth(`${base}/api/health`, { timeoutMs: 5_000, intervalMs: 20 });
    expect(calls).toBe(3);
  });

  it('gives up after the timeout, naming the URL and the last answer', async () => {
    await expect(waitForHealth(`${base}/nope`, { timeoutMs: 100, intervalMs: 20 })).rejects.toThrow(
      /\/nope did not become healthy within 100 ms \(last: status 503\)/,
    );
  });

  it('names the connection error when nothing listens, and stops when aborted', async () => {
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((r) => closed.close(() => r()));
    await expect(
      waitForHealth(`http://127.0.0.1:${port}/x`, { timeoutMs: 50, intervalMs: 10 }),
    ).rejects.toThrow(/last: .*ECONNREFUSED/);
    const stop = new AbortController();
    stop.abort(new Error('web exited'));
    await expect(
      waitForHealth(`${base}/api/health`, { timeoutMs: 5_000, signal: stop.signal }),
    ).rejects.toThrow('web exited');
  });
});
