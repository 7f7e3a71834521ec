import ivm from 'isolated-vm';
import type { SandboxLimits } from '../limits';
import { callWallBackstopMs } from '../limits';
import { SandboxFaultError } from '../sandbox-fault';
import { RunnerError } from '../verdict';
import { GLUE_FILENAME, GLUE_SOURCE } from './glue-source';
import { SourceMapLookup } from './source-map';
import { type StackMapping, studentStack } from './student-stack';

/** What the glue returns from an entry point (validated here again: it ran next to student code). */
type GlueResult =
  | { status: 'ok'; log: string; actions?: Float64Array; value?: unknown }
  | {
      status: 'error';
      phase: string;
      index?: number;
      error: { name: string; message: string; stack: string };
      log: string;
    }
  | { status: 'invalid'; index: number; message: string; log: string };

/** Where console output of the student's code goes (bounded by the glue). */
export type ConsoleSink = (text: string) => void;

type EntryName = 'install' | 'beginBatch' | 'actRow' | 'endBatch' | 'reset' | 'call';

/** Wall-clock limit of an entry point that runs none of the student's code (copying data in or out). */
const GLUE_WALL_MS = 30_000;

/**
 * One student module (one or more instances of it) inside a fresh isolate. Every call into the
 * student's code is timed by the process's CPU clock (`process.cpuUsage`): the verdict
 * `time_limit` means the code used more CPU than allowed, whatever the load of the machine. The
 * isolate's own timeout is only a wall-clock backstop (`callWallBackstopMs`): when it fires before the
 * CPU limit was used, the machine starved the call, which is a SandboxFaultError (retried), not a verdict.
 */
export class JsSandbox {
  private readonly isolate: ivm.Isolate;
  private readonly entry: Record<EntryName, ivm.Reference<unknown>>;
  private closed = false;
  private mapping: StackMapping | undefined;
  /** CPU time of the student's calls so far, in milliseconds. */
  private usedCpuMs = 0;

  private constructor(
    private readonly limits: SandboxLimits,
    private readonly filename: string,
    private readonly onConsole: ConsoleSink,
    isolate: ivm.Isolate,
    entry: JsSandbox['entry'],
  ) {
    this.isolate = isolate;
    this.entry = entry;
  }

  /** Creates the isolate, installs the glue, defines the module and runs its top level `instances` times. */
  static create(
    module: { script: string; filename: string; sourceMappings?: string; lineOffset?: number },
    instances: number,
    limits: SandboxLimits,
    onConsole: ConsoleSink,
  ): JsSandbox {
    const isolate = new ivm.Isolate({ memoryLimit: Math.max(8, limits.isolateMemoryMb) });
    try {
      const context = isolate.createContextSync();
      const glue = isolate.compileScriptSync(GLUE_SOURCE, { filename: GLUE_FILENAME });
      const makeGlue = glue.runSync(context, { reference: true }) as ivm.Reference<unknown>;
      const api = makeGlue.applySync(undefined, [limits.consoleBytes], {
        result: { reference: true },
      }) as ivm.Reference<Record<string, unknown>>;
      const get = (name: EntryName) => api.getSync(name, { reference: true }) as ivm.Reference<unknown>;
      const entry = {
        install: get('install'),
        beginBatch: get('beginBatch'),
        actRow: get('actRow'),
        endBatch: get('endBatch'),
        reset: get('reset'),
        call: get('call'),
      };
      const sandbox = new JsSandbox(limits, module.filename, onConsole, isolate, entry);
      if (module.sourceMappings) {
        try {
          sandbox.mapping = {
            filename: module.filename,
            lineOffset: module.lineOffset ?? 0,
            map: new SourceMapLookup(module.sourceMappings),
          };
        } catch {
          sandbox.mapping = undefined;
        }
      }
      // Defining the factory runs none of the student's code; install(i) then runs the top level per instance.
      const definition = `globalThis.__criticFactory = ${module.script}`;
      sandbox.glueOnly('load', () =>
        isolate
          .compileScriptSync(definition, { filename: module.filename })
          .runSync(context, { timeout: GLUE_WALL_MS }),
      );
      for (let i = 0; i < instances; i++) sandbox.timed('install', [i], limits.initTimeoutMs);
      sandbox.flushLog();
      return sandbox;
    } catch (e) {
      if (!isolate.isDisposed) isolate.dispose();
      throw e;
    }
  }

  /** act() of instance i on row i, for n rows; returns n×width numbers. Each call is held to `callTimeoutMs` of CPU. */
  actBatch(obs: Float64Array, n: number, obsSize: number, width: number): Float64Array {
    this.untimed('beginBatch', [obs, n, obsSize, width]);
    for (let i = 0; i < n; i++) this.timed('actRow', [i], this.limits.callTimeoutMs, 'act');
    const r = this.untimed('endBatch', []);
    const actions = r.actions;
    if (!(actions instanceof Float64Array) || actions.length !== n * width) {
      throw new RunnerError({
        verdict: 'runtime_error',
        message: 'the sandbox returned a malformed action batch',
      });
    }
    return actions;
  }

  /** Calls reset() (if exported) on the given instances, each held to `initTimeoutMs` of CPU. */
  reset(indices: number[]): void {
    for (const i of indices) this.timed('reset', [i], this.limits.initTimeoutMs);
    this.flushLog();
  }

  /** Calls an exported function of instance 0 with copied arguments; returns its result as plain data and its CPU time. */
  call(name: string, args: unknown[], maxValues: number): { value: unknown; ms: number } {
    const { result, cpuMs } = this.timed('call', [name, args, maxValues], this.limits.callTimeoutMs, name);
    if (result === undefined || result.status !== 'ok') {
      throw new RunnerError({ verdict: 'runtime_error', message: 'the sandbox returned a malformed result' });
    }
    return { value: result.value, ms: cpuMs };
  }

  /** CPU time used by the student's calls so far, in milliseconds. */
  cpuMs(): number {
    return this.usedCpuMs;
  }

  dispose(): void {
    if (this.closed) return;
    this.closed = true;
    if (!this.isolate.isDisposed) this.isolate.dispose();
  }

  private assertOpen(): void {
    if (this.closed || this.isolate.isDisposed) {
      throw new RunnerError({
        verdict: 'runtime_error',
        message: 'the sandbox was already shut down by an earlier failure',
      });
    }
  }

  /** An entry point that runs none of the student's code (copying a batch in or out). */
  private untimed(name: 'beginBatch' | 'endBatch', args: unknown[]): Extract<GlueResult, { status: 'ok' }> {
    this.assertOpen();
    const r = this.glueOnly(name, () =>
      this.entry[name].applySync(undefined, args, {
        arguments: { copy: true },
        result: { copy: true },
        timeout: GLUE_WALL_MS,
      }),
    ) as GlueResult | undefined;
    if (name === 'beginBatch') return { status: 'ok', log: '' };
    if (typeof r !== 'object' || r === null || r.status !== 'ok' || typeof r.log !== 'string') {
      throw new RunnerError({ verdict: 'runtime_error', message: 'the sandbox returned a malformed result' });
    }
    if (r.log) this.onConsole(r.log);
    return r;
  }

  /**
   * Runs one call into the student's code held to `limitMs` of CPU time (and what is left of the total
   * budget); returns the glue's result (undefined: the call succeeded and has nothing to say) and the
   * CPU time the call used. A failure of the student's code is thrown as a RunnerError.
   */
  private timed(
    name: 'install' | 'actRow' | 'reset' | 'call',
    args: unknown[],
    limitMs: number,
    label: string = name,
  ): { result: Extract<GlueResult, { status: 'ok' }> | undefined; cpuMs: number } {
    this.assertOpen();
    const remaining = this.limits.totalCpuMs - this.cpuMs();
    if (remaining <= 0) throw this.budgetExceeded();
    const budget = Math.min(limitMs, remaining);
    const cpu0 = processCpuMs();
    let r: GlueResult | undefined;
    let wallTimedOut = false;
    try {
      r = this.guard(label, () =>
        this.entry[name].applySync(undefined, args, {
          arguments: { copy: true },
          result: { copy: true },
          timeout: callWallBackstopMs(budget),
        }),
      ) as GlueResult | undefined;
    } catch (e) {
      if (!(e instanceof WallTimeout)) throw e;
      wallTimedOut = true;
    }
    const cpuMs = processCpuMs() - cpu0;
    this.usedCpuMs += cpuMs;
    if (cpuMs > budget || (wallTimedOut && cpuMs >= budget)) {
      // The budget was cut to what is left of the total: report the budget, not the per-call limit.
      if (remaining < limitMs) throw this.budgetExceeded();
      throw this.tooSlow(name, label, limitMs, cpuMs, args);
    }
    if (wallTimedOut) {
      throw new SandboxFaultError(
        'wall_backstop',
        `${label}() was stopped by the wall-clock backstop (${callWallBackstopMs(budget)} ms) after only ${cpuMs.toFixed(1)} ms of CPU time (limit ${budget} ms): the machine starved the sandbox`,
      );
    }
    if (r === undefined) return { result: undefined, cpuMs };
    if (typeof r !== 'object' || r === null || typeof r.log !== 'string') {
      throw new RunnerError({ verdict: 'runtime_error', message: 'the sandbox returned a malformed result' });
    }
    if (r.log) this.onConsole(r.log);
    if (r.status === 'ok') return { result: r, cpuMs };
    if (r.status === 'invalid') {
      throw new RunnerError({
        verdict: name === 'actRow' ? 'invalid_action' : 'wrong_answer',
        message: name === 'actRow' ? `episode ${r.index}: ${r.message}` : r.message,
      });
    }
    const where = r.phase === 'load' ? 'while loading the module' : `in ${r.phase}()`;
    const episode = name === 'actRow' || name === 'reset' ? ` (episode ${r.index ?? 0})` : '';
    if (r.error.name === 'RangeError' && /^Array buffer allocation failed$/.test(r.error.message)) {
      // The isolate refused an ArrayBuffer beyond its memory limit: the student's memory, not a bug.
      throw new RunnerError({
        verdict: 'memory_limit',
        message: `${where}${episode}: an ArrayBuffer allocation failed: the submission exceeded its memory limit of ${this.limits.isolateMemoryMb} MiB`,
      });
    }
    const stack = studentStack(r.error.stack, this.mapping);
    return this.throwStudent(
      r.error.message === 'Maximum call stack size exceeded'
        ? `${where}${episode}: RangeError: Maximum call stack size exceeded (infinite or too deep recursion)`
        : `${where}${episode}: ${r.error.name === 'NonError' ? '' : `${r.error.name}: `}${r.error.message}`,
      stack,
    );
  }

  /** Runs an isolate operation that runs none of the student's code: a wall timeout there is the machine's fault. */
  private glueOnly<T>(what: string, run: () => T): T {
    try {
      return this.guard(what, run);
    } catch (e) {
      if (!(e instanceof WallTimeout)) throw e;
      throw new SandboxFaultError(
        'wall_backstop',
        `the sandbox's own ${what} step took longer than ${GLUE_WALL_MS} ms of wall-clock time: the machine starved the sandbox`,
      );
    }
  }

  /** Hands on console output left in the glue (e.g. printed by a top level or a reset). */
  private flushLog(): void {
    const r = this.entry.endBatch.applySync(undefined, [], {
      result: { copy: true },
      timeout: GLUE_WALL_MS,
    }) as GlueResult | undefined;
    if (r && typeof r === 'object' && typeof r.log === 'string' && r.log) this.onConsole(r.log);
  }

  private tooSlow(name: string, label: string, limitMs: number, cpuMs: number, args: unknown[]): RunnerError {
    const used = cpuMs.toFixed(cpuMs < 10 ? 1 : 0);
    if (name === 'install') {
      return new RunnerError({
        verdict: 'time_limit',
        message: `the module's top-level code used ${used} ms of CPU time; the limit is ${limitMs} ms`,
      });
    }
    const episode = name === 'actRow' || name === 'reset' ? ` for episode ${String(args[0])}` : '';
    return new RunnerError({
      verdict: 'time_limit',
      message: `${label}() used ${used} ms of CPU time${episode}; the limit per call is ${limitMs} ms`,
    });
  }

  private throwStudent(message: string, stack: string): never {
    throw new RunnerError({ verdict: 'runtime_error', message, studentStack: stack || undefined });
  }

  private budgetExceeded(): RunnerError {
    return new RunnerError({
      verdict: 'time_limit',
      message: `the submission used more than its total CPU budget of ${this.limits.totalCpuMs} ms`,
    });
  }

  /** Runs an isolate operation, turning isolate-level failures (timeout, OOM, syntax) into verdicts. */
  private guard<T>(what: string, run: () => T): T {
    try {
      return run();
    } catch (e) {
      if (e instanceof RunnerError) throw e;
      const message = e instanceof Error ? e.message : String(e);
      if (this.isolate.isDisposed || /memory limit/i.test(message)) {
        this.closed = true;
        throw new RunnerError({
          verdict: 'memory_limit',
          message: `the submission exceeded its memory limit of ${this.limits.isolateMemoryMb} MiB ${what === 'load' ? 'while loading' : `in ${what}`}`,
        });
      }
      if (/timed out/i.test(message)) throw new WallTimeout();
      // Only the message: a host-side stack would reveal the grader's frames and paths.
      throw new RunnerError({
        verdict: what === 'load' ? 'invalid_artifact' : 'runtime_error',
        message: `${what === 'load' ? 'the module failed to load' : `sandbox failure in ${what}`}: ${message}`,
        file: what === 'load' ? this.filename : undefined,
      });
    }
  }
}

/**
 * CPU time of this process (all its threads), in milliseconds. A call into the isolate runs on this
 * thread while the others idle, so the difference around a call is the CPU the student's code used
 * (with the garbage collection it caused). Not `isolate.cpuTime`: isolated-vm's build counts wall time
 * there, stopped or preempted time included.
 */
function processCpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

/** The isolate's wall-clock timeout fired (judged by the CPU time used, by the caller). */
class WallTimeout extends Error {}
