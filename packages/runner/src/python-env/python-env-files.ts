import { expandPythonSpace, type PythonSpaceJson } from '@critic/envs';
import { unzipArtifact } from '../artifact/zip';
import type { CustomEnvReport } from '../custom-env/protocol';
import { DEFAULT_ARTIFACT_LIMITS } from '../limits';
import type { PythonEnvCheckReport } from './check-python-env';

/**
 * The files of a group's Python env as stored: `env.py` itself, or a zip of env.py and the asset
 * files it loads (a zip whose files all lie in one folder is taken from inside it). Throws
 * InvalidArtifactError for a bad zip (paths, links, bombs are refused while inflating).
 */
export function pythonEnvFiles(bytes: Uint8Array): Record<string, Uint8Array> {
  const isZip =
    bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 3 && bytes[3] === 4;
  if (!isZip) return { 'env.py': bytes };
  const files = unzipArtifact(bytes, DEFAULT_ARTIFACT_LIMITS);
  const names = Object.keys(files);
  const top = names[0]?.split('/')[0];
  if (top && names.every((n) => n.startsWith(`${top}/`)) && names.includes(`${top}/env.py`)) {
    return Object.fromEntries(names.map((n) => [n.slice(top.length + 1), files[n]!]));
  }
  return files;
}

/**
 * check_env's report in the shape every custom env's report has (checks in order, spaces as flat
 * Box/Discrete specs): failures as failed `check_env` checks, warnings as passed ones prefixed
 * `warning: `, so the web shows, stores and uses them as it does a JS env's.
 */
export function pythonEnvCustomReport(r: PythonEnvCheckReport): CustomEnvReport {
  const checks = [
    ...r.failures.map((message) => ({ name: 'check_env', passed: false, message })),
    ...r.warnings.map((w) => ({ name: 'check_env', passed: true, message: `warning: ${w}` })),
  ];
  if (r.failures.length === 0)
    checks.unshift({
      name: 'check_env',
      passed: true,
      message: 'gymnasium.utils.env_checker.check_env passed',
    });
  const flat = (s: unknown) => {
    try {
      return s ? expandPythonSpace(s as PythonSpaceJson) : undefined;
    } catch {
      return undefined;
    }
  };
  const observationSpace = flat(r.observationSpace);
  const actionSpace = flat(r.actionSpace);
  return {
    passed: r.passed,
    checks,
    ...(observationSpace ? { observationSpace } : {}),
    ...(actionSpace ? { actionSpace } : {}),
  };
}
