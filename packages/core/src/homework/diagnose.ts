import type { CheckValue, HomeworkCheck, KnownMistake } from './types';

/**
 * The known mistake a wrong answer matches: a variant whose answer differs from the expected one
 * yet matches `got` within the check's tolerance. Undefined when none matches.
 */
export function diagnoseCase(
  check: HomeworkCheck,
  args: readonly unknown[],
  expected: CheckValue,
  got: unknown,
): KnownMistake | undefined {
  for (const mistake of check.mistakes) {
    let variant: CheckValue;
    try {
      variant = mistake.compute(args);
    } catch {
      continue;
    }
    if (check.compare(expected, variant).passed) continue;
    if (check.compare(variant, got).passed) return mistake;
  }
  return undefined;
}
