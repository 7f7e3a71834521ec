import { type CatalogueCheck, type ChecksCatalogue, catalogueOf } from './checks-catalogue';

function isCatalogueCheck(x: unknown): x is CatalogueCheck {
  if (typeof x !== 'object' || x === null) return false;
  const c = x as Record<string, unknown>;
  return (
    typeof c.id === 'string' &&
    typeof c.functionName === 'string' &&
    typeof c.generateCases === 'function' &&
    typeof c.reference === 'function' &&
    typeof c.compare === 'function' &&
    Array.isArray(c.mistakes)
  );
}

/**
 * The homework catalogue of @critic/core (its `listChecks()`), looked up at run time so the grader
 * starts whether or not the core build in this image exports it yet; undefined when it does not
 * (checks submissions then fail as platform errors and are retried once a grader has it).
 */
export async function loadCoreCatalogue(): Promise<ChecksCatalogue | undefined> {
  const core = (await import('@critic/core')) as Record<string, unknown>;
  const list = core.listChecks;
  if (typeof list !== 'function') return undefined;
  const checks: unknown = list();
  if (!Array.isArray(checks) || !checks.every(isCatalogueCheck)) {
    throw new Error('@critic/core listChecks() returned something that is not a list of homework checks');
  }
  return catalogueOf(checks);
}
