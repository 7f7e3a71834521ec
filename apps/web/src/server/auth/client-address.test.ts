// Trust boundaries: the client address used by the sign-in limit comes from the configured number of
// trusted proxy hops (default: the socket), so a rotating X-Forwarded-For cannot bypass the limit.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { uniqueEmail } from '../../../test/support/accounts';
import { type ApiHarness, createApiHarness, TEST_ORIGIN } from '../../../test/support/harness';
import { SOCKET_ADDRESS_HEADER, stampSocketAddresses } from './socket-address';

const LIMIT = 3;
const harnesses: ApiHarness[] = [];
const harness = async (hops: number) => {
  const h = await createApiHarness({
    CRITIC_SIGNIN_LIMIT: String(LIMIT),
    CRITIC_SIGNIN_WINDOW_S: '600',
    CRITIC_TRUSTED_PROXY_HOPS: String(hops),
  });
  harnesses.push(h);
  return h;
};
afterAll(async () => {
  for (const h of harnesses) await h.close();
});

/** A failed sign-in (a new email each time, so only the per-address limit can stop it). */
const failedSignIn = (h: ApiHarness, headers: Record<string, string>, socket?: string) =>
  h.app.request(
    '/api/auth/signin',
    {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: TEST_ORIGIN, ...headers },
      body: JSON.stringify({ email: uniqueEmail('guess'), password: 'wrong password' }),
    },
    socket === undefined ? undefined : { incoming: { socket: { remoteAddress: socket } } },
  );

describe('client address for the sign-in limit', () => {
  it('behind one trusted proxy (hops 1), a rotating X-Forwarded-For prefix does not bypass the limit', async () => {
    const h = await harness(1);
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) {
      // The client sends its own X-Forwarded-For; the load balancer appends the address it saw.
      statuses.push(
        (await failedSignIn(h, { 'x-forwarded-for': `10.9.${i}.1, 198.51.100.23` }, '10.0.0.2')).status,
      );
    }
    expect(statuses).toEqual([...Array(LIMIT).fill(401), ...Array(12 - LIMIT).fill(429)]);
    // Another client behind the same balancer is not limited.
    expect((await failedSignIn(h, { 'x-forwarded-for': '198.51.100.24' }, '10.0.0.2')).status).toBe(401);
  });

  it('with no trusted proxy (hops 0), X-Forwarded-For is ignored: the socket address counts', async () => {
    const h = await harness(0);
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) {
      statuses.push((await failedSignIn(h, { 'x-forwarded-for': `10.8.${i}.1` }, '203.0.113.50')).status);
    }
    expect(statuses).toEqual([...Array(LIMIT).fill(401), ...Array(12 - LIMIT).fill(429)]);
    expect((await failedSignIn(h, {}, '203.0.113.51')).status).toBe(401);
  });

  it('with no adapter socket, the address the server stamped counts; a spoofed stamp is overwritten by the server', async () => {
    // A real HTTP server whose requests are stamped, as Next's is via instrumentation.ts.
    class StampedServer extends http.Server {}
    stampSocketAddresses(StampedServer.prototype);
    const server = new StampedServer((req, res) => res.end(String(req.headers[SOCKET_ADDRESS_HEADER])));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const seen = await fetch(`http://127.0.0.1:${port}/`, {
        headers: { [SOCKET_ADDRESS_HEADER]: '6.6.6.6' },
      });
      expect(await seen.text()).toBe('127.0.0.1');
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
    // The API counts the stamped address (hops 0): rotating X-Forwarded-For does not help.
    const h = await harness(0);
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      statuses.push(
        (await failedSignIn(h, { 'x-forwarded-for': `10.7.${i}.1`, [SOCKET_ADDRESS_HEADER]: '192.0.2.77' }))
          .status,
      );
    }
    expect(statuses).toEqual([...Array(LIMIT).fill(401), ...Array(6 - LIMIT).fill(429)]);
  });
});
