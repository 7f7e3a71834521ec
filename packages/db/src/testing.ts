// Test support (`@critic/db/testing`): the throw-away PostgreSQL of `./test-postgres`, plus the vitest
// global setup that starts one server for a run and the hooks that give each test file its own database.
import { beforeAll, inject } from 'vitest';
import type { TestProject } from 'vitest/node';
import { createTestDatabase, startTestPostgres, type TestDatabase } from './test-postgres';

export * from './test-postgres';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A superuser connection string of the run's server; each test file creates its own database on it. */
    adminUrl: string;
  }
}

/**
 * A vitest `globalSetup` (export it as the setup module's default): one PostgreSQL for the whole run,
 * DATABASE_URL's or an embedded one named after `label`, provided to the tests as `adminUrl`.
 */
export function testPostgresSetup(label: string): (project: TestProject) => Promise<() => Promise<void>> {
  return async (project) => {
    const pg = await startTestPostgres(label);
    project.provide('adminUrl', pg.url);
    return () => pg.stop();
  };
}

/** A test file's database while its tests run (the hooks of `useTestDatabase` create and drop it). */
export type TestDatabaseHandle = Omit<TestDatabase, 'drop' | 'close'>;

/**
 * Gives the calling test file (or `describe` block) a fresh, migrated database on the run's server: a
 * `beforeAll` creates it (pool of `poolMax`) and drops it after the last test. Its members are usable in
 * tests and hooks, not while the file is being collected.
 */
export function useTestDatabase(options: { label?: string; poolMax?: number } = {}): TestDatabaseHandle {
  let current: TestDatabase | undefined;
  beforeAll(async () => {
    const made = await createTestDatabase(inject('adminUrl'), { label: 'test', ...options });
    current = made;
    return async () => {
      current = undefined;
      await made.drop();
    };
  });
  const live = (): TestDatabase => {
    if (current === undefined)
      throw new Error('useTestDatabase: the database exists only while the tests run (in tests and hooks)');
    return current;
  };
  return {
    get db() {
      return live().db;
    },
    get sql() {
      return live().sql;
    },
    get url() {
      return live().url;
    },
    get name() {
      return live().name;
    },
  };
}
