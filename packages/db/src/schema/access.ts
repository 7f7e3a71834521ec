import { index, integer, jsonb, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { cascadeRef, createdAt, identityKey, setNullRef, sha256Check, timestamptz, uuidKey } from './columns';
import { courses, users } from './people';

/** API tokens for the CLI: only the sha256 of the token is stored; `prefix` identifies it in lists. */
export const apiTokens = pgTable(
  'api_tokens',
  {
    id: uuidKey(),
    userId: cascadeRef('user_id', () => users.id),
    name: text('name').notNull(),
    prefix: text('prefix').notNull(),
    tokenHash: text('token_hash').notNull().unique('api_tokens_hash_unique'),
    createdAt: createdAt(),
    lastUsedAt: timestamptz('last_used_at'),
    expiresAt: timestamptz('expires_at'),
    revokedAt: timestamptz('revoked_at'),
  },
  (t) => [index('api_tokens_user_idx').on(t.userId), sha256Check('api_tokens_hash_hex', t.tokenHash)],
);

/** Browser sessions (httpOnly cookie holds the token); only its sha256 is stored. */
export const sessions = pgTable(
  'sessions',
  {
    tokenHash: text('token_hash').primaryKey(),
    userId: cascadeRef('user_id', () => users.id),
    createdAt: createdAt(),
    expiresAt: timestamptz('expires_at').notNull(),
  },
  (t) => [index('sessions_user_idx').on(t.userId), sha256Check('sessions_hash_hex', t.tokenHash)],
);

/** A pending proof of an email address: the hash of the token of a link sent to it (single use). */
export const emailVerifications = pgTable(
  'email_verifications',
  {
    tokenHash: text('token_hash').primaryKey(),
    userId: cascadeRef('user_id', () => users.id),
    /** The address the link was sent to (the account's email then; a changed email needs a new link). */
    email: text('email').notNull(),
    /**
     * The credentials of the sign-up that sent this link (password hash, name): they become the account's
     * when the link is opened, so a password is only ever set by whoever reads the address's mail.
     */
    passwordHash: text('password_hash'),
    name: text('name'),
    createdAt: createdAt(),
    expiresAt: timestamptz('expires_at').notNull(),
  },
  (t) => [
    index('email_verifications_user_idx').on(t.userId),
    sha256Check('email_verifications_hash_hex', t.tokenHash),
  ],
);

/** Append-only record of staff actions (rejudge, release board, change dates, roster import…). */
export const auditLog = pgTable(
  'audit_log',
  {
    id: identityKey(),
    courseId: uuid('course_id').references(() => courses.id, { onDelete: 'cascade' }),
    actorId: setNullRef('actor_id', () => users.id),
    action: text('action').notNull(),
    entityType: text('entity_type').notNull(),
    entityId: text('entity_id').notNull(),
    details: jsonb('details').$type<Record<string, unknown>>().notNull().default({}),
    createdAt: createdAt(),
  },
  (t) => [index('audit_log_course_time_idx').on(t.courseId, t.createdAt)],
);

/**
 * Fixed-window rate-limit counters shared by every web instance (sign-in, upload): one row per key and
 * window; old windows are deleted by the same statement that counts, so the table stays small.
 */
export const rateLimitHits = pgTable(
  'rate_limit_hits',
  {
    key: text('key').notNull(),
    windowStart: timestamptz('window_start').notNull(),
    hits: integer('hits').notNull().default(0),
  },
  (t) => [primaryKey({ name: 'rate_limit_hits_pk', columns: [t.key, t.windowStart] })],
);
