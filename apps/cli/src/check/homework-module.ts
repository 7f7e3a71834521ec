import {
  type CheckCases,
  callsFor,
  getCheck,
  pythonCallsFor,
  pythonFunctionKinds,
  pythonResultOutcome,
  type StudentOutcome,
} from '@critic/core';
import { type FailureReport, openChecks, openPythonChecks } from '@critic/runner';

/** The student's module loaded in the sandbox of its language, giving outcomes per check. */
export interface HomeworkModule {
  /** `python` for a .py module, `js` for JS/TS. */
  language: 'python' | 'js';
  /** The name the student wrote for a check (snake_case in Python). */
  nameOf(checkId: string): string;
  /** The argument names the student's function takes, for printing a case. */
  argNamesOf(checkId: string): readonly string[];
  outcomes(checkCases: CheckCases): Promise<StudentOutcome[]>;
  close(): Promise<void>;
}

/** Options of {@link openHomeworkModule}. */
export interface OpenHomeworkModuleOptions {
  /** The module file's path (its extension picks the language). */
  path: string;
  source: string;
  /** The checks it must provide. */
  checkIds: readonly string[];
  /** Python without bubblewrap (the student's own machine only). */
  unsandboxed: boolean;
}

/** The grader's bound on the numbers one call may return. */
const MAX_RETURN_VALUES = 100_000;

/** A failure as core's outcome (the student's stack kept, as the grader shows it). */
function failureOutcome(f: FailureReport): StudentOutcome {
  return {
    ok: false,
    failure: { verdict: f.verdict, message: `${f.message}${f.studentStack ? `\n${f.studentStack}` : ''}` },
  };
}

/** Whether a path is a Python module. */
export const isPythonModule = (path: string) => path.toLowerCase().endsWith('.py');

/** Loads the module: Python in the Python sandbox, JS/TS in isolated-vm; rejects with a RunnerError. */
export async function openHomeworkModule(options: OpenHomeworkModuleOptions): Promise<HomeworkModule> {
  if (isPythonModule(options.path)) {
    const module = await openPythonChecks(
      { source: options.source },
      {
        functions: pythonFunctionKinds(options.checkIds),
        maxReturnValues: MAX_RETURN_VALUES,
        ...(options.unsandboxed ? { unsandboxed: true } : {}),
      },
    );
    return {
      language: 'python',
      nameOf: (id) => getCheck(id).python.name,
      argNamesOf: (id) => getCheck(id).python.params.map((p) => p.name),
      async outcomes(checkCases) {
        const results = await module.callBatch(pythonCallsFor(checkCases));
        return results.map((r, i) =>
          r.ok ? pythonResultOutcome(r.value, checkCases.cases[i]!.expected) : failureOutcome(r.failure),
        );
      },
      close: () => module.close(),
    };
  }
  const module = await openChecks(
    { source: options.source, filename: 'homework.ts' },
    {
      requiredExports: options.checkIds.map((id) => getCheck(id).functionName),
      maxReturnValues: MAX_RETURN_VALUES,
    },
  );
  return {
    language: 'js',
    nameOf: (id) => getCheck(id).functionName,
    argNamesOf: (id) => getCheck(id).argNames,
    async outcomes(checkCases) {
      const results = await module.callBatch(callsFor(checkCases));
      return results.map((r) => (r.ok ? { ok: true, value: r.value } : failureOutcome(r.failure)));
    },
    close: () => module.close(),
  };
}
