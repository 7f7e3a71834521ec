import * as tf from '@tensorflow/tfjs';
import { CoreArgumentError } from './returns/errors';

/** TensorFlow.js backends Critic can run on, fastest first. */
export type BackendName = 'tensorflow' | 'wasm' | 'cpu';

/** One backend candidate tried by {@link selectBackend}. */
export interface BackendAttempt {
  /** Backend name. */
  backend: BackendName;
  /** Package that provides it (`@tensorflow/tfjs-node-gpu`, `@tensorflow/tfjs-node`, …). */
  source: string;
  /** Whether it was selected. */
  ok: boolean;
  /** Why it was not usable, when it was not. */
  reason?: string;
}

/** What {@link selectBackend} reports to its `log` callback. */
export interface BackendReport {
  /** The backend now active. */
  backend: BackendName;
  /** The package that provided it. */
  source: string;
  /** Every candidate tried, in order. */
  attempts: BackendAttempt[];
}

/** Options of {@link selectBackend}. */
export interface SelectBackendOptions {
  /** Candidates in order of preference. Default `['tensorflow', 'wasm', 'cpu']`. */
  prefer?: readonly BackendName[];
  /** Where to fetch the wasm binaries from in a browser (passed to `setWasmPaths`); unused in Node. */
  wasmPaths?: string;
  /** Receives the choice and every attempt (library code never prints). */
  log?: (report: BackendReport) => void;
  /**
   * Silence TensorFlow.js's own console warnings (e.g. its "install tfjs-node" banner in Node) by
   * setting its `PROD` flag, which gates only its warnings and logs. Default true.
   */
  quiet?: boolean;
}

const NATIVE_PACKAGES = ['@tensorflow/tfjs-node-gpu', '@tensorflow/tfjs-node'] as const;

/** Loads a module only if it is installed; the specifier is a variable so bundlers leave it alone. */
async function importOptional(specifier: string): Promise<Record<string, unknown>> {
  return (await import(/* @vite-ignore */ /* webpackIgnore: true */ specifier)) as Record<string, unknown>;
}

function errorText(error: unknown): string {
  return error instanceof Error ? (error.message.split('\n')[0] ?? error.name) : String(error);
}

async function activate(name: string): Promise<boolean> {
  if (tf.findBackendFactory(name) === null) return false;
  const ok = await tf.setBackend(name);
  if (ok) await tf.ready();
  return ok && tf.getBackend() === name;
}

async function tryNative(attempts: BackendAttempt[]): Promise<string | null> {
  for (const source of NATIVE_PACKAGES) {
    try {
      await importOptional(source);
      if (await activate('tensorflow')) {
        attempts.push({ backend: 'tensorflow', source, ok: true });
        return source;
      }
      attempts.push({
        backend: 'tensorflow',
        source,
        ok: false,
        reason: 'loaded but the backend did not start',
      });
    } catch (error) {
      attempts.push({ backend: 'tensorflow', source, ok: false, reason: errorText(error) });
    }
  }
  return null;
}

async function tryWasm(attempts: BackendAttempt[], wasmPaths: string | undefined): Promise<string | null> {
  const source = '@tensorflow/tfjs-backend-wasm';
  try {
    const wasm = await import('@tensorflow/tfjs-backend-wasm');
    if (wasmPaths !== undefined) wasm.setWasmPaths(wasmPaths);
    if (await activate('wasm')) {
      attempts.push({ backend: 'wasm', source, ok: true });
      return source;
    }
    attempts.push({ backend: 'wasm', source, ok: false, reason: 'the wasm backend did not start' });
  } catch (error) {
    attempts.push({ backend: 'wasm', source, ok: false, reason: errorText(error) });
  }
  return null;
}

async function tryCpu(attempts: BackendAttempt[]): Promise<string | null> {
  const source = '@tensorflow/tfjs-backend-cpu';
  try {
    if (await activate('cpu')) {
      attempts.push({ backend: 'cpu', source, ok: true });
      return source;
    }
    attempts.push({ backend: 'cpu', source, ok: false, reason: 'the cpu backend did not start' });
  } catch (error) {
    attempts.push({ backend: 'cpu', source, ok: false, reason: errorText(error) });
  }
  return null;
}

/**
 * Activates the first available TensorFlow.js backend among `prefer` (default: native
 * `tensorflow` from tfjs-node-gpu, then tfjs-node, then `wasm`, then `cpu`) and returns its name.
 * Throws when none of the candidates starts.
 */
export async function selectBackend(options: SelectBackendOptions = {}): Promise<BackendName> {
  const prefer = options.prefer ?? ['tensorflow', 'wasm', 'cpu'];
  if (options.quiet ?? true) tf.env().set('PROD', true);
  const attempts: BackendAttempt[] = [];
  for (const backend of prefer) {
    let source: string | null;
    if (backend === 'tensorflow') source = await tryNative(attempts);
    else if (backend === 'wasm') source = await tryWasm(attempts, options.wasmPaths);
    else if (backend === 'cpu') source = await tryCpu(attempts);
    else
      throw new CoreArgumentError(
        'prefer',
        "backend names 'tensorflow', 'wasm' or 'cpu'",
        JSON.stringify(backend),
      );
    if (source !== null) {
      options.log?.({ backend, source, attempts });
      return backend;
    }
  }
  const tried = attempts.map((a) => `${a.source}: ${a.reason ?? 'failed'}`).join('; ');
  throw new Error(`selectBackend: no TensorFlow.js backend could start (tried ${tried || 'nothing'})`);
}
