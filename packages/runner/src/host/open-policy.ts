import { type PolicyArtifact, type PreparedPolicy, preparePolicy } from '../artifact/policy-artifact';
import {
  type ArtifactLimits,
  DEFAULT_ARTIFACT_LIMITS,
  DEFAULT_SANDBOX_LIMITS,
  resolveLimits,
  type SandboxLimits,
} from '../limits';
import { type RunnerLogger, silentRunnerLogger } from '../logger';
import type { OpenedPolicy } from '../protocol';
import { openPythonPolicy } from '../python/open-python-policy';
import { type PreparedPythonAgent, type PythonRunOptions, pythonAgentFiles } from '../python/python-agent';
import { RunnerError } from '../verdict';
import { ConsoleLog } from './console-log';
import { SandboxProcess, type SandboxUsage } from './sandbox-process';
import { stickyFailureGuard } from './sticky-failure';

/** Options of `openPolicy`. */
export interface OpenPolicyOptions {
  /** Most rows per `actBatch` call (the number of parallel episodes); js-agents get one module instance per row. */
  batchSize: number;
  /** Sandbox limits (defaults: DEFAULT_SANDBOX_LIMITS). */
  limits?: Partial<SandboxLimits>;
  /** Artifact limits used when validating (defaults: DEFAULT_ARTIFACT_LIMITS). */
  artifactLimits?: Partial<ArtifactLimits>;
  /** Receives diagnostics (e.g. the child's stderr when it crashes). */
  logger?: RunnerLogger;
  /** Python agents: sandbox limits, and `unsandboxed` (only `critic eval --unsandboxed`). */
  python?: PythonRunOptions;
}

/** A loaded agent, running in its own sandbox child process. One per evaluation. */
export interface Policy {
  /** The artifact format. */
  readonly format: PolicyArtifact['format'];
  /** Observation width expected per row. */
  readonly obsSize: number;
  /** Numbers per row that `actBatch` returns: 1 for a discrete action, `size` for a continuous one, n for logits. */
  readonly actionSize: number;
  /** `action`: rows are actions (already checked against the space); `logits`: sample from softmax per row. */
  readonly output: 'action' | 'logits';
  /** Most rows per call. */
  readonly batchSize: number;
  /** What runs it in the child, e.g. `isolated-vm`, `onnxruntime-node (cpu)`, `tfjs (wasm)`. */
  readonly runtime: string;
  /** Milliseconds to start the child process, and to load the artifact in it. */
  readonly timings: { startupMs: number; loadMs: number };
  /**
   * One step of n ≤ batchSize episodes: `obs` holds n rows of obsSize values; resolves with n rows of
   * actionSize values. Rejects with a RunnerError (time_limit, memory_limit, runtime_error,
   * invalid_action); after a rejection the policy is dead and must be closed.
   */
  actBatch(obs: Float32Array, n: number): Promise<Float32Array | Float64Array>;
  /** Calls the agent's `reset()` for these episode rows (all rows by default); a no-op for models. */
  reset(indices?: number[]): Promise<void>;
  /** The student's console output so far (bounded, with a truncation marker). */
  consoleOutput(): string;
  /** CPU time and peak memory of the sandbox child so far (sampled from /proc). */
  usage(): SandboxUsage;
  /** Stops the child. Always call it (in `finally`). */
  close(): Promise<void>;
}

/**
 * Validates an agent artifact, starts a sandbox child and loads the agent in it. Rejects with a
 * RunnerError (`invalid_artifact`, or a verdict from the module's top-level code) when it cannot.
 */
export async function openPolicy(
  artifact: PolicyArtifact | PreparedPolicy,
  spec: Parameters<typeof preparePolicy>[1],
  options: OpenPolicyOptions,
): Promise<Policy> {
  const limits = resolveLimits(DEFAULT_SANDBOX_LIMITS, options.limits, 'SandboxLimits');
  const openPython = (agent: PreparedPythonAgent, validate: boolean) =>
    openPythonPolicy(agent, {
      batchSize: options.batchSize,
      limits,
      validate,
      ...options.python,
      ...(options.logger ? { logger: options.logger } : {}),
    });
  if (!Number.isInteger(options.batchSize) || options.batchSize < 1) {
    throw new RangeError(`openPolicy: batchSize must be a positive integer, got ${options.batchSize}`);
  }
  if ('format' in artifact && artifact.format === 'python-agent') {
    // Checked in the agent's own sandbox before its code runs (saves starting a second one).
    const files = pythonAgentFiles(
      artifact,
      resolveLimits(DEFAULT_ARTIFACT_LIMITS, options.artifactLimits, 'ArtifactLimits'),
    );
    artifact = { kind: 'python-agent', files, spec };
    return openPython(artifact, true);
  }
  const prepared =
    'kind' in artifact ? artifact : await preparePolicy(artifact, spec, options.artifactLimits);
  if (prepared.kind === 'python-agent') return openPython(prepared, false);
  const consoleLog = new ConsoleLog(limits.consoleBytes);
  const child = await SandboxProcess.start({
    limits,
    logger: options.logger ?? silentRunnerLogger,
  });
  const format: PolicyArtifact['format'] = prepared.kind;
  const run = async (body: Parameters<SandboxProcess['request']>[0]) => {
    try {
      const r = await child.request(body);
      consoleLog.append(r.console);
      return r.result;
    } catch (e) {
      if (e instanceof RunnerError)
        consoleLog.append((e as RunnerError & { console?: string }).console ?? '');
      throw e;
    }
  };
  let opened: OpenedPolicy;
  const t0 = performance.now();
  try {
    const open =
      prepared.kind === 'js-agent' ? { ...prepared, instances: options.batchSize, limits } : prepared;
    opened = (await run({ op: 'open', open })) as OpenedPolicy;
  } catch (e) {
    await child.close();
    throw e;
  }
  const loadMs = performance.now() - t0;
  const guarded = stickyFailureGuard();
  const obsSize = spec.observationSize;
  return {
    format,
    obsSize,
    actionSize: opened.width,
    output: opened.output,
    batchSize: options.batchSize,
    runtime: opened.runtime,
    timings: { startupMs: child.startupMs, loadMs },
    actBatch(obs, n) {
      if (!Number.isInteger(n) || n < 1 || n > options.batchSize) {
        return Promise.reject(
          new RangeError(`actBatch: n must be an integer in [1, ${options.batchSize}], got ${n}`),
        );
      }
      if (obs.length !== n * obsSize) {
        return Promise.reject(
          new RangeError(`actBatch: obs has ${obs.length} values, expected ${n} × ${obsSize}`),
        );
      }
      return guarded(async () => {
        const out = await run({ op: 'act', obs, n });
        // The child runs hostile code: check the shape of what it sends back, too.
        if (
          !(out instanceof Float32Array || out instanceof Float64Array) ||
          out.length !== n * opened.width
        ) {
          throw new RunnerError({
            verdict: 'runtime_error',
            message: 'the sandbox returned a malformed action batch',
          });
        }
        return out;
      });
    },
    reset(indices) {
      const rows = indices ?? Array.from({ length: options.batchSize }, (_, i) => i);
      return guarded(async () => {
        await run({ op: 'reset', indices: rows });
      });
    },
    consoleOutput: () => consoleLog.toString(),
    usage: () => child.usage(),
    close: () => child.close(),
  };
}
