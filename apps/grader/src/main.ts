// Entry of the grader: `tsx src/main.ts work` (pull from the queue) or `tsx src/main.ts serve` (HTTP push mode).
import os from 'node:os';
import { BASELINE_QUEUE } from '@critic/db';
import { createBlobStore } from '@critic/db/blob';
import { openDatabase } from '@critic/db/client';
import { loadPythonRuntime, pythonRuntimeVersions, requireBwrap } from '@critic/runner';
import { serve } from '@hono/node-server';
import { runBaselineJob } from './baselines/run-baseline-job';
import { readGraderEnv } from './env';
import type { GraderDeps } from './grading/grade-submission';
import { createGraderApp } from './http/app';
import { jsonLinesLogger } from './logger';
import { GraderMetrics } from './metrics/grader-metrics';
import { GRADER_VERSION } from './version';
import { runWorkLoop } from './worker/work-loop';

const USAGE = 'usage: critic-grader <work | serve>';

async function main(mode: string | undefined): Promise<void> {
  if (mode !== 'work' && mode !== 'serve') throw new Error(`${USAGE} (got ${mode ?? 'nothing'})`);
  const env = readGraderEnv();
  const logger = jsonLinesLogger((line) => process.stderr.write(line));
  const handle = await openDatabase({ logger: { ...logger, debug: () => {} } });
  const deps: GraderDeps = {
    db: handle.db,
    blobs: createBlobStore(),
    logger,
    graderVersion: env.version ?? GRADER_VERSION,
  };
  // Python submissions need the pinned runtime and bubblewrap; without them they fail (and are
  // retried) with the same message, so say it once at start-up too.
  try {
    requireBwrap();
    logger.info('python sandbox ready', { runtime: pythonRuntimeVersions(loadPythonRuntime()) });
  } catch (e) {
    logger.warn(`Python submissions cannot be graded here: ${(e as Error).message}`);
  }
  const metrics = new GraderMetrics();
  const workerId = `${os.hostname()}:${process.pid}`;
  const stop = new AbortController();
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      logger.info('shutting down', { signal, graceMs: env.shutdownGraceMs });
      stop.abort();
    });
  }
  const app = createGraderApp({
    grader: deps,
    metrics,
    queue: env.queue,
    // In work mode the listener only reports: pushes are refused.
    secret: mode === 'serve' ? env.secret : undefined,
    leaseMs: env.leaseMs,
    workerId,
  });
  const port = mode === 'serve' ? env.port : env.metricsPort;
  const server = port === undefined ? undefined : serve({ fetch: app.fetch, port, hostname: env.host });
  if (server)
    logger.info('grader HTTP listener started', { port, push: mode === 'serve' && env.secret !== undefined });
  if (mode === 'work') {
    logger.info('grader worker started', { workerId, queue: env.queue, concurrency: env.concurrency });
    const loop = {
      workerId,
      leaseMs: env.leaseMs,
      pollMs: env.pollMs,
      stop: stop.signal,
      graceMs: env.shutdownGraceMs,
    };
    const [handled, baselines] = await Promise.all([
      runWorkLoop(deps, { ...loop, queue: env.queue, concurrency: env.concurrency, metrics }),
      env.baselineSlots === 0
        ? 0
        : runWorkLoop(deps, {
            ...loop,
            queue: BASELINE_QUEUE,
            concurrency: env.baselineSlots,
            handle: runBaselineJob,
          }),
    ]);
    logger.info('grader worker stopped', { handled, baselines });
  } else {
    await new Promise<void>((resolve) =>
      stop.signal.addEventListener('abort', () => resolve(), { once: true }),
    );
  }
  if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  await handle.close();
}

main(process.argv[2]).then(
  () => process.exit(0),
  (e: unknown) => {
    process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exit(1);
  },
);
