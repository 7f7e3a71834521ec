import { prepareModule } from '../artifact/js-module';
import {
  type ArtifactLimits,
  DEFAULT_ARTIFACT_LIMITS,
  DEFAULT_SANDBOX_LIMITS,
  resolveLimits,
  type SandboxLimits,
} from '../limits';
import { type RunnerLogger, silentRunnerLogger } from '../logger';
import type { CheckCall, CheckCallResult } from '../protocol';
import { RunnerError } from '../verdict';
import { ConsoleLog } from './console-log';
import { SandboxProcess } from './sandbox-process';

/** A homework submission, as the grader receives it. */
export interface ChecksArtifact {
  /** One JS/TS ES module exporting the homework's functions. */
  source: string;
  /** Its file name (decides JS vs TS); default `homework.js`. */
  filename?: string;
}

/** Options of `openChecks`. */
export interface OpenChecksOptions {
  /** The functions the homework names; a module missing one is refused as invalid_artifact. */
  requiredExports: readonly string[];
  /** Sandbox limits; `callTimeoutMs` applies to each call. */
  limits?: Partial<SandboxLimits>;
  /** Artifact limits used when validating. */
  artifactLimits?: Partial<ArtifactLimits>;
  /** Most numbers one call may return (arrays are counted element by element); default 1e6. */
  maxReturnValues?: number;
  /** Receives diagnostics. */
  logger?: RunnerLogger;
}

/** A homework module loaded in its own sandbox child. */
export interface ChecksModule {
  /** The names the module exports. */
  readonly exports: string[];
  /**
   * Runs the calls in order, each with its own time limit; one result per call (a failing call does
   * not stop the others, except after memory_limit or an exhausted CPU budget, which end the batch).
   * Rejects only when the child itself is lost (wall-clock deadline, crash).
   */
  callBatch(calls: CheckCall[]): Promise<CheckCallResult[]>;
  /** The student's console output so far. */
  consoleOutput(): string;
  close(): Promise<void>;
}

function isCallResult(r: unknown): r is CheckCallResult {
  if (typeof r !== 'object' || r === null) return false;
  const o = r as Record<string, unknown>;
  if (o.ok === true) return typeof o.ms === 'number' && 'value' in o;
  const f = o.failure as Record<string, unknown> | undefined;
  return (
    o.ok === false &&
    typeof f === 'object' &&
    f !== null &&
    typeof f.message === 'string' &&
    typeof f.verdict === 'string'
  );
}

/** Validates a homework module (transpiles, no imports, required exports) without running it. */
export function prepareChecks(
  artifact: ChecksArtifact,
  requiredExports: readonly string[],
  limits?: Partial<ArtifactLimits>,
) {
  const lim = resolveLimits(DEFAULT_ARTIFACT_LIMITS, limits, 'ArtifactLimits');
  return prepareModule(artifact.source, {
    filename: artifact.filename ?? 'homework.js',
    requiredExports,
    maxSourceBytes: lim.maxSourceBytes,
  });
}

/** Validates a homework module, starts a sandbox child and runs the module's top level in it. */
export async function openChecks(
  artifact: ChecksArtifact,
  options: OpenChecksOptions,
): Promise<ChecksModule> {
  const limits = resolveLimits(DEFAULT_SANDBOX_LIMITS, options.limits, 'SandboxLimits');
  const module = await prepareChecks(artifact, options.requiredExports, options.artifactLimits);
  const consoleLog = new ConsoleLog(limits.consoleBytes);
  const child = await SandboxProcess.start({
    limits,
    logger: options.logger ?? silentRunnerLogger,
  });
  try {
    const r = await child.request({
      op: 'open',
      open: { kind: 'checks', module, limits, maxValues: options.maxReturnValues ?? 1_000_000 },
    });
    consoleLog.append(r.console);
  } catch (e) {
    if (e instanceof RunnerError) consoleLog.append((e as RunnerError & { console?: string }).console ?? '');
    await child.close();
    throw e;
  }
  return {
    exports: module.exports,
    async callBatch(calls) {
      const r = await child.request({ op: 'call', calls });
      consoleLog.append(r.console);
      // The child runs hostile code: check the shape of what it sends back, too.
      const results = r.result;
      if (!Array.isArray(results) || results.length > calls.length || !results.every(isCallResult)) {
        throw new RunnerError({
          verdict: 'runtime_error',
          message: 'the sandbox returned malformed check results',
        });
      }
      return results;
    },
    consoleOutput: () => consoleLog.toString(),
    close: () => child.close(),
  };
}
