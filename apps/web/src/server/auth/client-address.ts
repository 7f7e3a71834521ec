import type { Context } from 'hono';
import type { ApiEnv } from '../context';
import { SOCKET_ADDRESS_HEADER } from './socket-address';

/** The peer address of the request's socket: from the Node adapter, or as the site's server stamped it. */
function socketAddress(c: Context<ApiEnv>): string | undefined {
  const fromAdapter = c.env?.incoming?.socket?.remoteAddress;
  if (fromAdapter !== undefined && fromAdapter !== '') return fromAdapter;
  const stamped = c.req.header(SOCKET_ADDRESS_HEADER);
  return stamped === undefined || stamped === '' ? undefined : stamped;
}

/**
 * The caller's address for rate limiting. Each proxy appends the address it received the request from
 * to `X-Forwarded-For`, so only the last `CRITIC_TRUSTED_PROXY_HOPS` entries were written by proxies we
 * trust; anything left of them is whatever the client sent. With h trusted hops the client is the
 * entry h from the right of [...X-Forwarded-For, socket]: h = 0 is the socket itself, h = 1 (one load
 * balancer) the last X-Forwarded-For entry. A chain shorter than configured falls back to its leftmost
 * entry; `unknown` when no address is known at all.
 */
export function clientAddress(c: Context<ApiEnv>): string {
  const hops = c.get('deps').config.trustedProxyHops;
  const forwarded =
    hops === 0
      ? []
      : (c.req.header('x-forwarded-for') ?? '')
          .split(',')
          .map((s) => s.trim())
          .filter((s) => s !== '');
  const chain = [...forwarded, socketAddress(c) ?? 'unknown'];
  return chain[Math.max(0, chain.length - 1 - hops)]!;
}
