import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  ALGORITHM_NAMES,
  type AlgorithmName,
  type AnyAlgorithmConfig,
  createAlgorithm,
  EVALUATION_DEFAULTS,
  evaluationSeed,
  presetFor,
  selectBackend,
  trainWithEvaluation,
} from '@critic/core';
import { envSpec, makeVec } from '@critic/envs';
import { parseCommandArgs } from '../command-args';
import { type CliIO, UsageError } from '../io';
import { JsonlLogger } from './jsonl-logger';
import { trainingProgress } from './progress';
import { movingAverage, renderLinePlot } from './svg-plot';
import { writePolicyFiles } from './write-policy';

const HELP = `Usage: critic train <algorithm> [options]

Trains ${ALGORITHM_NAMES.join(' | ')} on a registered env and writes, into --out:
  metrics.jsonl (one JSON object per logged step), learning-curve.svg,
  model.json + weights.bin (TensorFlow.js LayersModel) and critic.json (the submission manifest).

Options:
  --env <id>         registered env id (default CartPole-v1)
  --steps <n>        env steps to train, summed over sub-envs (default 100000)
  --seed <n>         seed of weights, sampling and envs (default 1)
  --out <dir>        output folder (default runs/<algorithm>-<env>-seed<seed>)
  --num-envs <n>     parallel sub-envs (default: the algorithm's preset for the env)
  --config <json>    algorithm config overrides, e.g. '{"learningRate":3e-4}'
  --backend <name>   TensorFlow.js backend to prefer: wasm or cpu (default wasm)
  --eval-every <n>   evaluate the greedy policy every n env steps on separate seeds and export
                     the best checkpoint (default ${EVALUATION_DEFAULTS.every}; 0: export the last policy)
  --eval-episodes <n>  episodes per evaluation (default ${EVALUATION_DEFAULTS.episodes})
  -h, --help         show this help
`;

const OPTIONS = {
  env: { type: 'string', default: 'CartPole-v1' },
  steps: { type: 'string', default: '100000' },
  seed: { type: 'string', default: '1' },
  out: { type: 'string' },
  'num-envs': { type: 'string' },
  config: { type: 'string' },
  backend: { type: 'string', default: 'wasm' },
  'eval-every': { type: 'string', default: String(EVALUATION_DEFAULTS.every) },
  'eval-episodes': { type: 'string', default: String(EVALUATION_DEFAULTS.episodes) },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

function integer(flag: string, text: string, min: number): number {
  const n = Number(text);
  if (!/^\d+$/.test(text.trim()) || !Number.isSafeInteger(n) || n < min) {
    throw new UsageError(`train: --${flag} must be an integer ≥ ${min}, found ${JSON.stringify(text)}`);
  }
  return n;
}

function configOf(text: string | undefined): AnyAlgorithmConfig {
  if (text === undefined) return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`train: --config must be a JSON object: ${(error as Error).message}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new UsageError(`train: --config must be a JSON object, found ${text}`);
  }
  return value as AnyAlgorithmConfig;
}

/** `critic train <algorithm> …`: trains, then writes metrics, the learning curve and the exported policy. */
export async function trainCommand(args: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseCommandArgs('train', args, OPTIONS);
  if (values.help) {
    io.stdout(HELP);
    return 0;
  }
  if (positionals.length !== 1) {
    throw new UsageError(
      `train: expected one algorithm (${ALGORITHM_NAMES.join(', ')}), found ${positionals.length === 0 ? 'none' : positionals.join(' ')}`,
    );
  }
  const algorithm = positionals[0]!;
  if (!ALGORITHM_NAMES.includes(algorithm as AlgorithmName)) {
    throw new UsageError(
      `train: unknown algorithm ${JSON.stringify(algorithm)}; expected one of ${ALGORITHM_NAMES.join(', ')}`,
    );
  }
  const spec = envSpec(values.env);
  const steps = integer('steps', values.steps, 1);
  const seed = integer('seed', values.seed, 0);
  const preset = presetFor(algorithm as AlgorithmName, spec.id);
  const numEnvs =
    values['num-envs'] === undefined ? preset.numEnvs : integer('num-envs', values['num-envs'], 1);
  const config = { ...preset.config, ...configOf(values.config) } as AnyAlgorithmConfig;
  if (values.backend !== 'wasm' && values.backend !== 'cpu') {
    throw new UsageError(`train: --backend must be wasm or cpu, found ${JSON.stringify(values.backend)}`);
  }
  const evalEvery = integer('eval-every', values['eval-every'], 0);
  const evalEpisodes = integer('eval-episodes', values['eval-episodes'], 1);
  const out = values.out ?? join('runs', `${algorithm}-${spec.id}-seed${seed}`);

  const backend = await selectBackend({ prefer: [values.backend, 'cpu'] });
  const env = makeVec(spec.id, numEnvs);
  mkdirSync(out, { recursive: true });
  const logger = new JsonlLogger(join(out, 'metrics.jsonl'));
  let agent: ReturnType<typeof createAlgorithm> | undefined;
  try {
    agent = createAlgorithm(algorithm, env, config, { seed, logger, envId: spec.id });
    io.stderr(
      `critic train: ${algorithm} on ${spec.id}, ${numEnvs} envs, ${steps} steps, seed ${seed}, backend ${backend}\n`,
    );
    const bar = trainingProgress(steps, io.stderr, io.isTTY);
    const trained = agent;
    const onProgress = ({ step }: { step: number }) => {
      const recent = logger.returns.slice(-20);
      const note = recent.length
        ? `return ${(recent.reduce((a, r) => a + r.value, 0) / recent.length).toFixed(1)}`
        : '';
      bar.update(step, note);
      return undefined;
    };
    let kept = '';
    if (evalEvery === 0) trained.learn(steps, onProgress);
    else {
      const evalEnv = makeVec(spec.id, EVALUATION_DEFAULTS.numEnvs);
      try {
        const outcome = trainWithEvaluation(trained, steps, {
          evalEnv,
          evalEvery,
          evalEpisodes,
          evalSeed: evaluationSeed(seed),
          onProgress,
          onEvaluation: (e) =>
            logger.log(e.step, { 'eval/mean_return': e.meanReturn, 'eval/std_return': e.stdReturn }),
        });
        const b = outcome.best;
        kept = `exported the best evaluated policy: step ${b.step}, mean return ${b.meanReturn.toFixed(1)} over ${evalEpisodes} episodes${outcome.restoredBest ? ` (the last one scored ${outcome.last.meanReturn.toFixed(1)})` : ''}\n`;
      } finally {
        evalEnv.close();
      }
    }
    bar.finish();
    io.stderr(kept);
    const points = logger.returns.map((r) => ({ x: r.step, y: r.value }));
    const svg = renderLinePlot({
      title: `${algorithm.toUpperCase()} on ${spec.id} (seed ${seed})`,
      xLabel: 'env steps',
      yLabel: 'episodic return',
      points,
      smooth: movingAverage(points, 20),
      ...(spec.rewardThreshold !== undefined
        ? { reference: { y: spec.rewardThreshold, label: `threshold ${spec.rewardThreshold}` } }
        : {}),
    });
    writeFileSync(join(out, 'learning-curve.svg'), svg);
    const files = writePolicyFiles(out, await trained.exportPolicy());
    io.stdout(`wrote ${out}: metrics.jsonl, learning-curve.svg, ${files.join(', ')}\n`);
    return 0;
  } finally {
    logger.close();
    agent?.dispose();
    env.close();
  }
}
