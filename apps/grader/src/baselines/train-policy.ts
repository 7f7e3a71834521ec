import { fork } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { InvalidPayloadError } from '../grading/payload';
import type { TrainRequest, TrainResponse } from './train-protocol';

const CHILD = fileURLToPath(new URL('./train-child.ts', import.meta.url));
const STDERR_KEEP = 4000;

/** Options of `trainPolicyInChild`. */
export interface TrainChildOptions {
  /** The child is killed after this long (the job is then retried). */
  wallTimeMs: number;
  /** Aborting kills the child (worker shutdown). */
  signal?: AbortSignal;
}

/**
 * Trains a policy in a child process (tsx-run `train-child.ts`) and returns the child's answer as is.
 * A request that can never succeed (unknown env, DQN on a Box action space) is an InvalidPayloadError
 * (the job is dead-lettered at once); a crash, a timeout or an abort is a plain Error (retried).
 */
export async function trainPolicyInChild(
  req: TrainRequest,
  options: TrainChildOptions,
): Promise<Extract<TrainResponse, { ok: true }>> {
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
  const child = fork(CHILD, [], {
    execArgv: ['--import', tsx],
    serialization: 'advanced',
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  });
  let stderr = '';
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => {
    stderr = (stderr + chunk).slice(-STDERR_KEEP);
  });
  const kill = () => child.kill('SIGKILL');
  const timer = setTimeout(kill, options.wallTimeMs);
  options.signal?.addEventListener('abort', kill, { once: true });
  try {
    const answer = await new Promise<TrainResponse | undefined>((resolve, reject) => {
      let got: TrainResponse | undefined;
      child.on('message', (m: TrainResponse) => {
        got = m;
      });
      child.on('error', reject);
      child.on('exit', () => resolve(got));
      child.send(req);
    });
    const what = `training ${req.algorithm} on ${req.envId} for ${req.budgetSteps} steps`;
    if (answer === undefined) {
      const why = options.signal?.aborted
        ? 'it was stopped (worker shutting down)'
        : `the child exited without an answer (wall time ${options.wallTimeMs} ms)`;
      throw new Error(`${what}: ${why}${stderr ? `; stderr: ${stderr.trim()}` : ''}`);
    }
    if (answer.ok) return answer;
    if (answer.kind === 'invalid') throw new InvalidPayloadError(`${what}: ${answer.message}`);
    throw new Error(`${what}: ${answer.message}`);
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', kill);
    if (child.exitCode === null && child.signalCode === null) kill();
  }
}
