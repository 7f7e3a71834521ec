// LTI 1.3 Advantage: the LMS platforms Critic is registered with, Critic's own signing keys, one-use
// login states, and the links between LMS identities/contexts/resource links and Critic's rows.
import { sql } from 'drizzle-orm';
import {
  bigint,
  check,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import { assignments } from './assignments';
import { courses, users } from './people';

/** A JSON Web Key as stored (public or private members of an RSA key). */
export type StoredJwk = Record<string, unknown>;

/**
 * An LMS (issuer + client id) Critic is registered with: by Dynamic Registration or entered by an
 * instructor. Several platforms, and several clients of one issuer, live side by side.
 */
export const ltiPlatforms = pgTable(
  'lti_platforms',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Shown to staff (e.g. "Moodle of Uni X"). */
    name: text('name').notNull(),
    issuer: text('issuer').notNull(),
    clientId: text('client_id').notNull(),
    /** OIDC authorization endpoint the login initiation redirects to. */
    authLoginUrl: text('auth_login_url').notNull(),
    /** OAuth2 token endpoint (client credentials for AGS/NRPS). */
    authTokenUrl: text('auth_token_url').notNull(),
    /** The platform's JWKS (verifies its id_tokens). */
    keysetUrl: text('keyset_url').notNull(),
    /** `aud` of the client-credentials assertion when the platform names one; else the token URL. */
    tokenAudience: text('token_audience'),
    /** The course whose instructor registered the platform; its first instructor launch links there. */
    courseId: uuid('course_id').references(() => courses.id, { onDelete: 'set null' }),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique('lti_platforms_issuer_client_unique').on(t.issuer, t.clientId)],
);

/** Deployment ids a platform may launch with; a launch naming another is refused. */
export const ltiDeployments = pgTable(
  'lti_deployments',
  {
    platformId: uuid('platform_id')
      .notNull()
      .references(() => ltiPlatforms.id, { onDelete: 'cascade' }),
    deploymentId: text('deployment_id').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ name: 'lti_deployments_pk', columns: [t.platformId, t.deploymentId] })],
);

/**
 * Critic's RSA signing keys (deep-linking responses, client-credentials assertions). The newest key
 * without `retired_at` signs; the JWKS serves it and the most recently retired one, so a platform that
 * cached the old set still verifies during a rotation.
 */
export const ltiKeys = pgTable('lti_keys', {
  kid: text('kid').primaryKey(),
  publicJwk: jsonb('public_jwk').$type<StoredJwk>().notNull(),
  privateJwk: jsonb('private_jwk').$type<StoredJwk>().notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  retiredAt: timestamp('retired_at', { withTimezone: true }),
});

/**
 * One OIDC login initiation: its state and nonce, used once by the launch that follows (a second use is
 * a replay), and only before `expires_at`.
 */
export const ltiLogins = pgTable(
  'lti_logins',
  {
    state: text('state').primaryKey(),
    nonce: text('nonce').notNull().unique('lti_logins_nonce_unique'),
    platformId: uuid('platform_id')
      .notNull()
      .references(() => ltiPlatforms.id, { onDelete: 'cascade' }),
    targetLinkUri: text('target_link_uri').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
  },
  (t) => [index('lti_logins_expires_idx').on(t.expiresAt)],
);

/** A person of an LMS (issuer + subject) and the Critic user they sign in as. */
export const ltiIdentities = pgTable(
  'lti_identities',
  {
    issuer: text('issuer').notNull(),
    subject: text('subject').notNull(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: 'lti_identities_pk', columns: [t.issuer, t.subject] }),
    index('lti_identities_user_idx').on(t.userId),
  ],
);

/** An LMS course (context) and the Critic course it is; with its NRPS and AGS service URLs. */
export const ltiContexts = pgTable(
  'lti_contexts',
  {
    platformId: uuid('platform_id')
      .notNull()
      .references(() => ltiPlatforms.id, { onDelete: 'cascade' }),
    contextId: text('context_id').notNull(),
    courseId: uuid('course_id')
      .notNull()
      .references(() => courses.id, { onDelete: 'cascade' }),
    title: text('title'),
    /** NRPS context memberships URL (roster sync), from the last launch. */
    membershipsUrl: text('memberships_url'),
    /** AGS line items container URL, from the last launch. */
    lineItemsUrl: text('line_items_url'),
    /** AGS scopes the platform granted, from the last launch. */
    agsScopes: jsonb('ags_scopes').$type<string[]>().notNull().default([]),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: 'lti_contexts_pk', columns: [t.platformId, t.contextId] }),
    index('lti_contexts_course_idx').on(t.courseId),
  ],
);

/** An LMS resource link (a placement on a course page) and the Critic assignment it opens. */
export const ltiResourceLinks = pgTable(
  'lti_resource_links',
  {
    platformId: uuid('platform_id')
      .notNull()
      .references(() => ltiPlatforms.id, { onDelete: 'cascade' }),
    resourceLinkId: text('resource_link_id').notNull(),
    contextId: text('context_id').notNull(),
    assignmentId: uuid('assignment_id')
      .notNull()
      .references(() => assignments.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ name: 'lti_resource_links_pk', columns: [t.platformId, t.resourceLinkId] })],
);

/**
 * An AGS line item (a gradebook column) of one assignment in one LMS context. Agent grades map the
 * private-board score linearly from `grade_zero_at` (0) to `grade_full_at` (full marks), clamped; with
 * no thresholds they follow the private rank. Checks grades are points / max points.
 */
export const ltiLineItems = pgTable(
  'lti_line_items',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    platformId: uuid('platform_id')
      .notNull()
      .references(() => ltiPlatforms.id, { onDelete: 'cascade' }),
    contextId: text('context_id').notNull(),
    assignmentId: uuid('assignment_id')
      .notNull()
      .references(() => assignments.id, { onDelete: 'cascade' }),
    url: text('url').notNull(),
    scoreMaximum: doublePrecision('score_maximum').notNull().default(100),
    gradeZeroAt: doublePrecision('grade_zero_at'),
    gradeFullAt: doublePrecision('grade_full_at'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('lti_line_items_context_assignment_unique').on(t.platformId, t.contextId, t.assignmentId),
    unique('lti_line_items_url_unique').on(t.url),
    index('lti_line_items_assignment_idx').on(t.assignmentId),
    check('lti_line_items_score_maximum_positive', sql`${t.scoreMaximum} > 0`),
    check(
      'lti_line_items_thresholds_distinct',
      sql`${t.gradeZeroAt} is null or ${t.gradeFullAt} is null or ${t.gradeZeroAt} <> ${t.gradeFullAt}`,
    ),
  ],
);

/**
 * Grades to post to the LMS (AGS scores): written in the transaction that changed the score, sent by
 * the web process with retries and backoff. A newer value for the same line item and user supersedes
 * an unsent older one; rows are kept (what was sent and when).
 */
export const ltiGradeOutbox = pgTable(
  'lti_grade_outbox',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    lineItemId: uuid('line_item_id')
      .notNull()
      .references(() => ltiLineItems.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** The LMS user id (`sub`) the score is for. */
    subject: text('subject').notNull(),
    scoreGiven: doublePrecision('score_given').notNull(),
    scoreMaximum: doublePrecision('score_maximum').notNull(),
    /** The submission the score comes from. */
    submissionId: uuid('submission_id'),
    /** `pending` → `sent`; `superseded` when a newer score replaced it unsent. */
    status: text('status').notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
    lastError: text('last_error'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
  },
  (t) => [
    index('lti_grade_outbox_due_idx').on(t.status, t.nextAttemptAt),
    index('lti_grade_outbox_line_user_idx').on(t.lineItemId, t.userId),
    check('lti_grade_outbox_status', sql`${t.status} in ('pending', 'sent', 'superseded')`),
  ],
);
