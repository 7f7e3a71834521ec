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
    viewer: Viewer | null;
  };
}
