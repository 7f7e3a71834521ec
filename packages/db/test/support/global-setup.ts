import fs from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { EmbeddedPostgresServer } from '../../src/embedded';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A superuser connection string; tests create their own databases on it. */
    adminUrl: string;
    /** Which server the suite runs on. */
    serverKind: 'DATABASE_URL' | 'embedded';
  }
}

/** A port the OS just handed out, so parallel runs do not collide. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

export default async function setup(project: TestProject) {
  const url = process.env.DATABASE_URL;
  if (url !== undefined && url !== '') {
    project.provide('adminUrl', url);
    project.provide('serverKind', 'DATABASE_URL');
    return;
  }
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'critic-db-test-'));
  await fs.chmod(dir, 0o755);
  const server = new EmbeddedPostgresServer({
    dataDir: path.join(dir, 'pg'),
    port: await freePort(),
    password: 'test',
  });
  await server.start();
  project.provide('adminUrl', server.url());
  project.provide('serverKind', 'embedded');
  return async () => {
    await server.stop();
    await fs.rm(dir, { recursive: true, force: true });
  };
}
