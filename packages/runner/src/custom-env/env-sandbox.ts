import ivm from 'isolated-vm';
import type { PreparedModule } from '../artifact/js-module';
import type { SandboxLimits } from '../limits';
import { RunnerError } from '../verdict';
import { ENV_GLUE_FILENAME, ENV_GLUE_SOURCE } from './env-glue-source';

/** A method of the Env API the sandbox calls. */
export type EnvMethod = 'reset' | 'step' | 'render' | 'close';

/** What `createEnv()` of instance 0 declared: its spaces as plain specs and which methods exist. */
export interface EnvDeclaration {
  /** `observationSpace.toSpec()`, or the plain spec object the env declared. */
  observationSpace: unknown;
  /** `actionSpace.toSpec()`, or the plain spec object the env declared. */
  actionSpace: unknown;
  /** `typeof env.reset` etc. */
  methods: Record<EnvMethod, string>;
}

/** The env's own code threw (its message is what the checker quotes). */
export class EnvThrewError extends Error {}

type GlueResult =
  | { status: 'ok'; value: unknown; ms?: number }
  | { status: 'error'; phase: string; error: { name: string; message: string } }
  | { status: 'invalid'; message: string };

/** Most values one env call may hand back (observation elements, frame shapes, …). */
const MAX_VALUES = 1_000_000;

/**
 * One custom environment module inside a fresh isolate, with `instances` envs made by `createEnv()`
 * (each from its own module instance, so module-level state is not shared between episodes). Every
 * method call has the agent's per-call limits: `initTimeoutMs` for `reset`, `callTimeoutMs` for the
 * others; the isolate's heap limit is the agent's.
 */
export class EnvSandbox {
  private constructor(
    private readonly isolate: ivm.Isolate,
    private readonly invokeRef: ivm.Reference<unknown>,
    private readonly limits: SandboxLimits,
    /** What instance 0 declared. */
    readonly declaration: EnvDeclaration,
  ) {}

  /** Creates the isolate, defines the module and makes `instances` envs (top level + createEnv within `initTimeoutMs`). */
  static create(module: PreparedModule, instances: number, limits: SandboxLimits): EnvSandbox {
    const isolate = new ivm.Isolate({ memoryLimit: Math.max(8, limits.isolateMemoryMb) });
    try {
      const context = isolate.createContextSync();
      const glue = isolate
        .compileScriptSync(ENV_GLUE_SOURCE, { filename: ENV_GLUE_FILENAME })
        .runSync(context, { reference: true }) as ivm.Reference<unknown>;
      const api = glue.applySync(undefined, [], { result: { reference: true } }) as ivm.Reference<
        Record<string, unknown>
      >;
      const install = api.getSync('install', { reference: true }) as ivm.Reference<unknown>;
      const invoke = api.getSync('invoke', { reference: true }) as ivm.Reference<unknown>;
      guard(isolate, limits, 'load', () =>
        isolate
          .compileScriptSync(`globalThis.__criticFactory = ${module.script}`, { filename: module.filename })
          .runSync(context),
      );
      const r = guard(isolate, limits, 'createEnv', () =>
        install.applySync(undefined, [instances, MAX_VALUES], {
          arguments: { copy: true },
          result: { copy: true },
          timeout: limits.initTimeoutMs,
        }),
      ) as GlueResult;
      const declaration = unwrap(r, 'createEnv') as EnvDeclaration;
      return new EnvSandbox(isolate, invoke, limits, declaration);
    } catch (e) {
      if (!isolate.isDisposed) isolate.dispose();
      throw e;
    }
  }

  /**
   * Calls `env[method](...args)` on instance `index`; returns the result as plain data. Throws
   * EnvThrewError when the env threw, RunnerError(time_limit | memory_limit) naming the method.
   */
  call(index: number, method: EnvMethod, args: unknown[]): unknown {
    if (this.isolate.isDisposed) {
      throw new RunnerError({
        verdict: 'runtime_error',
        message: 'the env sandbox was shut down by an earlier failure',
      });
    }
    const timeout = method === 'reset' ? this.limits.initTimeoutMs : this.limits.callTimeoutMs;
    const r = guard(this.isolate, this.limits, method, () =>
      this.invokeRef.applySync(undefined, [index, method, args, MAX_VALUES], {
        arguments: { copy: true },
        result: { copy: true },
        timeout,
      }),
    ) as GlueResult;
    return unwrap(r, method);
  }

  dispose(): void {
    if (!this.isolate.isDisposed) this.isolate.dispose();
  }
}

function unwrap(r: GlueResult, what: string): unknown {
  if (typeof r !== 'object' || r === null) {
    throw new RunnerError({
      verdict: 'runtime_error',
      message: `the env sandbox returned a malformed result from ${what}()`,
    });
  }
  if (r.status === 'ok') return r.value;
  if (r.status === 'invalid') throw new RunnerError({ verdict: 'runtime_error', message: String(r.message) });
  const err = new EnvThrewError(String(r.error?.message));
  err.name = String(r.error?.name);
  if (what === 'createEnv') {
    throw new RunnerError({
      verdict: 'runtime_error',
      message: `${r.phase}() threw ${err.name}: ${err.message}`,
    });
  }
  throw err;
}

/** Runs an isolate operation, turning a timeout or an exhausted heap into a verdict naming the method. */
function guard<T>(isolate: ivm.Isolate, limits: SandboxLimits, what: string, run: () => T): T {
  try {
    return run();
  } catch (e) {
    if (e instanceof RunnerError || e instanceof EnvThrewError) throw e;
    const message = e instanceof Error ? e.message : String(e);
    if (isolate.isDisposed || /memory limit/i.test(message)) {
      if (!isolate.isDisposed) isolate.dispose();
      throw new RunnerError({
        verdict: 'memory_limit',
        message: `the env exceeded its memory limit of ${limits.isolateMemoryMb} MiB in ${what === 'load' ? 'its top-level code' : `${what}()`}`,
      });
    }
    if (/timed out/i.test(message)) {
      const budget =
        what === 'step' || what === 'render' || what === 'close'
          ? limits.callTimeoutMs
          : limits.initTimeoutMs;
      throw new RunnerError({
        verdict: 'time_limit',
        message: `${what === 'load' ? "the module's top-level code" : `${what}()`} ran longer than its time limit (${budget} ms per call)`,
      });
    }
    throw new RunnerError({
      verdict: what === 'load' ? 'invalid_artifact' : 'runtime_error',
      message: `${what === 'load' ? 'the module failed to load' : `sandbox failure in ${what}()`}: ${message}`,
    });
  }
}
