import { InvalidArtifactError, RunnerError } from '../verdict';
import { DEFAULT_PYTHON_LIMITS, type PythonLimits } from './python-limits';
import type { PythonRuntime } from './python-runtime';
import { PythonSandbox } from './python-sandbox';
import { writeSubmissionDir } from './submission-dir';

/** Options of {@link preparePythonChecks}. */
export interface PreparePythonChecksOptions {
  /** Largest source accepted, in bytes (the assignment's ArtifactLimits.maxSourceBytes). */
  maxSourceBytes: number;
  /** Python sandbox limits (the validation's CPU time is `importCpuMs`). */
  pythonLimits?: Partial<PythonLimits>;
  /** Without bubblewrap: only `critic check --unsandboxed` on a student's own machine. */
  unsandboxed?: boolean;
  /** The runtime (default: loadPythonRuntime()). */
  runtime?: PythonRuntime;
}

/**
 * Checks a Python homework module before it is queued, running none of its code: UTF-8, within the
 * size limit, it compiles, defines every function at module level, and imports only the standard
 * library and the runtime's packages (the sandbox's `validate` mode). Throws InvalidArtifactError
 * naming the file, line, expected and found; PythonUnavailableError where Python cannot run here.
 */
export async function preparePythonChecks(
  source: Uint8Array,
  functionNames: readonly string[],
  options: PreparePythonChecksOptions,
): Promise<void> {
  if (source.length > options.maxSourceBytes) {
    throw new InvalidArtifactError(`homework.py is larger than ${options.maxSourceBytes} bytes`, {
      file: 'homework.py',
      expected: `≤ ${options.maxSourceBytes} bytes`,
      found: `${source.length} bytes`,
    });
  }
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(source);
  } catch {
    throw new InvalidArtifactError('homework.py is not UTF-8 text', {
      file: 'homework.py',
      expected: 'UTF-8 Python source',
    });
  }
  const limits = { ...DEFAULT_PYTHON_LIMITS, ...options.pythonLimits };
  const dir = await writeSubmissionDir({ 'homework.py': source });
  try {
    const sandbox = await PythonSandbox.start({
      mode: 'validate',
      submissionDir: dir.dir,
      totalCpuMs: limits.importCpuMs,
      consoleBytes: 4096,
      limits,
      ...(options.unsandboxed ? { unsandboxed: true } : {}),
      ...(options.runtime ? { runtime: options.runtime } : {}),
    });
    try {
      await sandbox.request(
        { op: 'validate', entry: 'homework.py', requiredFunctions: [...functionNames] },
        { cpuMs: limits.importCpuMs, what: 'the validation', idleMs: 120_000 },
      );
    } catch (e) {
      if (e instanceof RunnerError && e.verdict !== 'invalid_artifact') {
        throw new InvalidArtifactError(`homework.py could not be checked: ${e.message}`, {
          file: 'homework.py',
        });
      }
      throw e;
    } finally {
      await sandbox.close();
    }
  } finally {
    await dir.remove();
  }
}
