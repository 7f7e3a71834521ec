import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/client';
import { readDbEnv } from '../src/env';
import { createUser, getUserByEmail } from '../src/queries/people';
import { freePort } from '../src/testing';

// Always exercises the embedded server, whatever DATABASE_URL says: start, migrate, write, stop, restart, read.
describe('embedded PostgreSQL', () => {
  let dir = '';
  afterAll(async () => {
    if (dir) await fs.rm(dir, { recursive: true, force: true });
  });

  it('starts under the data dir, migrates, and keeps data across a stop and restart', async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'critic-embedded-'));
    await fs.chmod(dir, 0o755);
    const port = await freePort();
    const env = readDbEnv({ CRITIC_DATA_DIR: dir, CRITIC_EMBEDDED_PG_PORT: String(port) });
    expect(env.databaseUrl).toBeUndefined();

    const first = await openDatabase({ env });
    expect(first.embedded?.owned).toBe(true);
    expect(first.url).toContain(`127.0.0.1:${port}/`);
    await createUser(first.db, { email: 'kept@uni.test', name: 'Kept' });
    const [{ version }] =
      (await first.sql`select current_setting('server_version') as version`) as unknown as [
        { version: string },
      ];
    expect(Number.parseInt(version, 10)).toBeGreaterThanOrEqual(15);
    await first.close();
    await expect(fs.access(path.join(dir, 'postgres', 'postmaster.pid'))).rejects.toThrow();

    const second = await openDatabase({ env });
    expect((await getUserByEmail(second.db, 'kept@uni.test'))?.name).toBe('Kept');
    // A second process on the same data dir reuses the running server instead of failing.
    const third = await openDatabase({ env });
    expect(third.embedded?.owned).toBe(false);
    expect((await getUserByEmail(third.db, 'KEPT@uni.test'))?.name).toBe('Kept');
    await third.close();
    expect((await getUserByEmail(second.db, 'kept@uni.test'))?.name).toBe('Kept');
    await second.close();
  });

  it('refuses port 5432 and a bad DATABASE_URL with a message naming the variable', () => {
    expect(() => readDbEnv({ CRITIC_EMBEDDED_PG_PORT: '5432' })).toThrow(
      /CRITIC_EMBEDDED_PG_PORT: must not be 5432/,
    );
    expect(() => readDbEnv({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL/);
    expect(() => readDbEnv({ S3_BUCKET: 'artifacts', S3_ACCESS_KEY_ID: 'k' })).toThrow(
      /S3_SECRET_ACCESS_KEY/,
    );
  });
});
