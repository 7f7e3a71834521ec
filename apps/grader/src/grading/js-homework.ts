import { callsFor, type HomeworkCases } from '@critic/core';
import { type ChecksArtifact, type OpenChecksOptions, openChecks } from '@critic/runner';
import { failureOutcome, type HomeworkRun } from './homework-run';

/** A JS/TS homework module in the isolated-vm sandbox, called with each check's JS name. */
export async function openJsHomework(
  artifact: ChecksArtifact,
  homework: HomeworkCases,
  options: Omit<OpenChecksOptions, 'requiredExports'>,
): Promise<HomeworkRun> {
  const module = await openChecks(artifact, {
    ...options,
    requiredExports: homework.checks.map((c) => c.functionName),
  });
  return {
    async outcomes(checkCases) {
      const results = await module.callBatch(callsFor(checkCases));
      return results.map((r) => (r.ok ? r : failureOutcome(r.failure)));
    },
    consoleOutput: () => module.consoleOutput(),
    close: () => module.close(),
  };
}
