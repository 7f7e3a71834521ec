import type { CriticManifest } from './artifact/critic-manifest';
import type { PreparedModule } from './artifact/js-module';
import type { CustomEnvOpen } from './custom-env/env-runtime';
import type { EnvCall } from './custom-env/protocol';
import type { SandboxLimits } from './limits';
import type { SandboxFaultReason } from './sandbox-fault';
import type { PolicySpec } from './spec';
import type { FailureReport } from './verdict';

/** A tfjs LayersModel in memory, as handed to `tf.io.fromMemory`. */
export interface TfjsModelParts {
  /** `model.json`'s `modelTopology`. */
  modelTopology: unknown;
  /** Every weight spec of the manifest, in order. */
  weightSpecs: { name: string; shape: number[]; dtype: string }[];
  /** The shards concatenated, in manifest order. */
  weightData: Uint8Array;
}

/** What the child is asked to open (one per child). */
export type OpenRequest =
  | { kind: 'js-agent'; module: PreparedModule; instances: number; spec: PolicySpec; limits: SandboxLimits }
  | { kind: 'checks'; module: PreparedModule; limits: SandboxLimits; maxValues: number }
  | {
      kind: 'onnx';
      bytes: Uint8Array;
      inputName: string;
      outputName: string;
      spec: PolicySpec;
      manifest: CriticManifest;
    }
  | { kind: 'tfjs-layers'; model: TfjsModelParts; spec: PolicySpec; manifest: CriticManifest }
  | CustomEnvOpen;

/** Parent → child. */
export type Request =
  | { id: number; op: 'open'; open: OpenRequest }
  | { id: number; op: 'act'; obs: Float32Array; n: number }
  | { id: number; op: 'reset'; indices: number[] }
  | { id: number; op: 'call'; calls: CheckCall[] }
  | { id: number; op: 'env'; call: EnvCall };

/** One call of a homework function. */
export interface CheckCall {
  /** The exported function's name. */
  name: string;
  /** Arguments (numbers, arrays, typed arrays, plain objects); copied into the sandbox. */
  args: unknown[];
}

/** The outcome of one check call. */
export type CheckCallResult =
  | { ok: true; value: unknown; ms: number }
  | { ok: false; failure: FailureReport };

/** What `open` reports about a policy. */
export interface OpenedPolicy {
  /** Numbers per row returned by `act`. */
  width: number;
  /** `action`: rows are actions; `logits`: rows are logits to sample from (the `sample` head). */
  output: 'action' | 'logits';
  /** What runs it, e.g. `isolated-vm`, `onnxruntime-node (cpu)`, `tfjs (wasm)`. */
  runtime: string;
}

/** Child → parent. `console` carries the student's new console output, if any. */
export type Response =
  | { id: number; ok: true; result: unknown; console?: string }
  | { id: number; ok: false; failure: FailureReport; console?: string }
  /** A platform fault (SandboxFaultError): never the student's verdict. */
  | { id: number; ok: false; fault: { reason: SandboxFaultReason; message: string } }
  | { id: number; ok: false; internal: string };
