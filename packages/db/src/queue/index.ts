// `@critic/db/queue`: the Postgres job queue (FOR UPDATE SKIP LOCKED) and a polling worker loop.
export * from './dead-letter';
export * from './jobs';
export * from './worker';
