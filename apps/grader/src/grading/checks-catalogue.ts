import type { Rng } from '@critic/envs';

/** One generated case of a check. */
export interface CatalogueCase {
  /** Position in the check. */
  index: number;
  /** Arguments of the student's function. */
  args: unknown[];
  /** Edge patterns the case exercises. */
  tags: string[];
}

/** What the grader needs of a homework check (the shape of @critic/core's `HomeworkCheck`). */
export interface CatalogueCheck {
  /** Catalogue id, e.g. `gae`. */
  id: string;
  /** The function the student's module exports, e.g. `computeGae`. */
  functionName: string;
  /** `count` cases drawn from `rng`. */
  generateCases(rng: Rng, count: number): CatalogueCase[];
  /** The reference answer. */
  reference(args: readonly unknown[]): unknown;
  /** Compares a student's answer with the reference, with a message for the student. */
  compare(expected: never, got: unknown): { passed: boolean; message: string };
  /** Known wrong variants, for feedback that names the mistake. */
  mistakes: readonly { id: string; message: string; compute(args: readonly unknown[]): unknown }[];
}

/** Looks checks up by the name an assignment lists (catalogue id or function name). */
export interface ChecksCatalogue {
  find(name: string): CatalogueCheck | undefined;
}

/** A catalogue over a list of checks, found by id or by function name. */
export function catalogueOf(checks: readonly CatalogueCheck[]): ChecksCatalogue {
  const byName = new Map<string, CatalogueCheck>();
  for (const c of checks) {
    byName.set(c.id, c);
    byName.set(c.functionName, c);
  }
  return { find: (name) => byName.get(name) };
}
