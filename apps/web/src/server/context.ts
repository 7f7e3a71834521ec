import type { ApiCaches } from './cache/api-caches';
import type { ApiDeps } from './deps';

/** Who is calling: a signed-in user (session cookie) or the CLI (API token). */
export interface Viewer {
  id: string;
  email: string;
  name: string;
  via: 'session' | 'token';
}

/** Hono environment of the API: its dependencies and the resolved viewer (null when anonymous). */
export interface ApiEnv {
  Variables: {
    deps: ApiDeps;
    /** Read caches of this app instance (see cache/api-caches.ts). */
    caches: ApiCaches;
    viewer: Viewer | null;
  };
}
