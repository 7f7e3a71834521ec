import http from 'node:http';

/**
 * The header in which the site's own HTTP server records the peer address of each request's socket.
 * Next's route handlers see no socket (and Next writes the socket address into `X-Forwarded-For` only
 * when the request has none, so a client could choose it): the server stamps this header on every
 * request, replacing whatever a client sent under this name.
 */
export const SOCKET_ADDRESS_HEADER = 'x-critic-socket-address';

const stamped = Symbol.for('critic.web.socket-address-stamped');
type Stampable = typeof http.Server.prototype & { [stamped]?: true };

/**
 * Makes every Node HTTP server of this process stamp SOCKET_ADDRESS_HEADER on its requests before any
 * listener (Next's handler) sees them; idempotent. Called from `instrumentation.ts` when Next starts.
 */
export function stampSocketAddresses(proto: Stampable = http.Server.prototype as Stampable): void {
  if (proto[stamped]) return;
  proto[stamped] = true;
  const emit = proto.emit;
  proto.emit = function emitStamped(this: http.Server, event: string | symbol, ...args: unknown[]) {
    if (event === 'request') {
      const req = args[0] as http.IncomingMessage;
      req.headers[SOCKET_ADDRESS_HEADER] = req.socket.remoteAddress ?? '';
    }
    return Reflect.apply(emit, this, [event, ...args]) as boolean;
  } as typeof proto.emit;
}
