import { getCheck } from './catalogue';
import { formatNumber } from './describe-got';
import type { Homework } from './homeworks';
import type { HomeworkCheck } from './types';

/** A case's positional arguments labelled with the signature's parameter names. */
export function namedArgs(check: HomeworkCheck, args: readonly unknown[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  args.forEach((value, i) => {
    out[check.argNames[i] ?? `arg${i}`] = value;
  });
  return out;
}

/** One line per argument, `name = value` with numbers shortened, for a terminal or a page. */
export function formatArgs(check: HomeworkCheck, args: readonly unknown[]): string[] {
  const show = (value: unknown): string => {
    if (typeof value === 'number') return formatNumber(value);
    if (Array.isArray(value)) return `[${value.map(show).join(', ')}]`;
    return JSON.stringify(value) ?? String(value);
  };
  return Object.entries(namedArgs(check, args)).map(([name, value]) => `${name} = ${show(value)}`);
}

/**
 * A starter module for a homework: each function's signature, with its statement as a comment and
 * a body that throws until the student writes it.
 */
export function homeworkTemplate(homework: Homework): string {
  const parts = [`// ${homework.title} (${homework.id}): export each function below.`];
  for (const item of homework.items) {
    const check = getCheck(item.checkId);
    parts.push(
      [
        `// ${check.title} (${item.points} points)`,
        `// ${check.statement}`,
        `export ${check.signature} {`,
        `  throw new Error('${check.functionName}: not implemented yet');`,
        '}',
      ].join('\n'),
    );
  }
  return `${parts.join('\n\n')}\n`;
}
