import { inject } from 'vitest';
import { createTestDatabase as createOn, type TestDatabase } from '../../src/testing';

export type { TestDatabase } from '../../src/testing';

/** `url` with its database name replaced. */
export function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

/** A fresh, migrated database of its own for one test file (on vitest's injected server). */
export function createTestDatabase(poolMax = 5): Promise<TestDatabase> {
  return createOn(inject('adminUrl'), { label: 'test', poolMax });
}
