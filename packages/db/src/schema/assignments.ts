import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  bigint,
  check,
  doublePrecision,
  integer,
  jsonb,
  pgTable,
  text,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import { cascadeRef, createdAt, setNullRef, timestamptz, uuidKey } from './columns';
import { assignmentKind, leaderboardVisibility, scoreDirection } from './enums';
import { courses, users } from './people';
import { customEnvs } from './projects';

/** One homework check as configured by the instructor: its name, cases to run and points. */
export interface CheckSpec {
  /** Name of the function the student exports (e.g. `computeGae`). */
  name: string;
  /** Number of randomized cases to run. */
  cases: number;
  /** How many of those cases show input/expected/got to the student. */
  visibleCases: number;
  /** Points for passing every case; partial credit is pro rata. */
  points: number;
}

/** An assignment: an agent competition or a homework of checks, with its limits and deadlines. */
export const assignments = pgTable(
  'assignments',
  {
    id: uuidKey(),
    courseId: cascadeRef('course_id', () => courses.id),
    slug: text('slug').notNull(),
    title: text('title').notNull(),
    /** What the assignment asks for, shown as plain text on its page (at most 20,000 characters). */
    description: text('description').notNull().default(''),
    kind: assignmentKind('kind').notNull(),
    /** Registered env id (e.g. `CartPole-v1`); required for agent assignments. */
    envId: text('env_id'),
    /** The custom environment graded in, when `envId` names one (`custom/…`). */
    customEnvId: uuid('custom_env_id').references((): AnyPgColumn => customEnvs.id, { onDelete: 'restrict' }),
    /**
     * Options of a Python-backed env (`@critic/envs` PythonEnvOptions): `{ atariPreprocessing: true }`
     * grades an Atari game through AtariPreprocessing + FrameStackObservation(4). `{}` otherwise.
     */
    envOptions: jsonb('env_options').$type<{ atariPreprocessing?: boolean }>().notNull().default({}),
    /** Whether a higher or a lower score ranks first. */
    scoreDirection: scoreDirection('score_direction').notNull().default('maximize'),
    /** Episodes with published seeds. */
    publicEpisodes: integer('public_episodes').notNull().default(0),
    /** Episodes with seeds derived from `seedSalt` (HMAC); they decide the ranking. */
    privateEpisodes: integer('private_episodes').notNull().default(0),
    /** Secret per-assignment salt for private seeds; never sent to students. */
    seedSalt: text('seed_salt')
      .notNull()
      // Two v4 UUIDs from Postgres' strong RNG: 244 random bits, no pgcrypto extension needed.
      .default(sql`replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', '')`),
    /** Checks to run (checks assignments only). */
    checks: jsonb('checks').$type<CheckSpec[]>().notNull().default([]),
    maxArtifactBytes: bigint('max_artifact_bytes', { mode: 'number' }).notNull().default(50_000_000),
    maxDailySubmissions: integer('max_daily_submissions').notNull().default(5),
    wallTimeMs: integer('wall_time_ms').notNull().default(600_000),
    actTimeMs: integer('act_time_ms').notNull().default(50),
    memoryMb: integer('memory_mb').notNull().default(512),
    opensAt: timestamptz('opens_at').notNull(),
    dueAt: timestamptz('due_at').notNull(),
    /** Last moment a late submission is accepted; null means no late submissions. */
    lateUntil: timestamptz('late_until'),
    /** Fraction in [0,1] taken off a late submission: score − penalty·|score| (works for negative returns). */
    latePenalty: doublePrecision('late_penalty').notNull().default(0),
    leaderboardVisibility: leaderboardVisibility('leaderboard_visibility').notNull().default('public'),
    /** When the private board was released to students; null while it is not. */
    privateReleasedAt: timestamptz('private_released_at'),
    createdBy: setNullRef('created_by', () => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    unique('assignments_course_slug_unique').on(t.courseId, t.slug),
    check('assignments_agent_has_env', sql`${t.kind} <> 'agent' or ${t.envId} is not null`),
    check('assignments_episodes_nonneg', sql`${t.publicEpisodes} >= 0 and ${t.privateEpisodes} >= 0`),
    check(
      'assignments_limits_positive',
      sql`${t.maxArtifactBytes} > 0 and ${t.maxDailySubmissions} > 0 and ${t.wallTimeMs} > 0 and ${t.actTimeMs} > 0 and ${t.memoryMb} > 0`,
    ),
    check(
      'assignments_dates_ordered',
      sql`${t.opensAt} <= ${t.dueAt} and (${t.lateUntil} is null or ${t.lateUntil} >= ${t.dueAt})`,
    ),
    check('assignments_description_length', sql`char_length(${t.description}) <= 20000`),
    check('assignments_late_penalty_range', sql`${t.latePenalty} >= 0 and ${t.latePenalty} <= 1`),
  ],
);
