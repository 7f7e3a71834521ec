import { sql } from 'drizzle-orm';
import {
  check,
  foreignKey,
  index,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import { courseRole } from './enums';

/** A person; `email` is stored lower-cased so that look-ups are exact. */
export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    email: text('email').notNull().unique('users_email_unique'),
    name: text('name').notNull(),
    /** Password hash written by the auth layer (slow KDF); null for token-only or SSO users. */
    passwordHash: text('password_hash'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('users_email_lower', sql`${t.email} = lower(${t.email}) and position('@' in ${t.email}) > 1`),
  ],
);

/** A course offering; `timezone` (IANA) decides where a "day" of the daily submission limit starts. */
export const courses = pgTable('courses', {
  id: uuid('id').primaryKey().defaultRandom(),
  slug: text('slug').notNull().unique('courses_slug_unique'),
  title: text('title').notNull(),
  timezone: text('timezone').notNull().default('UTC'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Membership of a user in a course with one role. */
export const enrollments = pgTable(
  'enrollments',
  {
    courseId: uuid('course_id')
      .notNull()
      .references(() => courses.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    role: courseRole('role').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
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
    id: uuid('id').primaryKey().defaultRandom(),
    courseId: uuid('course_id')
      .notNull()
      .references(() => courses.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
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
    joinedAt: timestamp('joined_at', { withTimezone: true }).notNull().defaultNow(),
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
