import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { FsBlobStore } from '@critic/db/blob';
import { createTestDatabase } from '@critic/db/testing';
import type postgres from 'postgres';
import { afterAll, beforeAll, inject } from 'vitest';
import { readWebConfig } from '~/env';
import { createApi } from '~/server/app';
import { type ApiDeps, silentWebLogger } from '~/server/deps';
import { logMailer, type Mail } from '~/server/mail/mailer';

/** The site origin tests send as `Origin` on cookie-authenticated writes. */
export const TEST_ORIGIN = 'http://critic.test';

/** A fresh database, blob directory and API app for one test file, with a movable clock. */
export interface ApiHarness {
  app: ReturnType<typeof createApi>;
  deps: ApiDeps;
  sql: postgres.Sql;
  /** Every mail the API sent, oldest first (the log mailer also keeps each address's latest link). */
  outbox: Mail[];
  /** Moves the API's clock (deadlines, rate-limit windows). */
  setNow(at: Date): void;
  close(): Promise<void>;
}

/** Creates the harness; `env` overrides configuration variables (rate limits, sizes). */
export async function createApiHarness(env: Record<string, string> = {}): Promise<ApiHarness> {
  const database = await createTestDatabase(inject('adminUrl'), { label: 'web' });
  const { sql } = database;
  const blobDir = await fs.mkdtemp(path.join(os.tmpdir(), 'critic-web-blobs-'));
  let now: Date | undefined;
  const outbox: Mail[] = [];
  const log = logMailer(silentWebLogger);
  const deps: ApiDeps = {
    db: database.db,
    notifications: sql,
    blobs: new FsBlobStore(blobDir),
    // A cheap scrypt cost (2^12 instead of 2^17) keeps sign-ups in tests fast; hashes still verify by their own cost.
    // Caches off unless a test turns them on: most tests change the database directly and read at once.
    config: readWebConfig({
      CRITIC_WEB_ORIGIN: TEST_ORIGIN,
      CRITIC_PASSWORD_SCRYPT_LOG_N: '12',
      CRITIC_BOARD_CACHE_MS: '0',
      CRITIC_AUTH_CACHE_MS: '0',
      ...env,
    }),
    logger: silentWebLogger,
    // The log mailer remembers each address's latest link: tests follow it as a user would.
    mailer: {
      async send(mail) {
        outbox.push(mail);
        await log.send(mail);
      },
      lastLinkTo: log.lastLinkTo,
    },
    now: () => now ?? new Date(),
  };
  return {
    app: createApi(deps),
    deps,
    sql,
    outbox,
    setNow(at) {
      now = at;
    },
    async close() {
      await database.drop();
      await fs.rm(blobDir, { recursive: true, force: true });
    },
  };
}

/**
 * Registers hooks that create a harness (with `env` overrides) before the file's tests and close it
 * after them; the returned harness forwards to that one, so it is read inside tests and hooks only.
 */
export function apiHarnessPerFile(env: Record<string, string> = {}): ApiHarness {
  let current: ApiHarness | undefined;
  beforeAll(async () => {
    current = await createApiHarness(env);
  });
  afterAll(async () => {
    await current?.close();
  });
  const open = (): ApiHarness => {
    if (current === undefined)
      throw new Error('the harness is created in beforeAll: read it inside tests and hooks');
    return current;
  };
  return {
    get app() {
      return open().app;
    },
    get deps() {
      return open().deps;
    },
    get sql() {
      return open().sql;
    },
    get outbox() {
      return open().outbox;
    },
    setNow: (at) => open().setNow(at),
    close: () => open().close(),
  };
}
