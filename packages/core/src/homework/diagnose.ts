import type { CheckValue, HomeworkCheck, KnownMistake } from './types';

/**
 * The known mistakes a wrong answer matches: variants whose answer differs from the expected one
 * yet matches `got` within the check's tolerance, in catalogue order (empty when none does).
 */
export function matchingMistakes(
  check: HomeworkCheck,
  args: readonly unknown[],
  expected: CheckValue,
  got: unknown,
): KnownMistake[] {
  const matches: KnownMistake[] = [];
  for (const mistake of check.mistakes) {
    let variant: CheckValue;
    try {
      variant = mistake.compute(args);
    } catch {
      continue;
    }
    if (check.compare(expected, variant).passed) continue;
    if (check.compare(variant, got).passed) matches.push(mistake);
  }
  return matches;
}

/**
 * The mistake that explains the most cases: each entry lists the mistakes one failing case matches;
 * ties go to the earlier mistake of the catalogue. Undefined when no case matches any.
 */
export function mostLikelyMistake(
  check: HomeworkCheck,
  perCase: readonly (readonly KnownMistake[])[],
): { mistake: KnownMistake; cases: number } | undefined {
  let best: { mistake: KnownMistake; cases: number } | undefined;
  for (const mistake of check.mistakes) {
    const cases = perCase.filter((matches) => matches.includes(mistake)).length;
    if (cases > 0 && (best === undefined || cases > best.cases)) best = { mistake, cases };
  }
  return best;
}
