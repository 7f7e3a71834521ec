// Child process of `trainPolicyInChild`: trains one policy with @critic/core and sends back its zip.
// Training is synchronous TensorFlow.js work; in its own process it leaves the worker's event loop
// (job lease heartbeats, other jobs) alone, and a crash or runaway run cannot take the worker down.
import {
  createAlgorithm,
  EVALUATION_DEFAULTS,
  evaluationSeed,
  MemoryLogger,
  presetFor,
  selectBackend,
  trainWithEvaluation,
  WEIGHTS_FILE,
} from '@critic/core';
import { isPythonEnvId, makeVec, SyncVectorEnv, type VectorEnv } from '@critic/envs';
import {
  CUSTOM_PYTHON_ENV_LIMITS,
  envFault,
  isRunnerError,
  openPythonVectorEnvSync,
  openSandboxedEnvSync,
  type PythonSyncVectorEnv,
} from '@critic/runner';
import { strToU8, zipSync } from 'fflate';
import type { CurvePoint, TrainRequest, TrainResponse } from './train-protocol';

/** Most curve points sent back (the stored learning curve's limit). */
const MAX_CURVE_POINTS = 2000;

function downsample(points: CurvePoint[]): CurvePoint[] {
  if (points.length <= MAX_CURVE_POINTS) return points;
  const stride = points.length / MAX_CURVE_POINTS;
  return Array.from({ length: MAX_CURVE_POINTS }, (_, i) => points[Math.floor(i * stride)]!);
}

/**
 * The training envs: `makeVec` for a registered TS env; a Python-backed env (MuJoCo, Atari) steps in a
 * sandboxed Gymnasium child over a synchronous channel, and so does a group's Python env.py (with the
 * limits it is graded under); for a JS/TS custom env, `numEnvs` sandboxed instances (one isolate in
 * this child) in a SyncVectorEnv.
 */
async function openTrainingEnv(req: TrainRequest, numEnvs: number): Promise<TrainingEnv> {
  const custom = req.customEnv;
  if (custom === undefined && isPythonEnvId(req.envId))
    return python(
      await openPythonVectorEnvSync(req.envId, numEnvs, req.envOptions ? { options: req.envOptions } : {}),
    );
  if (custom === undefined) return closedAtOnce(makeVec(req.envId, numEnvs));
  if (custom.language === 'python') {
    return python(
      await openPythonVectorEnvSync(req.envId, numEnvs, {
        files: custom.files,
        custom: { maxEpisodeSteps: custom.maxEpisodeSteps },
        limits: CUSTOM_PYTHON_ENV_LIMITS,
      }),
    );
  }
  const envs = openSandboxedEnvSync(custom.module, {
    instances: numEnvs,
    maxEpisodeSteps: custom.maxEpisodeSteps,
    envId: req.envId,
  });
  return closedAtOnce(new SyncVectorEnv((i) => envs[i]!, numEnvs));
}

/** The envs training steps, and how to close them (a Python child is waited for, so no folder outlives this process). */
interface TrainingEnv {
  vec: VectorEnv;
  close(): Promise<void>;
}

const closedAtOnce = (vec: VectorEnv): TrainingEnv => ({ vec, close: async () => vec.close() });
const python = (vec: PythonSyncVectorEnv): TrainingEnv => ({ vec, close: () => vec.closeAndWait() });

async function train(req: TrainRequest): Promise<TrainResponse> {
  const backend = await selectBackend({ prefer: ['wasm', 'cpu'] });
  // A custom env id has no preset of its own, so presetFor gives DEFAULT_PRESETS (tuned on CartPole-v1).
  const preset = presetFor(req.algorithm, req.envId);
  const env = await openTrainingEnv(req, preset.numEnvs);
  try {
    return await trainOn(env.vec, req, preset, backend);
  } finally {
    await env.close();
  }
}

/** Trains on `env` for the request's budget and answers with the exported policy and the curve. */
async function trainOn(
  env: VectorEnv,
  req: TrainRequest,
  preset: ReturnType<typeof presetFor>,
  backend: string,
): Promise<TrainResponse> {
  const logger = new MemoryLogger();
  const agent = createAlgorithm(req.algorithm, env, preset.config, {
    seed: req.seed,
    logger,
    envId: req.envId,
  });
  try {
    if (req.customEnv === undefined && !isPythonEnvId(req.envId)) {
      // As `critic train`: evaluate during training and export the best evaluated policy, so a
      // baseline that solved the env stays solved if the last updates lose it. (Not for Python-backed
      // envs: there every evaluation episode is a pipe round trip per step — 20 episodes of up to 1,000
      // steps every 5,000 training steps would cost several times the training — so their baselines
      // export the last policy of a budget the assignment sets.)
      const evalEnv = makeVec(req.envId, EVALUATION_DEFAULTS.numEnvs);
      try {
        trainWithEvaluation(agent, req.budgetSteps, {
          evalEnv,
          evalEvery: EVALUATION_DEFAULTS.every,
          evalEpisodes: EVALUATION_DEFAULTS.episodes,
          evalSeed: evaluationSeed(req.seed),
        });
      } finally {
        evalEnv.close();
      }
    } else agent.learn(req.budgetSteps);
    const artifacts = await agent.exportPolicy();
    const zip = zipSync({
      'model.json': strToU8(JSON.stringify(artifacts.modelJson)),
      [WEIGHTS_FILE]: new Uint8Array(artifacts.weightData),
      'critic.json': strToU8(JSON.stringify(artifacts.manifest)),
    });
    const curve = logger.records.flatMap((r) => {
      const ret = r.metrics['charts/episodic_return'];
      return ret === undefined ? [] : [{ step: r.step, return: ret }];
    });
    return { ok: true, zip, curve: downsample(curve), backend };
  } finally {
    agent.dispose();
  }
}

const isRequestError = (e: unknown) =>
  e instanceof Error && (e.name === 'ConfigError' || e.name === 'EnvError' || e instanceof RangeError);

/** A failure of the custom env's own code (thrown, too slow, out of memory), said so and naming the env. */
const envFailure = (req: TrainRequest, e: unknown): TrainResponse | undefined =>
  req.customEnv !== undefined && isRunnerError(e)
    ? { ok: false, kind: 'invalid', message: (envFault(req.envId, e) as Error).message }
    : undefined;

process.once('message', (req: TrainRequest) => {
  train(req)
    .catch(
      (e: unknown): TrainResponse =>
        envFailure(req, e) ?? {
          ok: false,
          kind: isRequestError(e) ? 'invalid' : 'crash',
          message: e instanceof Error ? e.message : String(e),
        },
    )
    .then((res) => process.send?.(res, () => process.exit(0)));
});
