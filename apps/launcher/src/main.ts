// `npm start`: one machine, everything — the database (embedded PostgreSQL under .data/ unless
// DATABASE_URL is set), the web app (`next start`, built first when missing or stale) and a grader
// worker, with the demo course seeded through the web API. Ctrl-C stops them all (and exits 0: a stop
// asked for is no error for npm to report).
import { createRequire } from 'node:module';
import path from 'node:path';
import { openDatabase } from '@critic/db/client';
import { readDbEnv, repoRoot } from '@critic/db/env';
import { DEMO_ACCOUNTS, seedDemoCourse } from '@critic/demo';
import { box, readyLines } from './banner';
import { demoPassword } from './demo-password';
import { readLaunchSettings } from './env';
import { type LaunchedChild, launchChild } from './processes/child';
import { webBuildStatus } from './processes/web-build';
import { missingSystemPackages, systemPackageWarnings } from './system-packages';
import { waitForHealth } from './wait-health';

const say = (line: string) => process.stdout.write(`[start] ${line}\n`);
const STOP_GRACE_MS = 10_000;

const require = createRequire(import.meta.url);
const webDir = path.join(repoRoot, 'apps', 'web');
const graderDir = path.join(repoRoot, 'apps', 'grader');
/** Exit code of a stop asked for with Ctrl-C or SIGTERM. */
const STOPPED = 0;

/**
 * Runs a Node script directly (no npm in between: npm would print "npm error … signal SIGTERM" when the
 * launcher stops it, and "code 130" after Ctrl-C).
 */
function nodeChild(name: string, script: string, args: string[], cwd: string, env: NodeJS.ProcessEnv) {
  return launchChild({
    name,
    command: process.execPath,
    args: [script, ...args],
    cwd,
    env,
    onLine: (line) => process.stdout.write(`[${name}] ${line}\n`),
  });
}

async function main(): Promise<number> {
  const { port, host, origin, localBase } = readLaunchSettings(process.env);
  const nextBin = require.resolve('next/dist/bin/next', { paths: [webDir] });
  const tsxCli = require.resolve('tsx/cli');
  const dbEnv = readDbEnv();
  for (const line of systemPackageWarnings(missingSystemPackages(process.env.PATH ?? ''))) say(line);
  say(
    dbEnv.databaseUrl
      ? 'using the database at DATABASE_URL'
      : `starting embedded PostgreSQL in ${dbEnv.dataDir}`,
  );
  const handle = await openDatabase({ env: dbEnv });
  const children: LaunchedChild[] = [];
  let stopping = false;
  const stopAll = async () => {
    stopping = true;
    await Promise.all(children.map((c) => c.stop(STOP_GRACE_MS)));
    await handle.close();
  };
  let signalled = false;
  const interrupted = new Promise<number>((resolve) => {
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      process.once(signal, () => {
        signalled = true;
        say(`${signal}: stopping the web app, the grader and the database`);
        resolve(STOPPED);
      });
    }
  });
  try {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      DATABASE_URL: handle.url,
      CRITIC_DATA_DIR: dbEnv.dataDir,
      CRITIC_WEB_ORIGIN: origin,
      PORT: String(port),
      NEXT_TELEMETRY_DISABLED: '1',
      CRITIC_DB_MIGRATE_ON_START: 'false',
      CRITIC_GRADER_SHUTDOWN_GRACE_MS: process.env.CRITIC_GRADER_SHUTDOWN_GRACE_MS ?? '5000',
      ...(dbEnv.s3 ? {} : { CRITIC_BLOB_DIR: dbEnv.blobDir }),
    };
    const build = webBuildStatus(webDir, [
      path.join(webDir, 'src'),
      path.join(webDir, 'next.config.ts'),
      path.join(webDir, 'package.json'),
      path.join(repoRoot, 'packages'),
    ]);
    if (build.stale) {
      say(`building the web app: ${build.reason}`);
      const builder = nodeChild('build', nextBin, ['build'], webDir, { ...env, NODE_ENV: 'production' });
      children.push(builder);
      const end = await Promise.race([builder.exited, interrupted.then(() => undefined)]);
      children.splice(children.indexOf(builder), 1);
      if (end === undefined) return STOPPED;
      if (end.code !== 0)
        throw new Error(`next build failed (exit ${end.code ?? end.signal}); see the [build] lines above`);
    }
    const web = nodeChild('web', nextBin, ['start', '--port', String(port), '--hostname', host], webDir, {
      ...env,
      NODE_ENV: 'production',
    });
    const grader = nodeChild('grader', tsxCli, ['src/main.ts', 'work'], graderDir, env);
    children.push(web, grader);
    const died = Promise.race(children.map((c) => c.exited.then((e) => ({ child: c.name, ...e }))));
    const webDown = new AbortController();
    void Promise.race([died, interrupted]).then(() => webDown.abort(new Error('stopped while waiting')));
    try {
      await waitForHealth(`${localBase}/api/health`, {
        timeoutMs: 180_000,
        signal: webDown.signal,
      });
    } catch (e) {
      if (signalled) return STOPPED;
      if (!webDown.signal.aborted) throw e;
      const end = await died;
      throw new Error(
        `${end.child} exited (${end.code ?? end.signal}) before the site answered; see its lines above`,
      );
    }
    const password = demoPassword(path.join(dbEnv.dataDir, 'demo-password'));
    if (process.env.CRITIC_SEED_DEMO !== 'false') {
      const seeded = await seedDemoCourse(
        { baseUrl: localBase, origin, fetch: (input, init) => fetch(input, init) },
        handle.db,
        { password: password.password },
      );
      say(
        seeded.created.length
          ? `demo course seeded: ${seeded.created.join(', ')}`
          : 'demo course already seeded',
      );
    }
    process.stdout.write(
      `\n${box(
        readyLines({
          url: origin,
          password: password.password,
          accounts: DEMO_ACCOUNTS,
          embeddedDataDir: handle.embedded === undefined ? undefined : dbEnv.dataDir,
        }),
      )}\n\n`,
    );
    const outcome = await Promise.race([interrupted, died]);
    if (typeof outcome === 'number') return outcome;
    if (!stopping) say(`${outcome.child} exited (${outcome.code ?? outcome.signal}); stopping everything`);
    return 1;
  } finally {
    await stopAll();
  }
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    process.stderr.write(`[start] ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  },
);
