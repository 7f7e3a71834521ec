import ivm from 'isolated-vm';
import type { SandboxLimits } from '../limits';
import { RunnerError } from '../verdict';
import { GLUE_FILENAME, GLUE_SOURCE } from './glue-source';
import { SourceMapLookup } from './source-map';
import { type StackMapping, studentStack } from './student-stack';

/** What the glue returns from every entry point (validated here again: it ran next to student code). */
type GlueResult =
  | {
      status: 'ok';
      log: string;
      actions?: Float64Array;
      slowestMs?: number;
      slowestIndex?: number;
      value?: unknown;
    }
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

/** One student module (one or more instances of it) inside a fresh isolate. */
export class JsSandbox {
  private readonly isolate: ivm.Isolate;
  private readonly entry: Record<'install' | 'actBatch' | 'reset' | 'call', ivm.Reference<unknown>>;
  private closed = false;
  private mapping: StackMapping | undefined;

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
      const get = (name: string) => api.getSync(name, { reference: true }) as ivm.Reference<unknown>;
      const entry = {
        install: get('install'),
        actBatch: get('actBatch'),
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
      // Defining the factory runs none of the student's code; install() then runs the top level per instance.
      const definition = `globalThis.__criticFactory = ${module.script}`;
      sandbox.guard('load', () =>
        isolate.compileScriptSync(definition, { filename: module.filename }).runSync(context),
      );
      sandbox.invoke('install', [instances], limits.initTimeoutMs);
      return sandbox;
    } catch (e) {
      if (!isolate.isDisposed) isolate.dispose();
      throw e;
    }
  }

  /** act() of instance i on row i, for n rows; returns n×width numbers. */
  actBatch(obs: Float64Array, n: number, obsSize: number, width: number): Float64Array {
    const timeout = this.limits.callTimeoutMs * n;
    const r = this.invoke('actBatch', [obs, n, obsSize, width], timeout);
    const actions = r.actions;
    if (!(actions instanceof Float64Array) || actions.length !== n * width) {
      throw new RunnerError({
        verdict: 'runtime_error',
        message: 'the sandbox returned a malformed action batch',
      });
    }
    if ((r.slowestMs ?? 0) > this.limits.callTimeoutMs) {
      throw new RunnerError({
        verdict: 'time_limit',
        message: `act() took ${r.slowestMs} ms for episode ${r.slowestIndex ?? 0}; the limit per call is ${this.limits.callTimeoutMs} ms`,
      });
    }
    return actions;
  }

  /** Calls reset() (if exported) on the given instances. */
  reset(indices: number[]): void {
    this.invoke('reset', [indices], this.limits.initTimeoutMs);
  }

  /** Calls an exported function of instance 0 with copied arguments; returns its result as plain data. */
  call(name: string, args: unknown[], maxValues: number): { value: unknown; ms: number } {
    const r = this.invoke('call', [name, args, maxValues], this.limits.callTimeoutMs, name);
    if (typeof r.slowestMs === 'number') throw new Error('unreachable');
    const ms = (r as { ms?: unknown }).ms;
    if (typeof ms === 'number' && ms > this.limits.callTimeoutMs) {
      throw new RunnerError({
        verdict: 'time_limit',
        message: `${name}() took ${ms} ms; the limit per call is ${this.limits.callTimeoutMs} ms`,
      });
    }
    return { value: r.value, ms: typeof ms === 'number' ? ms : 0 };
  }

  /** CPU time used by the isolate so far, in milliseconds. */
  cpuMs(): number {
    return this.isolate.isDisposed ? 0 : Number(this.isolate.cpuTime / 1_000_000n);
  }

  dispose(): void {
    if (this.closed) return;
    this.closed = true;
    if (!this.isolate.isDisposed) this.isolate.dispose();
  }

  private invoke(
    name: keyof JsSandbox['entry'],
    args: unknown[],
    timeoutMs: number,
    label: string = name,
  ): Extract<GlueResult, { status: 'ok' }> {
    if (this.closed || this.isolate.isDisposed) {
      throw new RunnerError({
        verdict: 'runtime_error',
        message: 'the sandbox was already shut down by an earlier failure',
      });
    }
    const remaining = this.limits.totalCpuMs - this.cpuMs();
    if (remaining <= 0) throw this.budgetExceeded();
    const timeout = Math.max(1, Math.ceil(Math.min(timeoutMs, remaining)));
    let r: GlueResult;
    try {
      r = this.guard(label, () =>
        this.entry[name].applySync(undefined, args, {
          arguments: { copy: true },
          result: { copy: true },
          timeout,
        }),
      ) as GlueResult;
    } catch (e) {
      // The timeout was cut to what is left of the total budget: report the budget, not the per-call limit.
      if (e instanceof RunnerError && e.verdict === 'time_limit' && remaining < timeoutMs)
        throw this.budgetExceeded();
      throw e;
    }
    if (typeof r !== 'object' || r === null || typeof r.log !== 'string') {
      throw new RunnerError({ verdict: 'runtime_error', message: 'the sandbox returned a malformed result' });
    }
    if (r.log) this.onConsole(r.log);
    if (this.cpuMs() > this.limits.totalCpuMs) throw this.budgetExceeded();
    if (r.status === 'ok') return r;
    if (r.status === 'invalid') {
      throw new RunnerError({
        verdict: name === 'actBatch' ? 'invalid_action' : 'wrong_answer',
        message: name === 'actBatch' ? `episode ${r.index}: ${r.message}` : r.message,
      });
    }
    const where = r.phase === 'load' ? 'while loading the module' : `in ${r.phase}()`;
    const episode = name === 'actBatch' || name === 'reset' ? ` (episode ${r.index ?? 0})` : '';
    const stack = studentStack(r.error.stack, this.mapping);
    return this.throwStudent(
      r.error.message === 'Maximum call stack size exceeded'
        ? `${where}${episode}: RangeError: Maximum call stack size exceeded (infinite or too deep recursion)`
        : `${where}${episode}: ${r.error.name === 'NonError' ? '' : `${r.error.name}: `}${r.error.message}`,
      stack,
    );
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
      if (/timed out/i.test(message)) {
        const budget =
          what === 'install' || what === 'reset' || what === 'load'
            ? this.limits.initTimeoutMs
            : this.limits.callTimeoutMs;
        throw new RunnerError({
          verdict: 'time_limit',
          message:
            what === 'install'
              ? `the module's top-level code ran longer than ${budget} ms`
              : `${what === 'actBatch' ? 'act()' : `${what}()`} ran longer than its time limit (${budget} ms per call)`,
        });
      }
      // Only the message: a host-side stack would reveal the grader's frames and paths.
      throw new RunnerError({
        verdict: what === 'load' ? 'invalid_artifact' : 'runtime_error',
        message: `${what === 'load' ? 'the module failed to load' : `sandbox failure in ${what}`}: ${message}`,
        file: what === 'load' ? this.filename : undefined,
      });
    }
  }
}
