/**
 * Entry of the sandbox child process (a side-effect module: it listens on the IPC channel).
 * It holds the isolates and the model runtimes, so that an out-of-memory or a crash in student code
 * or in a malformed model ends this process, never the grader.
 */

import { CustomEnvRuntime } from '../custom-env/env-runtime';
import type { CheckCallResult, OpenRequest, Request, Response } from '../protocol';
import { SandboxFaultError } from '../sandbox-fault';
import { RunnerError } from '../verdict';
import { checkActions } from './action-check';
import { ChecksRuntime, loadJsAgent } from './js-agent-runtime';
import type { PolicyRuntime } from './policy-runtime';

const send = process.send?.bind(process);
if (!send) throw new Error('the runner child must be started with an IPC channel');

let policy: { runtime: PolicyRuntime; open: OpenRequest } | undefined;
let checks: ChecksRuntime | undefined;
let customEnv: CustomEnvRuntime | undefined;
let pendingConsole = '';
const onConsole = (text: string) => {
  pendingConsole += text;
};

function takeConsole(): { console?: string } {
  if (!pendingConsole) return {};
  const c = pendingConsole;
  pendingConsole = '';
  return { console: c };
}

async function open(req: OpenRequest): Promise<unknown> {
  if (policy || checks || customEnv) throw new Error('this child already holds a submission');
  switch (req.kind) {
    case 'js-agent': {
      const runtime = loadJsAgent(req.module, req.instances, req.spec, req.limits, onConsole);
      policy = { runtime, open: req };
      return { width: runtime.width, output: runtime.output, runtime: runtime.runtime };
    }
    case 'checks':
      checks = new ChecksRuntime(req.module, req.limits, req.maxValues, onConsole);
      return { exports: req.module.exports };
    case 'onnx': {
      const { loadOnnxPolicy } = await import('./onnx-runtime');
      const runtime = await loadOnnxPolicy(req.bytes, req.inputName, req.outputName, req.spec, req.manifest);
      policy = { runtime, open: req };
      return { width: runtime.width, output: runtime.output, runtime: runtime.runtime };
    }
    case 'tfjs-layers': {
      const { loadTfjsPolicy } = await import('./tfjs-runtime');
      const runtime = await loadTfjsPolicy(req.model, req.spec, req.manifest);
      policy = { runtime, open: req };
      return { width: runtime.width, output: runtime.output, runtime: runtime.runtime };
    }
    case 'custom-env':
      customEnv = new CustomEnvRuntime(req);
      return null;
  }
}

async function act(obs: Float32Array, n: number): Promise<Float32Array | Float64Array> {
  if (!policy) throw new Error('act before open');
  const { runtime, open: req } = policy;
  const spec = 'spec' in req ? req.spec : undefined;
  if (!spec) throw new Error('act on a checks module');
  if (obs.length !== n * spec.observationSize) {
    throw new RangeError(`act: ${obs.length} observation values for ${n} rows of ${spec.observationSize}`);
  }
  const out = await runtime.act(obs, n);
  if (runtime.output === 'logits') {
    for (let i = 0; i < out.length; i++) {
      if (!Number.isFinite(out[i]!)) {
        const row = Math.floor(i / runtime.width);
        throw new RunnerError({
          verdict: 'invalid_action',
          message: `episode ${row}: the model's logit ${i % runtime.width} is ${out[i]}; logits must be finite`,
        });
      }
    }
  } else {
    checkActions(out, n, spec, req.kind !== 'js-agent');
  }
  return out;
}

function call(calls: { name: string; args: unknown[] }[]): CheckCallResult[] {
  if (!checks) throw new Error('call before open');
  const results: CheckCallResult[] = [];
  for (const c of calls) {
    try {
      const r = checks.call(c.name, c.args);
      results.push({ ok: true, value: r.value, ms: r.ms });
    } catch (e) {
      if (!(e instanceof RunnerError)) throw e;
      results.push({ ok: false, failure: e.toReport() });
      // After a memory or CPU-budget failure the isolate is gone: the remaining calls cannot run.
      if (e.verdict === 'memory_limit' || /total CPU budget/.test(e.message)) break;
    }
  }
  return results;
}

async function handle(msg: Request): Promise<unknown> {
  switch (msg.op) {
    case 'open':
      return open(msg.open);
    case 'act':
      return act(msg.obs, msg.n);
    case 'reset':
      if (!policy) throw new Error('reset before open');
      policy.runtime.reset(msg.indices);
      return null;
    case 'call':
      return call(msg.calls);
    case 'env':
      if (!customEnv) throw new Error('env call before open');
      return customEnv.handle(msg.call);
  }
}

// One request at a time: the parent waits for each answer before sending the next.
let queue: Promise<void> = Promise.resolve();
process.on('message', (msg: Request) => {
  queue = queue.then(async () => {
    let response: Response;
    try {
      const result = await handle(msg);
      response = { id: msg.id, ok: true, result, ...takeConsole() };
    } catch (e) {
      if (e instanceof RunnerError)
        response = { id: msg.id, ok: false, failure: e.toReport(), ...takeConsole() };
      else if (e instanceof SandboxFaultError)
        response = { id: msg.id, ok: false, fault: { reason: e.reason, message: e.message } };
      else response = { id: msg.id, ok: false, internal: e instanceof Error ? e.message : String(e) };
    }
    send(response);
  });
});
process.on('disconnect', () => {
  policy?.runtime.dispose();
  checks?.dispose();
  customEnv?.dispose();
  process.exit(0);
});
send({ id: 0, ok: true, result: 'ready' } satisfies Response);
