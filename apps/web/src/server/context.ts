import type { ApiCaches } from './cache/api-caches';
import type { ApiDeps } from './deps';
import type { StatusHub } from './events/status-hub';

/** Who is calling: a signed-in user (session cookie) or the CLI (API token). */
export interface Viewer {
  id: string;
  email: string;
  name: string;
  via: 'session' | 'token';
}

/**
 * Hono environment of the API: its dependencies and the resolved viewer (null when anonymous). The
 * bindings are what a Node server adapter passes (`@hono/node-server`: the incoming request, whose
 * socket has the peer's address); inside Next there are none (see auth/socket-address.ts).
 */
export interface ApiEnv {
  Bindings: { incoming?: { socket?: { remoteAddress?: string | undefined } } } | undefined;
  Variables: {
    deps: ApiDeps;
    /** Read caches of this app instance (see cache/api-caches.ts). */
    caches: ApiCaches;
    /** Live status fan-out of this app instance (see events/status-hub.ts). */
    statusHub: StatusHub;
    viewer: Viewer | null;
  };
}
