import { Rng } from '@critic/envs';
import { getCheck } from './catalogue';
import { getHomework, type Homework, validateHomework } from './homeworks';
import type { CheckCase, CheckValue, HomeworkCheck, Tolerance } from './types';

/** A generated case with its reference answer and whether the student sees it. */
export interface PreparedCase extends CheckCase {
  /** Shown with input, expected, got and tolerance (true), or graded pass/fail only (false). */
  visible: boolean;
  /** The reference answer. */
  expected: CheckValue;
}

/** The cases of one check of one student's homework variant. */
export interface CheckCases {
  /** Catalogue id. */
  checkId: string;
  /** The exported function to call. */
  functionName: string;
  /** Points of this check in the homework. */
  points: number;
  /** Tolerance of the comparison. */
  tolerance: Tolerance;
  /** The cases, visible ones first. */
  cases: PreparedCase[];
}

/** All cases of one student's homework variant. */
export interface HomeworkCases {
  /** Homework id. */
  homeworkId: string;
  /** The seed they were generated from. */
  seed: number;
  /** One entry per check, in the homework's order. */
  checks: CheckCases[];
}

/** Options of {@link casesFor}. */
export interface CasesForOptions {
  /** Homework id (from the default set), unless `homework` is given. */
  homeworkId: string;
  /** Per-student seed, a safe integer ≥ 0 (the grader derives it from the assignment salt and the student id). */
  seed: number;
  /** A custom homework definition to use instead of looking `homeworkId` up. */
  homework?: Homework;
}

/** FNV-1a hash of a string (32-bit), to give each check its own stream of the student's seed. */
function hashId(id: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) {
    h ^= id.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/** The generator for one check of one seed: independent of the other checks of the homework. */
export function checkRng(seed: number, checkId: string): Rng {
  const base = new Rng(seed);
  const hi = (base.nextUint32() ^ hashId(checkId)) >>> 11;
  return new Rng(hi * 0x1_0000_0000 + ((base.nextUint32() ^ hashId(`${checkId}#`)) >>> 0));
}

/** `visible + hidden` cases of one check for one seed, with their reference answers. */
export function prepareCheckCases(
  check: HomeworkCheck,
  seed: number,
  visible: number,
  hidden: number,
): PreparedCase[] {
  const cases = check.generateCases(checkRng(seed, check.id), visible + hidden);
  return cases.map((c) => ({ ...c, visible: c.index < visible, expected: check.reference(c.args) }));
}

/** Every case of one student's variant of a homework: the first `visible` of each check are visible. */
export function casesFor(options: CasesForOptions): HomeworkCases {
  const homework = options.homework ? validateHomework(options.homework) : getHomework(options.homeworkId);
  if (!Number.isSafeInteger(options.seed) || options.seed < 0) {
    throw new RangeError(`casesFor: seed must be a safe integer ≥ 0, found ${String(options.seed)}`);
  }
  return {
    homeworkId: homework.id,
    seed: options.seed,
    checks: homework.items.map((item) => {
      const check = getCheck(item.checkId);
      return {
        checkId: check.id,
        functionName: check.functionName,
        points: item.points,
        tolerance: check.tolerance,
        cases: prepareCheckCases(check, options.seed, item.visible, item.hidden),
      };
    }),
  };
}

/** The calls to make for a check's cases, in order (the runner's `{ name, args }`). */
export function callsFor(checkCases: CheckCases): { name: string; args: unknown[] }[] {
  return checkCases.cases.map((c) => ({ name: checkCases.functionName, args: c.args }));
}
