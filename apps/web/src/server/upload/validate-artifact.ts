import { listChecks } from '@critic/core';
import type { Assignment } from '@critic/db';
import { spaceFromSpec } from '@critic/envs';
import {
  artifactLimitsForSize,
  isRunnerError,
  type PolicySpec,
  PythonUnavailableError,
  policySpecFromSpaces,
  prepareChecks,
  preparePolicy,
  pythonAgentFiles,
  type RunnerError,
} from '@critic/runner';
import type { EnvInfo } from '../accounts/env-catalogue';
import { ApiError } from '../api-error';

import type { DetectedArtifact } from './detect-format';
import { checkTfjsOutputWidth } from './tfjs-output';

/** The policy spec of the assignment's env (registered or custom, from its spaces), or undefined without one. */
export function policySpecOf(env: EnvInfo | undefined): PolicySpec | undefined {
  if (env === undefined) return undefined;
  return policySpecFromSpaces(env.id, spaceFromSpec(env.observationSpace), spaceFromSpec(env.actionSpace));
}

/** The functions a checks assignment's module must export (catalogue function names). */
export function requiredCheckExports(a: Assignment): string[] {
  const catalogue = listChecks();
  return a.checks.map(
    (spec) =>
      catalogue.find((c) => c.id === spec.name || c.functionName === spec.name)?.functionName ?? spec.name,
  );
}

/** A runner refusal as a 422 naming the file, and expected vs found when the message does not already. */
function refusal(e: RunnerError): ApiError {
  const { expected, found } = e.location;
  const detail =
    expected !== undefined && found !== undefined && !e.message.includes(found)
      ? ` (expected ${expected}, found ${found})`
      : '';
  return new ApiError(422, 'invalid_artifact', `${e.message}${detail}`, { field: 'file' });
}

/**
 * Checks an upload statically, as the grader will before running it: modules transpile with no imports
 * and export what is needed; models parse and their input and output widths fit the env's spaces;
 * Python agents compile, define act and import only what the runtime has. Never runs student code. Throws a 422 ApiError with the runner's message otherwise.
 */
export async function validateArtifact(
  a: Assignment,
  env: EnvInfo | undefined,
  artifact: DetectedArtifact,
): Promise<void> {
  const limits = artifactLimitsForSize(a.maxArtifactBytes);
  try {
    if (artifact.format === 'checks') {
      await prepareChecks(
        { source: artifact.source, filename: artifact.filename },
        requiredCheckExports(a),
        limits,
      );
      return;
    }
    const spec = policySpecOf(env);
    if (spec === undefined) {
      // An env without known spaces: only what does not depend on them is checked.
      if (artifact.format === 'js-agent') {
        await prepareChecks({ source: artifact.source, filename: artifact.filename }, ['act'], limits);
      }
      if (artifact.format === 'python-agent') pythonAgentFiles({ files: artifact.files }, limits);
      return;
    }
    switch (artifact.format) {
      case 'js-agent':
        await preparePolicy(
          { format: 'js-agent', source: artifact.source, filename: artifact.filename },
          spec,
          limits,
        );
        return;
      case 'onnx':
        await preparePolicy(
          {
            format: 'onnx',
            model: artifact.model,
            ...(artifact.manifest ? { manifest: artifact.manifest } : {}),
          },
          spec,
          limits,
        );
        return;
      case 'tfjs-layers':
        await preparePolicy({ format: 'tfjs-layers', files: artifact.files }, spec, limits);
        checkTfjsOutputWidth(artifact.files['model.json']!, spec);
        return;
      case 'python-agent':
        try {
          // Compiled and its imports resolved in the Python sandbox (none of its code runs).
          await preparePolicy({ format: 'python-agent', files: artifact.files }, spec, limits);
        } catch (e) {
          // A web server without the Python runtime or bubblewrap checks the files only; the grader
          // checks the rest before running it (an invalid_artifact verdict).
          if (!(e instanceof PythonUnavailableError)) throw e;
          pythonAgentFiles({ files: artifact.files }, limits);
        }
        return;
    }
  } catch (e) {
    if (isRunnerError(e)) throw refusal(e);
    throw e;
  }
}
