import { DEFAULT_SANDBOX_LIMITS, resolveLimits, type SandboxLimits } from '../limits';
import { type RunnerLogger, silentRunnerLogger } from '../logger';
import type { CheckCall } from '../protocol';
import { type FailureReport, RunnerError } from '../verdict';
import { type FrameValue, isNdArray, type NdArray, ndF64 } from './framing';
import type { PythonLimits } from './python-limits';
import type { PythonRuntime } from './python-runtime';
import { PythonSandbox } from './python-sandbox';
import { type SubmissionDir, writeSubmissionDir } from './submission-dir';

/** How a homework argument reaches Python (the catalogue's `PythonArgKind` of @critic/core). */
export type HomeworkArgKind = 'float64[]' | 'float64[][]' | 'bool[]' | 'float' | 'int';

/** A Python homework submission: one module, run as `homework.py`. */
export interface PythonChecksArtifact {
  /** The module's UTF-8 source. */
  source: string;
}

/** What one Python call returned, as float64 values with the result's shape and type. */
export interface PythonHomeworkValue {
  /** The values, flattened (null when the result was not array-like: None, a str, a dict…). */
  value: Float64Array | null;
  /** Its numpy shape (`[]` for a scalar), or null. */
  shape: number[] | null;
  /** Its Python type, e.g. `torch.Tensor (float32)`, `list`, `float`. */
  type: string;
}

/** The outcome of one Python homework call. */
export type PythonCheckCallResult =
  | { ok: true; value: PythonHomeworkValue; ms: number }
  | { ok: false; failure: FailureReport };

/** Options of {@link openPythonChecks}. */
export interface OpenPythonChecksOptions {
  /** The functions the module must define, each with its arguments' kinds (core's `pythonFunctionKinds`). */
  functions: Readonly<Record<string, readonly HomeworkArgKind[]>>;
  /** The assignment's limits: `callTimeoutMs` per call (at least {@link PYTHON_CALL_FLOOR_MS}), `totalCpuMs`, `consoleBytes`. */
  limits?: Partial<SandboxLimits>;
  /** Python sandbox limits (address space, import CPU time, …). */
  pythonLimits?: Partial<PythonLimits>;
  /** Most numbers one call may return; default 1e6. */
  maxReturnValues?: number;
  /** Receives diagnostics. */
  logger?: RunnerLogger;
  /** Runs without bubblewrap: only `critic check --unsandboxed` on a student's own machine. */
  unsandboxed?: boolean;
  /** The runtime (default: loadPythonRuntime()). */
  runtime?: PythonRuntime;
}

/** A Python homework module loaded in its sandbox. */
export interface PythonChecksModule {
  /** Runs the calls in order, one result per call run; see {@link openPythonChecks}. */
  callBatch(calls: readonly CheckCall[]): Promise<PythonCheckCallResult[]>;
  /** The student's console output so far (all sandboxes of this module). */
  consoleOutput(): string;
  close(): Promise<void>;
}

/**
 * Least CPU time of one Python call, in ms: a first call of a `jax.jit` function or a `lax.scan`
 * compiles it, which alone takes tens to hundreds of ms of CPU.
 */
export const PYTHON_CALL_FLOOR_MS = 2_000;

/** How often a sandbox killed by a call (memory, a C-level loop, `os._exit`) is started again. */
const MAX_RESTARTS = 3;

/** A case's argument in the frame: float64 and bool arrays travel as raw buffers. */
function argumentFrame(value: unknown, kind: HomeworkArgKind | undefined): FrameValue {
  if (kind === 'float64[]' && Array.isArray(value)) {
    return ndF64(Float64Array.from(value as number[]), [value.length]);
  }
  if (kind === 'float64[][]' && Array.isArray(value)) {
    const rows = value as number[][];
    const cols = rows[0]?.length ?? 0;
    return ndF64(Float64Array.from(rows.flat()), [rows.length, cols]);
  }
  if (kind === 'bool[]' && Array.isArray(value)) {
    const data = Uint8Array.from(value as unknown[], (x) => (x ? 1 : 0));
    return { dtype: 'bool', shape: [value.length], data } satisfies NdArray;
  }
  return value as FrameValue;
}

function malformed(): RunnerError {
  return new RunnerError({
    verdict: 'runtime_error',
    message: 'the sandbox returned a malformed homework result',
  });
}

/** One result of the homework mode, checked (the child runs hostile code). */
function readResult(r: unknown): PythonCheckCallResult {
  if (typeof r !== 'object' || r === null) throw malformed();
  const o = r as Record<string, unknown>;
  if (o.ok === false) {
    const f = o.failure as Partial<FailureReport> | undefined;
    if (!f || typeof f.verdict !== 'string' || typeof f.message !== 'string') throw malformed();
    const failure: FailureReport = { verdict: f.verdict as FailureReport['verdict'], message: f.message };
    if (typeof f.studentStack === 'string') failure.studentStack = f.studentStack;
    return { ok: false, failure };
  }
  if (o.ok !== true || typeof o.type !== 'string' || typeof o.ms !== 'number') throw malformed();
  if (o.value === null) return { ok: true, value: { value: null, shape: null, type: o.type }, ms: o.ms };
  const v = o.value;
  const shape = o.shape;
  if (!isNdArray(v) || v.dtype !== 'f64' || !Array.isArray(shape) || !shape.every(Number.isInteger)) {
    throw malformed();
  }
  const size = shape.reduce((a: number, b) => a * (b as number), 1);
  if (v.data.length !== size) throw malformed();
  return {
    ok: true,
    value: { value: v.data as Float64Array, shape: shape as number[], type: o.type },
    ms: o.ms,
  };
}

/**
 * Starts a Python sandbox in homework mode with the module as `homework.py` and imports it (a module
 * that fails at import, or lacks a function, rejects with a RunnerError: `runtime_error` with the
 * student's frames, `invalid_artifact` naming the missing functions, `time_limit`, `memory_limit`).
 *
 * Each call is its own request under a CPU budget of `max(callTimeoutMs, PYTHON_CALL_FLOOR_MS)`; a
 * call that raises, returns garbage or overruns is that case's verdict and the next call runs. When a
 * call kills the sandbox (memory, `os._exit`, a loop in C code), the batch ends with that call's
 * failure (the rest are not run) and the next batch starts a fresh sandbox.
 */
export async function openPythonChecks(
  artifact: PythonChecksArtifact,
  options: OpenPythonChecksOptions,
): Promise<PythonChecksModule> {
  const limits = resolveLimits(DEFAULT_SANDBOX_LIMITS, options.limits, 'SandboxLimits');
  const callCpuMs = Math.max(limits.callTimeoutMs, PYTHON_CALL_FLOOR_MS);
  const logger = options.logger ?? silentRunnerLogger;
  const dir: SubmissionDir = await writeSubmissionDir({
    'homework.py': new TextEncoder().encode(artifact.source),
  });
  const consoleParts: string[] = [];
  let sandbox: PythonSandbox | undefined;
  let restarts = 0;
  let closed = false;

  async function start(): Promise<PythonSandbox> {
    const sb = await PythonSandbox.start({
      mode: 'homework',
      submissionDir: dir.dir,
      totalCpuMs: limits.totalCpuMs,
      consoleBytes: limits.consoleBytes,
      ...(options.pythonLimits ? { limits: options.pythonLimits } : {}),
      logger,
      ...(options.unsandboxed ? { unsandboxed: true } : {}),
      ...(options.runtime ? { runtime: options.runtime } : {}),
    });
    try {
      await sb.request(
        {
          op: 'open',
          functions: Object.fromEntries(Object.entries(options.functions).map(([k, v]) => [k, [...v]])),
          callCpuMs,
          maxReturnValues: options.maxReturnValues ?? 1_000_000,
          memoryMb: options.pythonLimits?.addressSpaceMb ?? 0,
        },
        { cpuMs: options.pythonLimits?.importCpuMs ?? 30_000, what: "homework.py's top-level code" },
      );
    } catch (e) {
      await sb.close();
      consoleParts.push(sb.consoleOutput());
      throw e;
    }
    return sb;
  }

  async function retire(sb: PythonSandbox): Promise<void> {
    await sb.close(); // its console pipe read to the end first
    consoleParts.push(sb.consoleOutput());
  }

  try {
    sandbox = await start();
  } catch (e) {
    await dir.remove();
    throw e;
  }

  return {
    async callBatch(calls) {
      if (closed) throw new Error('openPythonChecks: callBatch after close');
      const results: PythonCheckCallResult[] = [];
      for (const call of calls) {
        if (sandbox === undefined) {
          if (restarts >= MAX_RESTARTS) {
            throw new RunnerError({
              verdict: 'runtime_error',
              message: `the homework module ended its sandbox ${restarts + 1} times; grading stopped`,
            });
          }
          restarts++;
          sandbox = await start();
        }
        const kinds = options.functions[call.name];
        const request = {
          op: 'call',
          calls: [{ name: call.name, args: call.args.map((a, i) => argumentFrame(a, kinds?.[i])) }],
        };
        try {
          // a little above the child's own per-call timer, which answers time_limit without dying
          const reply = await sandbox.request(request, { cpuMs: callCpuMs + 500, what: `${call.name}()` });
          const list = reply.value;
          if (!Array.isArray(list) || list.length !== 1) throw malformed();
          results.push(readResult(list[0]));
        } catch (e) {
          if (!(e instanceof RunnerError)) throw e;
          const dead = sandbox;
          sandbox = undefined;
          await retire(dead);
          results.push({ ok: false, failure: e.toReport() });
          return results;
        }
      }
      return results;
    },
    consoleOutput: () => [...consoleParts, sandbox?.consoleOutput() ?? ''].join(''),
    async close() {
      if (closed) return;
      closed = true;
      if (sandbox) await retire(sandbox);
      sandbox = undefined;
      await dir.remove();
    },
  };
}
