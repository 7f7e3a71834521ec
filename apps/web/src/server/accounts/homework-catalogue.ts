import {
  type CheckInfo,
  checkInfo,
  getHomework,
  type Homework,
  listChecks,
  listHomeworks,
} from '@critic/core';
import type { CheckSpec } from '@critic/db';
import { z } from '@hono/zod-openapi';

/** One check as an assignment form lists it. */
export const HomeworkCheckSchema = z
  .object({
    id: z.string(),
    title: z.string(),
    functionName: z.string(),
    signature: z.string().openapi({ description: 'The JS/TS signature' }),
    pythonName: z
      .string()
      .openapi({ description: 'The Python function name (snake_case)', example: 'discounted_returns' }),
    pythonSignature: z
      .string()
      .openapi({ description: 'The Python `def`, one argument per line with its numpy dtype and shape' }),
    statement: z.string(),
    formula: z.string().openapi({ description: "The lecture's formula in LaTeX (KaTeX subset)" }),
    points: z.number(),
    visible: z.number().int(),
    hidden: z.number().int(),
  })
  .openapi('HomeworkCheck');

/** A homework of the core catalogue with its checks. */
export const HomeworkSchema = z
  .object({ id: z.string(), title: z.string(), checks: z.array(HomeworkCheckSchema) })
  .openapi('Homework');

/** A homework as JSON. */
export type HomeworkJson = z.infer<typeof HomeworkSchema>;

function checkJson(info: CheckInfo, counts: { points: number; visible: number; hidden: number }) {
  return {
    id: info.id,
    title: info.title,
    functionName: info.functionName,
    signature: info.signature,
    pythonName: info.python.name,
    pythonSignature: info.pythonDef,
    statement: info.statement,
    formula: info.formula,
    ...counts,
  };
}

/** A homework with its checks (points and case counts of this homework). */
export function homeworkJson(homework: Homework): HomeworkJson {
  return {
    id: homework.id,
    title: homework.title,
    checks: homework.items.map((item) => {
      const check = listChecks().find((c) => c.id === item.checkId)!;
      return checkJson(checkInfo(check), item);
    }),
  };
}

/** The core catalogue's homeworks. */
export function homeworkCatalogue(): HomeworkJson[] {
  return listHomeworks().map(homeworkJson);
}

/** The check of the catalogue an assignment's check names (by function name, as the grader reads it, or id). */
export function catalogueCheck(name: string) {
  return listChecks().find((c) => c.functionName === name || c.id === name);
}

/** A core homework as an assignment's check list (what the grader runs). */
export function checksOfHomework(id: string): CheckSpec[] {
  return getHomework(id).items.map((item) => ({
    name: catalogueCheck(item.checkId)!.functionName,
    cases: item.visible + item.hidden,
    visibleCases: item.visible,
    points: item.points,
  }));
}

/** An assignment's checks as a homework view for students (title, signature, statement, points, cases). */
export function assignmentHomework(title: string, checks: readonly CheckSpec[]): HomeworkJson {
  return {
    id: 'assignment',
    title,
    checks: checks.flatMap((spec) => {
      const check = catalogueCheck(spec.name);
      if (check === undefined) return [];
      return [
        checkJson(checkInfo(check), {
          points: spec.points,
          visible: Math.min(spec.visibleCases, spec.cases),
          hidden: Math.max(0, spec.cases - spec.visibleCases),
        }),
      ];
    }),
  };
}
