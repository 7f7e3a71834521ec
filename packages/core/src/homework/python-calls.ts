import type { CheckCases } from './cases';
import { getCheck } from './catalogue';
import type { PythonArgKind } from './python-signature';

/** The calls to make for a check's cases in Python: the snake_case name and the case's arguments. */
export function pythonCallsFor(checkCases: CheckCases): { name: string; args: unknown[] }[] {
  const name = getCheck(checkCases.checkId).python.name;
  return checkCases.cases.map((c) => ({ name, args: c.args }));
}

/** Each Python function of these checks with its argument kinds (what the sandbox converts to). */
export function pythonFunctionKinds(checkIds: readonly string[]): Record<string, PythonArgKind[]> {
  return Object.fromEntries(
    checkIds.map((id) => {
      const python = getCheck(id).python;
      return [python.name, python.params.map((p) => p.kind)];
    }),
  );
}
