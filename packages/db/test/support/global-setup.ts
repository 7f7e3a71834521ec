import { startTestPostgres } from '@critic/db/testing';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A superuser connection string; tests create their own databases on it. */
    adminUrl: string;
    /** Which server the suite runs on. */
    serverKind: 'DATABASE_URL' | 'embedded';
  }
}

/** One Postgres for the run: DATABASE_URL's, or an embedded server in a temporary directory. */
export default async function setup(project: TestProject) {
  const pg = await startTestPostgres('db-test');
  project.provide('adminUrl', pg.url);
  project.provide('serverKind', pg.kind);
  return () => pg.stop();
}
