// `npm run migrate -w @critic/db`: applies the committed migrations to DATABASE_URL (or the embedded server).
import { startEmbeddedFromEnv } from '../client';
import { readDbEnv } from '../env';
import { runMigrations } from '../migrate';

const log = (message: string, fields?: Record<string, unknown>) =>
  process.stderr.write(`${message}${fields ? ` ${JSON.stringify(fields)}` : ''}\n`);
const logger = { debug: () => {}, info: log, warn: log, error: log };

try {
  const env = readDbEnv();
  const embedded = env.databaseUrl === undefined ? await startEmbeddedFromEnv(env, logger) : undefined;
  try {
    await runMigrations(env.databaseUrl ?? embedded!.url(), logger);
  } finally {
    await embedded?.stop();
  }
} catch (err) {
  const cause = (err as { cause?: { message?: string } }).cause?.message;
  log(
    `migration failed: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}${cause ? ` (${cause})` : ''}`,
  );
  process.exitCode = 1;
}
