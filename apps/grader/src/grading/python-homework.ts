import { type HomeworkCases, pythonCallsFor, pythonFunctionKinds, pythonResultOutcome } from '@critic/core';
import { type OpenPythonChecksOptions, openPythonChecks, type PythonChecksArtifact } from '@critic/runner';
import { failureOutcome, type HomeworkRun } from './homework-run';

/**
 * A Python homework module in the Python sandbox, called with each check's snake_case name; a
 * result (numpy, list, float, torch, jax) is compared as float64 values of the expected shape.
 */
export async function openPythonHomework(
  artifact: PythonChecksArtifact,
  homework: HomeworkCases,
  options: Omit<OpenPythonChecksOptions, 'functions'>,
): Promise<HomeworkRun> {
  const module = await openPythonChecks(artifact, {
    ...options,
    functions: pythonFunctionKinds(homework.checks.map((c) => c.checkId)),
  });
  return {
    async outcomes(checkCases) {
      const results = await module.callBatch(pythonCallsFor(checkCases));
      return results.map((r, i) =>
        r.ok ? pythonResultOutcome(r.value, checkCases.cases[i]!.expected) : failureOutcome(r.failure),
      );
    },
    consoleOutput: () => module.consoleOutput(),
    close: () => module.close(),
  };
}
