import type { PreparedModule } from '../artifact/js-module';
import type { SandboxLimits } from '../limits';
import type { PolicySpec } from '../spec';
import { RunnerError } from '../verdict';
import { JsSandbox } from './js-sandbox';
import type { PolicyRuntime } from './policy-runtime';

/** A js-agent: `instances` module instances (one per parallel episode) in one isolate. */
export function loadJsAgent(
  module: PreparedModule,
  instances: number,
  spec: PolicySpec,
  limits: SandboxLimits,
  onConsole: (text: string) => void,
): PolicyRuntime {
  const sandbox = JsSandbox.create(module, instances, limits, onConsole);
  const width = spec.action.type === 'discrete' ? 1 : spec.action.size;
  const obsSize = spec.observationSize;
  return {
    width,
    output: 'action',
    runtime: 'isolated-vm',
    async act(obs, n) {
      if (n > instances) {
        throw new RangeError(`act: batch of ${n} rows, but the agent was opened with ${instances} instances`);
      }
      return sandbox.actBatch(Float64Array.from(obs), n, obsSize, width);
    },
    reset(indices) {
      for (const i of indices) {
        if (!Number.isInteger(i) || i < 0 || i >= instances) throw new RangeError(`reset: no instance ${i}`);
      }
      sandbox.reset(indices);
    },
    dispose() {
      sandbox.dispose();
    },
  };
}

/** A homework module: one instance, exported functions called one by one with per-call limits. */
export class ChecksRuntime {
  private readonly sandbox: JsSandbox;

  constructor(
    module: PreparedModule,
    limits: SandboxLimits,
    private readonly maxValues: number,
    onConsole: (text: string) => void,
  ) {
    this.sandbox = JsSandbox.create(module, 1, limits, onConsole);
  }

  /** Calls one function; a failure of the student's code comes back as a RunnerError. */
  call(name: string, args: unknown[]): { value: unknown; ms: number } {
    if (!Array.isArray(args))
      throw new RunnerError({ verdict: 'runtime_error', message: 'arguments must be an array' });
    return this.sandbox.call(name, args, this.maxValues);
  }

  dispose(): void {
    this.sandbox.dispose();
  }
}
