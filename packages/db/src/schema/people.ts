import { sql } from 'drizzle-orm';
import {
  check,
  foreignKey,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import { cascadeRef, createdAt, timestamptz, uuidKey } from './columns';
import { courseRole } from './enums';

/** A person; `email` is stored lower-cased so that look-ups are exact. */
export const users = pgTable(
  'users',
  {
    id: uuidKey(),
    email: text('email').notNull().unique('users_email_unique'),
    name: text('name').notNull(),
    /** Password hash written by the auth layer (slow KDF); null for token-only or SSO users. */
    passwordHash: text('password_hash'),
    /**
     * When the owner proved they read mail at `email` (a link sent to it); null until then. Roster
     * seats (invitations by email) are granted only to a verified address.
     */
    emailVerifiedAt: timestamptz('email_verified_at'),
    createdAt: createdAt(),
  },
  (t) => [
    check('users_email_lower', sql`${t.email} = lower(${t.email}) and position('@' in ${t.email}) > 1`),
  ],
);

/** A course offering; `timezone` (IANA) decides where a "day" of the daily submission limit starts. */
export const courses = pgTable(
  'courses',
  {
    id: uuidKey(),
    slug: text('slug').notNull().unique('courses_slug_unique'),
    title: text('title').notNull(),
    timezone: text('timezone').notNull().default('UTC'),
    /** Code students type to join the course (10 upper-case hex digits from Postgres' RNG). */
    joinCode: text('join_code')
      .notNull()
      .unique('courses_join_code_unique')
      .default(sql`upper(substr(replace(gen_random_uuid()::text, '-', ''), 1, 10))`),
    /** Largest team allowed in this course. */
    maxTeamSize: integer('max_team_size').notNull().default(5),
    createdAt: createdAt(),
  },
  (t) => [check('courses_team_size_range', sql`${t.maxTeamSize} between 1 and 50`)],
);

/** Membership of a user in a course with one role. */
export const enrollments = pgTable(
  'enrollments',
  {
    courseId: cascadeRef('course_id', () => courses.id),
    userId: cascadeRef('user_id', () => users.id),
    role: courseRole('role').notNull(),
    /** The institution's id of the person (student number), from the roster; exported with grades. */
    externalId: text('external_id'),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ name: 'enrollments_pk', columns: [t.courseId, t.userId] }),
    index('enrollments_user_idx').on(t.userId),
  ],
);

/** A team within a course; names are unique per course. */
export const teams = pgTable(
  'teams',
  {
    id: uuidKey(),
    courseId: cascadeRef('course_id', () => courses.id),
    name: text('name').notNull(),
    /** Code a member shares so classmates can join the team. */
    inviteCode: text('invite_code')
      .notNull()
      .unique('teams_invite_code_unique')
      .default(sql`upper(substr(replace(gen_random_uuid()::text, '-', ''), 1, 10))`),
    createdAt: createdAt(),
  },
  (t) => [
    unique('teams_course_name_unique').on(t.courseId, t.name),
    // Target of team_members' composite key, so a member's course always equals the team's course.
    unique('teams_id_course_unique').on(t.id, t.courseId),
  ],
);

/**
 * Team membership. Improvement over DESIGN §7: `course_id` is carried here so that the database itself
 * enforces "one team per student per course" and "members are enrolled in the team's course".
 */
export const teamMembers = pgTable(
  'team_members',
  {
    teamId: uuid('team_id').notNull(),
    courseId: uuid('course_id').notNull(),
    userId: uuid('user_id').notNull(),
    joinedAt: timestamptz('joined_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: 'team_members_pk', columns: [t.teamId, t.userId] }),
    unique('team_members_one_team_per_course').on(t.courseId, t.userId),
    foreignKey({
      name: 'team_members_team_fk',
      columns: [t.teamId, t.courseId],
      foreignColumns: [teams.id, teams.courseId],
    }).onDelete('cascade'),
    foreignKey({
      name: 'team_members_enrollment_fk',
      columns: [t.courseId, t.userId],
      foreignColumns: [enrollments.courseId, enrollments.userId],
    }).onDelete('cascade'),
  ],
);

/**
 * A roster line imported by staff for someone who has no account yet: when a user with this email
 * signs up (or joins the course), they are enrolled with this role and external id.
 */
export const rosterInvitations = pgTable(
  'roster_invitations',
  {
    courseId: cascadeRef('course_id', () => courses.id),
    email: text('email').notNull(),
    name: text('name'),
    role: courseRole('role').notNull().default('student'),
    externalId: text('external_id'),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ name: 'roster_invitations_pk', columns: [t.courseId, t.email] }),
    index('roster_invitations_email_idx').on(t.email),
    check('roster_invitations_email_lower', sql`${t.email} = lower(${t.email})`),
  ],
);
