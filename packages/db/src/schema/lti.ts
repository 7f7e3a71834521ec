// LTI 1.3 Advantage: the LMS platforms Critic is registered with, Critic's own signing keys, one-use
// login states, and the links between LMS identities/contexts/resource links and Critic's rows.
import { sql } from 'drizzle-orm';
import {
  check,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import { assignments } from './assignments';
import { cascadeRef, createdAt, identityKey, setNullRef, timestamptz, uuidKey } from './columns';
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
    id: uuidKey(),
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
    courseId: setNullRef('course_id', () => courses.id),
    createdBy: setNullRef('created_by', () => users.id),
    createdAt: createdAt(),
  },
  (t) => [unique('lti_platforms_issuer_client_unique').on(t.issuer, t.clientId)],
);

/** Deployment ids a platform may launch with; a launch naming another is refused. */
export const ltiDeployments = pgTable(
  'lti_deployments',
  {
    platformId: cascadeRef('platform_id', () => ltiPlatforms.id),
    deploymentId: text('deployment_id').notNull(),
    createdAt: createdAt(),
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
  createdAt: createdAt(),
  retiredAt: timestamptz('retired_at'),
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
    platformId: cascadeRef('platform_id', () => ltiPlatforms.id),
    targetLinkUri: text('target_link_uri').notNull(),
    expiresAt: timestamptz('expires_at').notNull(),
    usedAt: timestamptz('used_at'),
  },
  (t) => [index('lti_logins_expires_idx').on(t.expiresAt)],
);

/** A person of an LMS (issuer + subject) and the Critic user they sign in as. */
export const ltiIdentities = pgTable(
  'lti_identities',
  {
    issuer: text('issuer').notNull(),
    subject: text('subject').notNull(),
    userId: cascadeRef('user_id', () => users.id),
    createdAt: createdAt(),
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
    platformId: cascadeRef('platform_id', () => ltiPlatforms.id),
    contextId: text('context_id').notNull(),
    courseId: cascadeRef('course_id', () => courses.id),
    title: text('title'),
    /** NRPS context memberships URL (roster sync), from the last launch. */
    membershipsUrl: text('memberships_url'),
    /** AGS line items container URL, from the last launch. */
    lineItemsUrl: text('line_items_url'),
    /** AGS scopes the platform granted, from the last launch. */
    agsScopes: jsonb('ags_scopes').$type<string[]>().notNull().default([]),
    createdAt: createdAt(),
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
    platformId: cascadeRef('platform_id', () => ltiPlatforms.id),
    resourceLinkId: text('resource_link_id').notNull(),
    contextId: text('context_id').notNull(),
    assignmentId: cascadeRef('assignment_id', () => assignments.id),
    createdAt: createdAt(),
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
    id: uuidKey(),
    platformId: cascadeRef('platform_id', () => ltiPlatforms.id),
    contextId: text('context_id').notNull(),
    assignmentId: cascadeRef('assignment_id', () => assignments.id),
    url: text('url').notNull(),
    scoreMaximum: doublePrecision('score_maximum').notNull().default(100),
    gradeZeroAt: doublePrecision('grade_zero_at'),
    gradeFullAt: doublePrecision('grade_full_at'),
    createdAt: createdAt(),
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
    id: identityKey(),
    lineItemId: cascadeRef('line_item_id', () => ltiLineItems.id),
    userId: cascadeRef('user_id', () => users.id),
    /** The LMS user id (`sub`) the score is for. */
    subject: text('subject').notNull(),
    scoreGiven: doublePrecision('score_given').notNull(),
    scoreMaximum: doublePrecision('score_maximum').notNull(),
    /** The submission the score comes from. */
    submissionId: uuid('submission_id'),
    /** `pending` → `sent`; `superseded` when a newer score replaced it unsent. */
    status: text('status').notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamptz('next_attempt_at').notNull().defaultNow(),
    lastError: text('last_error'),
    createdAt: createdAt(),
    sentAt: timestamptz('sent_at'),
  },
  (t) => [
    index('lti_grade_outbox_due_idx').on(t.status, t.nextAttemptAt),
    index('lti_grade_outbox_line_user_idx').on(t.lineItemId, t.userId),
    check('lti_grade_outbox_status', sql`${t.status} in ('pending', 'sent', 'superseded')`),
  ],
);
