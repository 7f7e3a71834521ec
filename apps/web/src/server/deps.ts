import type { Database } from '@critic/db';
import type { BlobStore } from '@critic/db/blob';
import type { WebConfig } from '../env';
import type { NotificationSource } from './events/status-hub';
import type { Mailer } from './mail/mailer';

/** Structured log sink of the API; the app never prints. */
export interface WebLogger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

/** A logger that drops everything (tests). */
export const silentWebLogger: WebLogger = { info() {}, warn() {}, error() {} };

/** Everything the API works with, injected so tests pass their own database, blob store and clock. */
export interface ApiDeps {
  db: Database;
  blobs: BlobStore;
  config: WebConfig;
  logger: WebLogger;
  /** PostgreSQL LISTEN (the postgres.js pool of `db`): live status streams hear changes through it. */
  notifications: NotificationSource;
  /** Where mail goes (verification links); see mail/mailer.ts. */
  mailer: Mailer;
  /** The current time; tests move it to cross deadlines and rate-limit windows. */
  now: () => Date;
}
