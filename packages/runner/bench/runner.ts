/**
 * Sandbox benchmark: child start-up, per-`act` overhead (single and batched, over IPC and inside the
 * isolate alone), and ONNX / tfjs batched forward time of a 64×64 MLP at batch 100.
 * Writes bench/results/runner.json at the repository root.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { prepareModule } from '../src/artifact/js-module';
import { JsSandbox } from '../src/child/js-sandbox';
import { DEFAULT_SANDBOX_LIMITS, openPolicy, type PolicyArtifact, type PolicySpec } from '../src/index';
import { lcg, makeMlp } from '../test/fixtures/mlp';

const OUT = fileURLToPath(new URL('../../../bench/results/runner.json', import.meta.url));
const spec: PolicySpec = { envId: 'CartPole-v1', observationSize: 4, action: { type: 'discrete', n: 2 } };
const controller = 'export function act(obs: number[]): number { return obs[2] + 0.5 * obs[3] > 0 ? 1 : 0; }';
const limits = { totalCpuMs: 600_000, wallTimeMs: 600_000 };

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function observations(n: number, seed: number): Float32Array {
  const r = lcg(seed);
  return Float32Array.from({ length: n * 4 }, () => r() * 0.2);
}

/** Median time of one actBatch(n) call over `calls` calls (after a warm-up), in microseconds. */
async function timeActBatch(
  artifact: PolicyArtifact,
  n: number,
  calls: number,
): Promise<{ perCallUs: number; startupMs: number; loadMs: number; runtime: string }> {
  const policy = await openPolicy(artifact, spec, { batchSize: n, limits });
  try {
    const obs = observations(n, 1);
    for (let i = 0; i < Math.min(50, calls); i++) await policy.actBatch(obs, n);
    const samples: number[] = [];
    for (let rep = 0; rep < 5; rep++) {
      const t0 = performance.now();
      for (let i = 0; i < calls; i++) await policy.actBatch(obs, n);
      samples.push(((performance.now() - t0) * 1000) / calls);
    }
    return { perCallUs: median(samples), ...policy.timings, runtime: policy.runtime };
  } finally {
    await policy.close();
  }
}

async function main(): Promise<void> {
  const js: PolicyArtifact = { format: 'js-agent', source: controller, filename: 'agent.ts' };

  const startups: number[] = [];
  for (let i = 0; i < 5; i++) {
    const p = await openPolicy(js, spec, { batchSize: 1, limits });
    startups.push(p.timings.startupMs);
    await p.close();
  }

  const single = await timeActBatch(js, 1, 1000);
  const batched = await timeActBatch(js, 100, 200);

  // The isolate alone (no IPC): what one act costs inside the sandbox.
  const module = await prepareModule(controller, {
    filename: 'agent.ts',
    requiredExports: ['act'],
    maxSourceBytes: 1e6,
  });
  const sandbox = JsSandbox.create(module, 100, { ...DEFAULT_SANDBOX_LIMITS, ...limits }, () => {});
  const obs100 = Float64Array.from(observations(100, 2));
  for (let i = 0; i < 50; i++) sandbox.actBatch(obs100, 100, 4, 1);
  const t0 = performance.now();
  for (let i = 0; i < 500; i++) sandbox.actBatch(obs100, 100, 4, 1);
  const isolatePerActUs = ((performance.now() - t0) * 1000) / (500 * 100);
  const t1 = performance.now();
  for (let i = 0; i < 2000; i++) sandbox.actBatch(obs100, 1, 4, 1);
  const isolateSingleUs = ((performance.now() - t1) * 1000) / 2000;
  sandbox.dispose();

  const mlp = await makeMlp([4, 64, 64, 2], 5);
  const onnx = await timeActBatch({ format: 'onnx', model: mlp.onnx }, 100, 500);
  const tfjs = await timeActBatch({ format: 'tfjs-layers', files: mlp.tfjsFiles }, 100, 300);

  const result = {
    machine: {
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model ?? 'unknown',
      node: process.version,
      loadNote: 'shared machine; re-run on a quiet one',
    },
    childStartupMs: { median: median(startups), runs: startups.map((x) => Math.round(x)) },
    jsAgent: {
      singleActRoundTripUs: single.perCallUs,
      batched100RoundTripUs: batched.perCallUs,
      batchedPerActUs: batched.perCallUs / 100,
      isolateOnlyPerActUs: isolatePerActUs,
      isolateOnlySingleCallUs: isolateSingleUs,
      loadMs: single.loadMs,
    },
    mlp64x64Batch100: {
      onnxForwardUs: onnx.perCallUs,
      onnxLoadMs: onnx.loadMs,
      tfjsForwardUs: tfjs.perCallUs,
      tfjsLoadMs: tfjs.loadMs,
      tfjsBackend: tfjs.runtime,
      note: 'one actBatch round trip: IPC + forward + argmax, 100 observations of CartPole size',
    },
    date: new Date().toISOString(),
  };
  mkdirSync(dirname(OUT), { recursive: true });
  writeFileSync(OUT, `${JSON.stringify(result, null, 2)}\n`);
  process.stdout.write(`${JSON.stringify(result, null, 2)}\nwritten to ${OUT}\n`);
}

await main();
