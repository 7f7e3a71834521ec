import type { Assignment, NewEvaluation } from '@critic/db';
import { Rng } from '@critic/envs';
import { type CheckCallResult, type ChecksArtifact, openChecks, type RunnerLogger } from '@critic/runner';
import { checksSeed } from '../seeds/private-seeds';
import type { CatalogueCheck, ChecksCatalogue } from './checks-catalogue';
import { artifactLimitsOf, sandboxLimitsOf } from './limits';

type CheckResultInput = NonNullable<NewEvaluation['checkResults']>[number];

/** The graded homework: one row per case, and the points. */
export interface ChecksGrade {
  rows: CheckResultInput[];
  points: number;
  maxPoints: number;
  /** Cases run and passed. */
  cases: number;
  passed: number;
}

/** Options of `gradeChecks`. */
export interface GradeChecksOptions {
  /** Where the assignment's check names are looked up. */
  catalogue: ChecksCatalogue;
  /** Cases done so far (over all checks). */
  onProgress: (done: number) => void;
  /** Receives the sandbox's diagnostics. */
  logger: RunnerLogger;
}

/** Resolves the assignment's check list against the catalogue (an unknown name is a configuration error). */
export function resolveChecks(a: Assignment, catalogue: ChecksCatalogue) {
  return a.checks.map((spec) => {
    const check = catalogue.find(spec.name);
    if (check === undefined) {
      throw new Error(`assignment ${a.id}: check "${spec.name}" is not in the homework catalogue`);
    }
    return { spec, check };
  });
}

function failureMessage(r: Extract<CheckCallResult, { ok: false }>): string {
  const f = r.failure;
  return `${f.verdict}: ${f.message}${f.studentStack ? `\n${f.studentStack}` : ''}`;
}

/** Compares one answer; a wrong one is matched against the known mistakes to name the error. */
function judgeCase(check: CatalogueCheck, args: unknown[], expected: unknown, got: unknown) {
  const cmp = check.compare(expected as never, got);
  if (cmp.passed) return cmp;
  for (const m of check.mistakes) {
    let variant: unknown;
    try {
      variant = m.compute(args);
    } catch {
      continue;
    }
    if (check.compare(variant as never, got).passed)
      return { passed: false, message: `${cmp.message} — ${m.message}` };
  }
  return cmp;
}

/**
 * Grades a homework module: per check, cases from the student's own seed (HMAC of the assignment's salt
 * and the owner id), the student's function called in the sandbox, compared with the reference.
 * Points per check pro rata of cases passed. Rejects with a RunnerError when the module cannot be loaded.
 */
export async function gradeChecks(
  a: Assignment,
  ownerId: string,
  artifact: ChecksArtifact,
  options: GradeChecksOptions,
): Promise<ChecksGrade> {
  const checks = resolveChecks(a, options.catalogue);
  const module = await openChecks(artifact, {
    requiredExports: checks.map((c) => c.check.functionName),
    limits: sandboxLimitsOf(a),
    artifactLimits: artifactLimitsOf(a),
    maxReturnValues: 100_000,
    logger: options.logger,
  });
  const grade: ChecksGrade = { rows: [], points: 0, maxPoints: 0, cases: 0, passed: 0 };
  let lastFailure = 'a failure';
  try {
    for (const { spec, check } of checks) {
      const rng = new Rng(checksSeed(a.seedSalt, a.id, `${ownerId}\0${spec.name}`));
      const cases = check.generateCases(rng, spec.cases);
      const results = await module.callBatch(cases.map((c) => ({ name: check.functionName, args: c.args })));
      const perCase = cases.length > 0 ? spec.points / cases.length : 0;
      grade.maxPoints += spec.points;
      for (const [i, c] of cases.entries()) {
        const expected = check.reference(c.args);
        const r = results[i];
        const verdict =
          r === undefined
            ? { passed: false, message: `not run: an earlier failure ended the batch (${lastFailure})` }
            : r.ok
              ? judgeCase(check, c.args, expected, r.value)
              : { passed: false, message: failureMessage(r) };
        if (r !== undefined && !r.ok) lastFailure = r.failure.verdict;
        const points = verdict.passed ? perCase : 0;
        grade.points += points;
        grade.cases++;
        if (verdict.passed) grade.passed++;
        grade.rows.push({
          check: spec.name,
          caseIndex: c.index,
          visible: i < spec.visibleCases,
          passed: verdict.passed,
          input: c.args,
          expected,
          got: r?.ok ? (r.value ?? null) : null,
          message: verdict.message,
          points,
          maxPoints: perCase,
        });
        options.onProgress(grade.cases);
      }
    }
  } finally {
    await module.close();
  }
  return grade;
}
