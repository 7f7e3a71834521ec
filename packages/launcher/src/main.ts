// `npm start`: one machine, everything — the database (embedded PostgreSQL under .data/ unless
// DATABASE_URL is set), the web app (`next start`, built first when missing or stale) and a grader
// worker, with the demo course seeded through the web API. Ctrl-C stops them all.
import path from 'node:path';
import { openDatabase } from '@critic/db/client';
import { readDbEnv, repoRoot } from '@critic/db/env';
import { box, readyLines } from './banner';
import { DEMO_ACCOUNTS } from './demo/demo-course';
import { demoPassword } from './demo/demo-password';
import { seedDemoCourse } from './demo/seed-demo';
import { type LaunchedChild, launchChild } from './processes/child';
import { webBuildStatus } from './processes/web-build';
import { waitForHealth } from './wait-health';

const say = (line: string) => process.stdout.write(`[start] ${line}\n`);
const STOP_GRACE_MS = 10_000;

function npmChild(name: string, args: string[], env: NodeJS.ProcessEnv): LaunchedChild {
  return launchChild({
    name,
    command: process.platform === 'win32' ? 'npm.cmd' : 'npm',
    args,
    cwd: repoRoot,
    env,
    onLine: (line) => process.stdout.write(`[${name}] ${line}\n`),
  });
}

async function main(): Promise<number> {
  const port = Number(process.env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new Error(`PORT must be an integer in 1..65535, found ${JSON.stringify(process.env.PORT)}`);
  }
  const origin = process.env.CRITIC_WEB_ORIGIN ?? `http://localhost:${port}`;
  const dbEnv = readDbEnv();
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
        resolve(130);
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
    const webDir = path.join(repoRoot, 'apps', 'web');
    const build = webBuildStatus(webDir, [
      path.join(webDir, 'src'),
      path.join(webDir, 'next.config.ts'),
      path.join(webDir, 'package.json'),
      path.join(repoRoot, 'packages'),
    ]);
    if (build.stale) {
      say(`building the web app: ${build.reason}`);
      const builder = npmChild('build', ['run', 'build', '-w', '@critic/web'], env);
      children.push(builder);
      const end = await Promise.race([builder.exited, interrupted.then(() => undefined)]);
      children.splice(children.indexOf(builder), 1);
      if (end === undefined) return 130;
      if (end.code !== 0)
        throw new Error(`next build failed (exit ${end.code ?? end.signal}); see the [build] lines above`);
    }
    const web = npmChild('web', ['run', 'start', '-w', '@critic/web', '--', '--port', String(port)], env);
    const grader = npmChild('grader', ['run', 'start', '-w', '@critic/grader', '--', 'work'], env);
    children.push(web, grader);
    const died = Promise.race(children.map((c) => c.exited.then((e) => ({ child: c.name, ...e }))));
    const webDown = new AbortController();
    void Promise.race([died, interrupted]).then(() => webDown.abort(new Error('stopped while waiting')));
    try {
      await waitForHealth(`http://127.0.0.1:${port}/api/health`, {
        timeoutMs: 180_000,
        signal: webDown.signal,
      });
    } catch (e) {
      if (signalled) return 130;
      if (!webDown.signal.aborted) throw e;
      const end = await died;
      throw new Error(
        `${end.child} exited (${end.code ?? end.signal}) before the site answered; see its lines above`,
      );
    }
    const password = demoPassword(path.join(dbEnv.dataDir, 'demo-password'));
    if (process.env.CRITIC_SEED_DEMO !== 'false') {
      const seeded = await seedDemoCourse(
        { baseUrl: `http://127.0.0.1:${port}`, origin, fetch: (input, init) => fetch(input, init) },
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
