import { sql } from 'drizzle-orm';
import { check, index, integer, jsonb, pgTable, text, unique, uuid } from 'drizzle-orm/pg-core';
import { assignments } from './assignments';
import { cascadeRef, createdAt, setNullRef, timestamptz, uuidKey } from './columns';
import { customEnvStatus, projectStatus, scoreDirection } from './enums';
import { courses, teams, users } from './people';

/** What `checkEnv` reported for an uploaded environment, inside the sandbox. */
export interface CustomEnvReport {
  /** Every check run, in order, with its outcome and, on failure, the checker's message. */
  checks: { name: string; passed: boolean; message?: string }[];
  /** The env's spaces as `spaceSpecToJson` writes them (present when construction succeeded). */
  observationSpace?: unknown;
  actionSpace?: unknown;
}

/**
 * A group's (or the instructor's) own environment: a JS/TS module implementing the Env API, stored as a
 * blob, accepted only after `checkEnv` passed inside the sandbox. Graded episodes run it sandboxed.
 */
export const customEnvs = pgTable(
  'custom_envs',
  {
    id: uuidKey(),
    courseId: cascadeRef('course_id', () => courses.id),
    /** The uploading team; null when staff uploaded it. */
    teamId: setNullRef('team_id', () => teams.id),
    /** Id shown to people and stored as the assignment's env id, e.g. `custom/gridworld-v0`. */
    envId: text('env_id').notNull(),
    sourceSha256: text('source_sha256').notNull(),
    /**
     * `js`: the blob is a JS/TS module exporting createEnv (run in the isolate); `python`: the blob is
     * env.py, or a zip of env.py and the asset files it loads (run by Gymnasium in the Python sandbox).
     */
    language: text('language').$type<'js' | 'python'>().notNull().default('js'),
    status: customEnvStatus('status').notNull().default('checking'),
    report: jsonb('report').$type<CustomEnvReport>(),
    /** Episode step limit the env is wrapped in (like a registration's max_episode_steps). */
    maxEpisodeSteps: integer('max_episode_steps'),
    uploadedBy: setNullRef('uploaded_by', () => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    unique('custom_envs_course_env_unique').on(t.courseId, t.envId),
    check('custom_envs_sha256_hex', sql`${t.sourceSha256} ~ '^[0-9a-f]{64}$'`),
    check('custom_envs_env_id_prefix', sql`${t.envId} ~ '^custom/[A-Za-z0-9_.-]{1,64}$'`),
  ],
);

/**
 * A team's final project: its title, environment (registered or custom) and metric direction. Approval
 * by the instructor creates the agent assignment the team submits to (`assignment_id`).
 */
export const projects = pgTable(
  'projects',
  {
    id: uuidKey(),
    courseId: cascadeRef('course_id', () => courses.id),
    teamId: cascadeRef('team_id', () => teams.id),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    /** A registered env id (`CartPole-v1`) or a custom env's id (`custom/…`). */
    envId: text('env_id').notNull(),
    customEnvId: uuid('custom_env_id').references(() => customEnvs.id, { onDelete: 'restrict' }),
    direction: scoreDirection('direction').notNull().default('maximize'),
    status: projectStatus('status').notNull().default('pending'),
    /** Instructor's note on approval or rejection. */
    reviewNote: text('review_note'),
    reviewedBy: setNullRef('reviewed_by', () => users.id),
    reviewedAt: timestamptz('reviewed_at'),
    /** The agent assignment created on approval. */
    assignmentId: uuid('assignment_id')
      .unique('projects_assignment_unique')
      .references(() => assignments.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [
    unique('projects_one_per_team').on(t.teamId),
    index('projects_course_idx').on(t.courseId, t.status),
    check(
      'projects_approved_has_assignment',
      sql`${t.status} <> 'approved' or ${t.assignmentId} is not null`,
    ),
  ],
);
