import { checkActions } from '../child/action-check';
import type { Policy } from '../host/open-policy';
import { stickyFailureGuard } from '../host/sticky-failure';
import type { SandboxLimits } from '../limits';
import type { RunnerLogger } from '../logger';
import { RunnerError } from '../verdict';
import { type FrameValue, isNdArray, ndF32 } from './framing';
import type { PreparedPythonAgent, PythonRunOptions } from './python-agent';
import { DEFAULT_PYTHON_LIMITS } from './python-limits';
import { loadPythonRuntime } from './python-runtime';
import { PythonSandbox } from './python-sandbox';
import { writeSubmissionDir } from './submission-dir';

/** What openPythonPolicy needs besides the agent. */
export interface OpenPythonPolicyOptions extends PythonRunOptions {
  /** Most rows per `actBatch` call. */
  batchSize: number;
  /** The assignment's limits (per-call CPU time, init CPU time, total CPU, console bytes). */
  limits: SandboxLimits;
  logger?: RunnerLogger;
  /** Validate the files in the sandbox before importing agent.py (when preparePolicy did not). */
  validate?: boolean;
}

function malformed(): RunnerError {
  return new RunnerError({
    verdict: 'runtime_error',
    message: 'the Python sandbox returned a malformed action batch',
  });
}

/**
 * Starts a Python sandbox for a validated agent and imports its agent.py. Each `actBatch` is one
 * request: `act_batch(obs)` once when the module defines it, else `act(obs[i])` per row, under a CPU
 * budget of n × callTimeoutMs (and each act() under callTimeoutMs). The module is one instance for
 * all rows; `reset()` is called once per `policy.reset`.
 */
export async function openPythonPolicy(
  agent: PreparedPythonAgent,
  options: OpenPythonPolicyOptions,
): Promise<Policy> {
  const { limits, batchSize } = options;
  const spec = agent.spec;
  const pyLimits = { ...DEFAULT_PYTHON_LIMITS, ...options.pythonLimits };
  const runtime = loadPythonRuntime();
  const sub = await writeSubmissionDir(agent.files);
  let sandbox: PythonSandbox;
  try {
    sandbox = await PythonSandbox.start({
      mode: 'agent',
      submissionDir: sub.dir,
      totalCpuMs: limits.totalCpuMs + pyLimits.importCpuMs,
      consoleBytes: limits.consoleBytes,
      limits: pyLimits,
      runtime,
      ...(options.logger ? { logger: options.logger } : {}),
      ...(options.unsandboxed ? { unsandboxed: true } : {}),
    });
  } catch (e) {
    await sub.remove();
    throw e;
  }
  const close = async () => {
    await sandbox.close();
    await sub.remove();
  };
  const width = spec.action.type === 'discrete' ? 1 : spec.action.size;
  const action: FrameValue =
    spec.action.type === 'discrete'
      ? { type: 'discrete', n: spec.action.n }
      : { type: 'box', size: spec.action.size };
  const t0 = performance.now();
  let hasBatch: boolean;
  try {
    const r = await sandbox.request(
      { op: 'open', obsSize: spec.observationSize, action, validate: options.validate === true },
      {
        cpuMs: pyLimits.importCpuMs,
        what: "agent.py's top-level code",
        idleMs: pyLimits.importIdleMs,
      },
    );
    hasBatch = (r.value as { actBatch?: unknown }).actBatch === true;
  } catch (e) {
    await close();
    throw e;
  }
  const loadMs = performance.now() - t0;
  const guarded = stickyFailureGuard();
  const obsSize = spec.observationSize;
  return {
    format: 'python-agent',
    obsSize,
    actionSize: width,
    output: 'action',
    batchSize,
    runtime: `python ${runtime.pythonVersion}${options.unsandboxed ? ' (unsandboxed)' : ' (bubblewrap)'}`,
    timings: { startupMs: sandbox.startupMs, loadMs },
    usage: () => sandbox.usage(),
    actBatch(obs, n) {
      if (!Number.isInteger(n) || n < 1 || n > batchSize) {
        return Promise.reject(
          new RangeError(`actBatch: n must be an integer in [1, ${batchSize}], got ${n}`),
        );
      }
      if (obs.length !== n * obsSize) {
        return Promise.reject(
          new RangeError(`actBatch: obs has ${obs.length} values, expected ${n} × ${obsSize}`),
        );
      }
      return guarded(async () => {
        const what = hasBatch ? 'act_batch()' : 'act()';
        const r = await sandbox.request(
          { op: 'act', obs: ndF32(obs, [n, obsSize]) },
          { cpuMs: limits.callTimeoutMs * n, what },
        );
        // The child runs hostile code: check the shape of what it sends back, too.
        const v = r.value as { actions?: unknown; slowestMs?: unknown; slowestIndex?: unknown };
        const a = v?.actions;
        if (!isNdArray(a) || a.dtype !== 'f64' || a.data.length !== n * width) throw malformed();
        const slowest = typeof v.slowestMs === 'number' ? v.slowestMs : 0;
        if (!hasBatch && slowest > limits.callTimeoutMs) {
          throw new RunnerError({
            verdict: 'time_limit',
            message: `act() took ${Math.round(slowest)} ms of CPU time for episode ${Number(v.slowestIndex) || 0}; the limit per call is ${limits.callTimeoutMs} ms`,
          });
        }
        const out = a.data as Float64Array;
        checkActions(out, n, spec, false);
        return out;
      });
    },
    reset() {
      return guarded(async () => {
        await sandbox.request({ op: 'reset' }, { cpuMs: limits.initTimeoutMs, what: 'reset()' });
      });
    },
    consoleOutput: () => sandbox.consoleOutput(),
    close,
  };
}
