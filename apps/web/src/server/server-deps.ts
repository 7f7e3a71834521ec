// Process-wide dependencies of the API inside Next (a side-effect module: it opens the database).
import { createBlobStore } from '@critic/db/blob';
import { openDatabase } from '@critic/db/client';
import { readWebConfig } from '../env';
import type { ApiDeps, WebLogger } from './deps';
import { startLtiGradeSender } from './lti/grade-sender-loop';
import { logMailer } from './mail/mailer';

const consoleLogger: WebLogger = {
  info: (message, fields) => console.info(JSON.stringify({ level: 'info', message, ...fields })),
  warn: (message, fields) => console.warn(JSON.stringify({ level: 'warn', message, ...fields })),
  error: (message, fields) => console.error(JSON.stringify({ level: 'error', message, ...fields })),
};

const globalKey = Symbol.for('critic.web.deps');
type WithDeps = typeof globalThis & { [globalKey]?: Promise<ApiDeps> };

/** The API's dependencies, opened once per process (kept across Next's dev reloads). */
export function serverDeps(): Promise<ApiDeps> {
  const g = globalThis as WithDeps;
  g[globalKey] ??= (async () => {
    const handle = await openDatabase();
    const deps: ApiDeps = {
      db: handle.db,
      notifications: handle.sql,
      blobs: createBlobStore(),
      config: readWebConfig(),
      logger: consoleLogger,
      // The one mailer built in (CRITIC_MAILER=log); a provider's would be chosen here.
      mailer: logMailer(consoleLogger),
      now: () => new Date(),
    };
    startLtiGradeSender(deps);
    return deps;
  })();
  return g[globalKey];
}
