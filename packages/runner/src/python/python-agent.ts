import { unzipArtifact } from '../artifact/zip';
import type { ArtifactLimits } from '../limits';
import type { PolicySpec } from '../spec';
import { InvalidArtifactError, RunnerError } from '../verdict';
import type { FrameValue } from './framing';
import { DEFAULT_PYTHON_LIMITS, type PythonLimits } from './python-limits';
import { PythonSandbox } from './python-sandbox';
import { writeSubmissionDir } from './submission-dir';

/** A Python agent that passed validation: exactly what the sandbox will mount. */
export interface PreparedPythonAgent {
  kind: 'python-agent';
  /** Relative path → bytes; `agent.py` at the root. */
  files: Record<string, Uint8Array>;
  spec: PolicySpec;
}

/** How Python is run for validation and evaluation. */
export interface PythonRunOptions {
  /** Without bubblewrap (only `critic eval --unsandboxed` on a student's machine). */
  unsandboxed?: boolean;
  /** Sandbox limits beyond the assignment's SandboxLimits. */
  pythonLimits?: Partial<PythonLimits>;
}

const ENTRY = 'agent.py';

/**
 * The files of a Python agent: `files` as given, or a zip unpacked with limits. A zip whose files all
 * lie in one folder (`my_agent/agent.py`, …) is taken from inside that folder.
 */
export function pythonAgentFiles(
  artifact: { files?: Record<string, Uint8Array>; zip?: Uint8Array },
  limits: ArtifactLimits,
): Record<string, Uint8Array> {
  if (!artifact.files === !artifact.zip) {
    throw new InvalidArtifactError('a python-agent artifact is either files or one zip, not both or neither');
  }
  let files = artifact.files ?? unzipArtifact(artifact.zip!, limits);
  const names = Object.keys(files).filter((n) => !n.endsWith('/'));
  if (!(ENTRY in files) && names.length > 0) {
    const top = names[0]!.split('/')[0]!;
    if (names.every((n) => n.startsWith(`${top}/`))) {
      files = Object.fromEntries(names.map((n) => [n.slice(top.length + 1), files[n]!]));
    }
  }
  const entry = files[ENTRY];
  if (!entry) {
    throw new InvalidArtifactError('a Python agent needs an agent.py at the top of the upload', {
      file: ENTRY,
      expected: 'agent.py defining act(obs)',
      found: Object.keys(files).join(', ') || 'no files',
    });
  }
  const count = Object.keys(files).length;
  if (count > limits.maxZipEntries) {
    throw new InvalidArtifactError(`a Python agent may have at most ${limits.maxZipEntries} files`, {
      expected: `≤ ${limits.maxZipEntries} files`,
      found: String(count),
    });
  }
  let total = 0;
  for (const [name, bytes] of Object.entries(files)) {
    total += bytes.length;
    if (name.endsWith('.py')) {
      if (bytes.length > limits.maxSourceBytes) {
        throw new InvalidArtifactError(`${name} is larger than ${limits.maxSourceBytes} bytes`, {
          file: name,
          expected: `≤ ${limits.maxSourceBytes} bytes`,
          found: `${bytes.length} bytes`,
        });
      }
      try {
        new TextDecoder('utf-8', { fatal: true }).decode(bytes);
      } catch {
        throw new InvalidArtifactError(`${name} is not UTF-8 text`, {
          file: name,
          expected: 'UTF-8 Python source',
        });
      }
    }
  }
  if (total > limits.maxZipBytes) {
    throw new InvalidArtifactError(
      `the agent's files total ${total} bytes; at most ${limits.maxZipBytes} are allowed`,
      {
        expected: `≤ ${limits.maxZipBytes} bytes`,
        found: `${total} bytes`,
      },
    );
  }
  return files;
}

/**
 * Checks a Python submission in the sandbox without running any of its code: every .py compiles,
 * `entry` defines `requiredFunctions` at module level, and every import is a file of the submission,
 * the standard library or a package of the runtime. Throws InvalidArtifactError (file, expected,
 * found) otherwise, or PythonUnavailableError where Python cannot be run here.
 */
export async function validatePythonSubmission(
  files: Record<string, Uint8Array>,
  entry: string,
  requiredFunctions: string[],
  options: PythonRunOptions = {},
): Promise<{ imports: string[]; functions: string[] }> {
  const sub = await writeSubmissionDir(files);
  const limits = { ...DEFAULT_PYTHON_LIMITS, ...options.pythonLimits };
  const sandbox = await PythonSandbox.start({
    mode: 'validate',
    submissionDir: sub.dir,
    totalCpuMs: limits.importCpuMs,
    consoleBytes: 4096,
    limits,
    ...(options.unsandboxed ? { unsandboxed: true } : {}),
  });
  try {
    const r = await sandbox.request({ op: 'validate', entry, requiredFunctions } satisfies FrameValue, {
      cpuMs: limits.importCpuMs,
      what: 'the validation',
      idleMs: limits.importIdleMs,
    });
    const v = r.value as { imports: string[]; functions: string[] };
    return { imports: v.imports, functions: v.functions };
  } catch (e) {
    if (e instanceof RunnerError && e.verdict !== 'invalid_artifact') {
      throw new InvalidArtifactError(`the submission could not be checked: ${e.message}`, { file: entry });
    }
    throw e;
  } finally {
    await sandbox.close();
    await sub.remove();
  }
}

/** Validates a Python agent (files, then in the sandbox: compiles, defines act, imports resolvable). */
export async function preparePythonAgent(
  artifact: { files?: Record<string, Uint8Array>; zip?: Uint8Array },
  spec: PolicySpec,
  limits: ArtifactLimits,
  options: PythonRunOptions = {},
): Promise<PreparedPythonAgent> {
  const files = pythonAgentFiles(artifact, limits);
  await validatePythonSubmission(files, ENTRY, ['act'], options);
  return { kind: 'python-agent', files, spec };
}
