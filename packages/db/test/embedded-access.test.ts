import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/client';
import { embeddedAccessProblem, firstClosedFolder, postgresAccount } from '../src/embedded-access';
import { readDbEnv } from '../src/env';
import { freePort } from '../src/testing';

// A root `npm start` runs the embedded server as the `postgres` account: a checkout or data folder that
// account cannot enter (mode 0700, as /root or `mktemp -d`) must stop at once with what to do.
const stranger = { uid: 54_321, gid: 54_321 };

describe('embedded PostgreSQL folder access', () => {
  const made: string[] = [];
  afterAll(async () => {
    for (const dir of made) await fs.rm(dir, { recursive: true, force: true });
  });
  const tempDir = async (mode: number) => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'critic-access-'));
    await fs.chmod(dir, mode);
    made.push(dir);
    return dir;
  };

  it('names the first folder another account cannot enter, and passes open ones', async () => {
    const closed = await tempDir(0o700);
    const inner = path.join(closed, 'checkout', 'node_modules');
    await fs.mkdir(inner, { recursive: true });
    expect(firstClosedFolder(inner, stranger)).toEqual({
      dir: closed,
      mode: 0o700,
      ownerUid: process.getuid?.() ?? 0,
    });
    // Its owner may enter it; so may its group when the group bit is set.
    const owner = { uid: process.getuid?.() ?? 0, gid: 99_999 };
    expect(firstClosedFolder(inner, owner)).toBeUndefined();
    const open = await tempDir(0o755);
    expect(firstClosedFolder(path.join(open, 'not-yet', 'made'), stranger)).toBeUndefined();
    expect(firstClosedFolder(path.join(open, 'x'), undefined)).toBeUndefined();

    const message = embeddedAccessProblem({ binaries: open, dataDir: path.join(closed, 'data') }, stranger);
    expect(message).toContain(`cannot enter ${closed} (mode 0700`);
    expect(message).toContain('data folder');
    expect(message).toMatch(/DATABASE_URL/);
    expect(embeddedAccessProblem({ binaries: open, dataDir: path.join(open, 'data') }, stranger)).toBe(
      undefined,
    );
  });

  it('reads the postgres account from a passwd file, undefined when absent', async () => {
    const dir = await tempDir(0o755);
    const passwd = path.join(dir, 'passwd');
    await fs.writeFile(
      passwd,
      'root:x:0:0:root:/root:/bin/sh\npostgres:x:101:104::/var/lib/postgresql:/bin/sh\n',
    );
    expect(postgresAccount(passwd)).toEqual({ uid: 101, gid: 104 });
    await fs.writeFile(passwd, 'root:x:0:0:root:/root:/bin/sh\n');
    expect(postgresAccount(passwd)).toBeUndefined();
  });

  it('a data folder inside a mode-0700 folder: root stops at once with the reason; others start', async () => {
    const closed = await tempDir(0o700);
    const env = readDbEnv({
      CRITIC_DATA_DIR: path.join(closed, '.data'),
      CRITIC_EMBEDDED_PG_PORT: String(await freePort()),
    });
    if (process.getuid?.() === 0) {
      await expect(openDatabase({ env })).rejects.toThrow(
        new RegExp(`"postgres" account, which cannot enter ${closed} \\(mode 0700`),
      );
      await expect(fs.readdir(closed)).resolves.toEqual([]);
    } else {
      // An ordinary user runs the server as itself: its own 0700 folder is no obstacle.
      const handle = await openDatabase({ env });
      expect(handle.embedded?.owned).toBe(true);
      await handle.close();
    }
  });
});
