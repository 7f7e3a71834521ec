import fs from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { EmbeddedPostgresServer } from '@critic/db/client';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A superuser connection string; each test file creates its own database on it. */
    adminUrl: string;
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

/** One Postgres for the run: DATABASE_URL's, or an embedded server in a temporary directory. */
export default async function setup(project: TestProject) {
  const url = process.env.DATABASE_URL;
  if (url !== undefined && url !== '') {
    project.provide('adminUrl', url);
    return;
  }
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'critic-grader-test-'));
  await fs.chmod(dir, 0o755);
  const server = new EmbeddedPostgresServer({
    dataDir: path.join(dir, 'pg'),
    port: await freePort(),
    password: 'test',
  });
  await server.start();
  project.provide('adminUrl', server.url());
  return async () => {
    await server.stop();
    await fs.rm(dir, { recursive: true, force: true });
  };
}
