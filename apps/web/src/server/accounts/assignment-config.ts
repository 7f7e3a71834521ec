import { listChecks, UnknownHomeworkIdError } from '@critic/core';
import type { CheckSpec } from '@critic/db';
import { EnvError, isPythonEnvId, type PythonEnvOptions, pythonEnvDescription } from '@critic/envs';
import { ApiError } from '../api-error';
import type { NewAssignmentBody } from './assignment-schemas';
import { unknownEnvReason } from './env-catalogue';
import { catalogueCheck, checksOfHomework } from './homework-catalogue';

/** Refuses an env id that is not registered: 400 on `envId`, with the registry's near matches. */
export function requireRegisteredEnv(envId: string): void {
  if (envId.startsWith('custom/')) {
    throw new ApiError(
      400,
      'invalid',
      `envId: "${envId}" is a custom env; custom envs are graded through an approved final project`,
      { field: 'envId' },
    );
  }
  const reason = unknownEnvReason(envId);
  if (reason !== undefined) throw new ApiError(400, 'invalid', `envId: ${reason}`, { field: 'envId' });
}

/** Checks env options against the env: only Python-backed envs take them (atariPreprocessing: Atari only). */
export function requireEnvOptions(envId: string, options: PythonEnvOptions | undefined): PythonEnvOptions {
  if (options === undefined || Object.keys(options).length === 0) return {};
  if (!isPythonEnvId(envId)) {
    throw new ApiError(400, 'invalid', `envOptions: ${envId} takes no options (only Python-backed envs do)`, {
      field: 'envOptions',
    });
  }
  try {
    pythonEnvDescription(envId, options);
  } catch (err) {
    if (err instanceof EnvError)
      throw new ApiError(400, 'invalid', `envOptions.atariPreprocessing: ${err.message}`, {
        field: 'envOptions.atariPreprocessing',
      });
    throw err;
  }
  return options;
}

/**
 * The check list of a checks assignment: a core homework id expanded into its checks, or checks given
 * one by one (each naming a catalogue function); exactly one of the two.
 */
export function resolveChecks(input: { homework?: string; checks?: CheckSpec[] }): CheckSpec[] {
  if (input.homework !== undefined && input.checks !== undefined) {
    throw new ApiError(400, 'invalid', 'homework: give either homework or checks, not both', {
      field: 'homework',
    });
  }
  if (input.homework !== undefined) {
    try {
      return checksOfHomework(input.homework);
    } catch (err) {
      if (err instanceof UnknownHomeworkIdError)
        throw new ApiError(400, 'invalid', `homework: ${err.message}`, { field: 'homework' });
      throw err;
    }
  }
  if (input.checks === undefined || input.checks.length === 0) {
    throw new ApiError(400, 'invalid', 'homework: a checks assignment needs a homework id or a checks list', {
      field: 'homework',
    });
  }
  input.checks.forEach((spec, i) => {
    if (catalogueCheck(spec.name) === undefined) {
      const known = listChecks().map((c) => c.functionName);
      throw new ApiError(
        400,
        'invalid',
        `checks.${i}.name: "${spec.name}" is not a check of the catalogue; known: ${known.join(', ')}`,
        { field: `checks.${i}.name` },
      );
    }
  });
  return input.checks;
}

/** The kind-specific part of a new assignment: a registered env, or a check list. */
export function kindConfig(body: NewAssignmentBody) {
  if (body.kind === 'agent') {
    if (body.envId === undefined)
      throw new ApiError(400, 'invalid', 'envId: required for an agent assignment', { field: 'envId' });
    if (body.homework !== undefined || body.checks !== undefined)
      throw new ApiError(400, 'invalid', 'homework: an agent assignment has no homework or checks', {
        field: 'homework',
      });
    requireRegisteredEnv(body.envId);
    return { envId: body.envId, envOptions: requireEnvOptions(body.envId, body.envOptions), checks: [] };
  }
  if (body.envOptions !== undefined)
    throw new ApiError(400, 'invalid', 'envOptions: a checks assignment has no env', { field: 'envOptions' });
  if (body.envId !== undefined)
    throw new ApiError(400, 'invalid', 'envId: a checks assignment has no env', { field: 'envId' });
  return { checks: resolveChecks(body) };
}
