import { getCheck } from './catalogue';
import { formatNumber } from './describe-got';
import type { Homework } from './homeworks';
import { type PythonSignature, pythonDef } from './python-signature';
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

/**
 * A starter Python module for a homework: each function's `def` with its argument types, shapes
 * and statement, and a body that raises until the student writes it.
 */
export function homeworkTemplatePython(homework: Homework): string {
  const parts = [
    `"""${homework.title} (${homework.id}): define each function below."""\n\nimport numpy as np\nfrom numpy.typing import NDArray`,
  ];
  for (const item of homework.items) {
    const check = getCheck(item.checkId);
    parts.push(
      [
        `# ${check.title} (${item.points} points)`,
        pythonDef(check.python),
        `    """${check.statement}"""`,
        `    raise NotImplementedError("${check.python.name}")`,
      ].join('\n'),
    );
  }
  return `${parts.join('\n\n\n')}\n`;
}

/** What a page or an API shows of a check: plain data, no functions. */
export interface CheckInfo {
  id: string;
  title: string;
  functionName: string;
  signature: string;
  argNames: string[];
  /** The Python form: name, typed arguments, return. */
  python: PythonSignature;
  /** The Python `def` as shown to students (one argument per line, dtype and shape comments). */
  pythonDef: string;
  statement: string;
  /** The lecture's formula in LaTeX. */
  formula: string;
  points: number;
  tolerance: { abs: number; rel: number };
  /** The mistakes the feedback can name. */
  mistakes: { id: string; message: string }[];
}

/** A check as plain, JSON-safe data. */
export function checkInfo(check: HomeworkCheck): CheckInfo {
  return {
    id: check.id,
    title: check.title,
    functionName: check.functionName,
    signature: check.signature,
    argNames: [...check.argNames],
    python: structuredClone(check.python),
    pythonDef: pythonDef(check.python),
    statement: check.statement,
    formula: check.formula,
    points: check.points,
    tolerance: { ...check.tolerance },
    mistakes: check.mistakes.map((m) => ({ id: m.id, message: m.message })),
  };
}

/** A homework with its checks, as plain data (points and case counts per check). */
export function homeworkInfo(homework: Homework): {
  id: string;
  title: string;
  items: (CheckInfo & { visible: number; hidden: number })[];
} {
  return {
    id: homework.id,
    title: homework.title,
    items: homework.items.map((item) => ({
      ...checkInfo(getCheck(item.checkId)),
      points: item.points,
      visible: item.visible,
      hidden: item.hidden,
    })),
  };
}
