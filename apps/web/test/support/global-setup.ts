import { startTestPostgres } from '@critic/db/testing';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A superuser connection string; each test file creates its own database on it. */
    adminUrl: string;
  }
}

/** One Postgres for the run: DATABASE_URL's, or an embedded server in a temporary directory. */
export default async function setup(project: TestProject) {
  const pg = await startTestPostgres('web-test');
  project.provide('adminUrl', pg.url);
  return () => pg.stop();
}
