// End-to-end run: a fresh database and blob directory, the production Next server and a grader worker.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createTestDatabase, freePort, startTestPostgres } from '@critic/db/testing';
import type { TestProject } from 'vitest/node';
import { runToEnd, startChild, startGrader, waitForHealthy } from './child-process';
import { buildIsStale } from './source-freshness';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Origin of the running site (also its CRITIC_WEB_ORIGIN). */
    baseUrl: string;
    /** Where screenshots and downloads are written. */
    artifactsDir: string;
    /** How the run's grader worker was started: its folder and the settings beyond the inherited environment. */
    grader: { dir: string; env: Record<string, string> };
  }
}

const webDir = fileURLToPath(new URL('../..', import.meta.url));
const graderDir = path.join(webDir, '..', 'grader');
const require = createRequire(import.meta.url);

/** Starts everything; the returned function stops it and drops the database. */
export default async function setup(project: TestProject) {
  const artifactsDir = path.join(webDir, 'e2e', 'artifacts');
  fs.mkdirSync(artifactsDir, { recursive: true });
  // The production build first: it needs no database, and a failed build leaves nothing to clean up.
  const nextBin = require.resolve('next/dist/bin/next');
  if (buildIsStale(webDir)) {
    await runToEnd(process.execPath, [nextBin, 'build'], {
      cwd: webDir,
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1', NODE_ENV: 'production' },
      logFile: path.join(artifactsDir, 'next-build.log'),
    });
  }
  const pg = await startTestPostgres('web-e2e');
  const database = await createTestDatabase(pg.url, { label: 'e2e', poolMax: 1 });
  const dbUrl = new URL(database.url);
  const blobDir = fs.mkdtempSync(path.join(os.tmpdir(), 'critic-e2e-blobs-'));
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: dbUrl.toString(),
    CRITIC_BLOB_DIR: blobDir,
    CRITIC_WEB_ORIGIN: baseUrl,
    NEXT_TELEMETRY_DISABLED: '1',
    NODE_ENV: 'production',
  };
  const web = startChild(
    'next start',
    process.execPath,
    [nextBin, 'start', '-p', String(port), '-H', '127.0.0.1'],
    {
      cwd: webDir,
      env,
      logFile: path.join(artifactsDir, 'next-start.log'),
    },
  );
  // The run's grader grades and checks, and trains no baselines (a walk that needs them starts a worker of its own).
  const graderEnv: Record<string, string> = {
    DATABASE_URL: dbUrl.toString(),
    CRITIC_BLOB_DIR: blobDir,
    CRITIC_WEB_ORIGIN: baseUrl,
    NODE_ENV: 'test',
    CRITIC_GRADER_POLL_MS: '200',
    CRITIC_GRADER_CONCURRENCY: '2',
    CRITIC_GRADER_BASELINE_SLOTS: '0',
    CRITIC_GRADER_SHUTDOWN_GRACE_MS: '2000',
  };
  const grader = startGrader(
    { dir: graderDir, env: graderEnv },
    'grader',
    path.join(artifactsDir, 'grader.log'),
  );
  const stopAll = async () => {
    await Promise.all([web.stop(), grader.stop()]);
    await database.drop();
    fs.rmSync(blobDir, { recursive: true, force: true });
    await pg.stop();
  };
  try {
    await waitForHealthy(`${baseUrl}/api/health`, web, 60_000);
  } catch (err) {
    await stopAll();
    throw err;
  }
  project.provide('baseUrl', baseUrl);
  project.provide('artifactsDir', artifactsDir);
  project.provide('grader', { dir: graderDir, env: graderEnv });
  return stopAll;
}
