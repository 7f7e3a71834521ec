import {
  type CaseResult,
  type CheckGrade,
  casesFor,
  gradeCheckCases,
  type Homework,
  type HomeworkCases,
  type HomeworkCheck,
  listChecks,
  type Tolerance,
} from '@critic/core';
import type { Assignment, NewEvaluation } from '@critic/db';
import type { RunnerLogger } from '@critic/runner';
import type { DecodedArtifact } from '../artifact/decode-artifact';
import { checksSeed } from '../seeds/private-seeds';
import type { ConsoleCapture } from './console-capture';
import type { HomeworkRun } from './homework-run';
import { openJsHomework } from './js-homework';
import { artifactLimitsOf, sandboxLimitsOf } from './limits';
import { openPythonHomework } from './python-homework';

/** A homework upload, decoded: a JS/TS module or a Python one. */
export type HomeworkArtifact = Exclude<DecodedArtifact, { kind: 'policy' }>;

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
  /** Cases done so far (over all checks). */
  onProgress: (done: number) => void;
  /** Receives the sandbox's diagnostics. */
  logger: RunnerLogger;
  /** Receives the student's console output, also when grading fails. */
  console: ConsoleCapture;
}

/** The @critic/core check an assignment names, by catalogue id (`gae`) or function name (`computeGae`). */
function findCheck(name: string): HomeworkCheck | undefined {
  return listChecks().find((c) => c.id === name || c.functionName === name);
}

/**
 * The assignment's check list as a @critic/core homework (an unknown name or a bad case count is a
 * configuration error, thrown with the assignment and the check named).
 */
export function homeworkOf(a: Assignment): Homework {
  return {
    id: `assignment-${a.id}`,
    title: a.title,
    items: a.checks.map((spec) => {
      const check = findCheck(spec.name);
      if (check === undefined) {
        throw new Error(`assignment ${a.id}: check "${spec.name}" is not in the homework catalogue`);
      }
      return {
        checkId: check.id,
        points: spec.points,
        visible: Math.min(spec.visibleCases, spec.cases),
        hidden: Math.max(0, spec.cases - spec.visibleCases),
      };
    }),
  };
}

/** One student's variant of the assignment's homework: core's cases from the per-student HMAC seed. */
export function studentCases(a: Assignment, ownerId: string): HomeworkCases {
  return casesFor({
    homeworkId: `assignment-${a.id}`,
    homework: homeworkOf(a),
    seed: checksSeed(a.seedSalt, a.id, ownerId),
  });
}

/** The tolerance in words (check_results' `tolerance` column holds one number, the absolute part). */
function toleranceText(t: Tolerance): string {
  return `tolerance |got − expected| ≤ ${t.abs} + ${t.rel}·|expected|`;
}

/** A case's feedback: the runner's verdict named when the call failed or did not run, then the tolerance. */
function messageOf(r: CaseResult): string {
  const head = r.verdict === 'ok' || r.verdict === 'wrong_answer' ? r.message : `${r.verdict}: ${r.message}`;
  return `${head} [${toleranceText(r.tolerance)}]`;
}

function rowsOf(checkName: string, grade: CheckGrade): CheckResultInput[] {
  const perCase = grade.total > 0 ? grade.maxPoints / grade.total : 0;
  return grade.results.map((r) => ({
    check: checkName,
    caseIndex: r.case,
    visible: r.visible,
    passed: r.passed,
    input: r.args,
    expected: r.expected,
    got: r.got ?? null,
    ...(r.tolerance.rel === 0 ? { tolerance: r.tolerance.abs } : {}),
    message: messageOf(r),
    points: r.passed ? perCase : 0,
    maxPoints: perCase,
  }));
}

/** Loads the module in the sandbox of its language. */
function openHomework(
  a: Assignment,
  artifact: HomeworkArtifact,
  homework: HomeworkCases,
  logger: RunnerLogger,
) {
  const common = { limits: sandboxLimitsOf(a), maxReturnValues: 100_000, logger };
  return artifact.kind === 'python-checks'
    ? openPythonHomework(artifact.artifact, homework, common)
    : openJsHomework(artifact.artifact, homework, { ...common, artifactLimits: artifactLimitsOf(a) });
}

/**
 * Grades a homework module with @critic/core: the student's own cases (seed = HMAC of the assignment's
 * salt and the owner id), the student's functions called in the sandbox of the module's language (JS/TS
 * names in isolated-vm, Python names in the Python sandbox), graded by core (comparison, partial
 * credit, named mistakes). Rejects with a RunnerError when the module cannot be loaded.
 */
export async function gradeChecks(
  a: Assignment,
  ownerId: string,
  artifact: HomeworkArtifact,
  options: GradeChecksOptions,
): Promise<ChecksGrade> {
  const homework = studentCases(a, ownerId);
  const module: HomeworkRun = await openHomework(a, artifact, homework, options.logger);
  const grade: ChecksGrade = { rows: [], points: 0, maxPoints: 0, cases: 0, passed: 0 };
  try {
    for (const [i, checkCases] of homework.checks.entries()) {
      const outcomes = await module.outcomes(checkCases);
      const checkGrade = gradeCheckCases(checkCases, outcomes);
      grade.rows.push(...rowsOf(a.checks[i]?.name ?? checkCases.checkId, checkGrade));
      grade.points += checkGrade.points;
      grade.maxPoints += checkGrade.maxPoints;
      grade.cases += checkGrade.total;
      grade.passed += checkGrade.passed;
      options.onProgress(grade.cases);
    }
  } finally {
    // Closed first: the sandbox's console pipe is then read to its end (a busy machine reads it late).
    try {
      await module.close();
    } finally {
      options.console.output = module.consoleOutput();
    }
  }
  grade.points = Math.round(grade.points * 100) / 100;
  return grade;
}
