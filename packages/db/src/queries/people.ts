import { and, asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Executor } from '../db';
import { DbError, mapDbErrors } from '../errors';
import type { CourseRole } from '../schema/enums';
import { courses, enrollments, teamMembers, teams, users } from '../schema/people';
import { assertUuid, parseInput } from '../validate';
import { rowById } from './row-by-id';

export type User = typeof users.$inferSelect;
export type Course = typeof courses.$inferSelect;
export type Team = typeof teams.$inferSelect;
export type Enrollment = typeof enrollments.$inferSelect;

const newUserInput = z.object({
  email: z.email().transform((e) => e.toLowerCase()),
  name: z.string().trim().min(1).max(200),
  passwordHash: z.string().min(1).optional(),
  /** When the address was proven (e.g. a sign-in through the school's identity provider); default: not yet. */
  emailVerifiedAt: z.date().optional(),
});

/** Creates a user (email is normalised to lower case). Conflict when the email is taken. */
export async function createUser(ex: Executor, input: z.input<typeof newUserInput>): Promise<User> {
  const values = parseInput('user', newUserInput, input);
  const [row] = await mapDbErrors('users', () => ex.insert(users).values(values).returning());
  return row!;
}

export async function getUserByEmail(ex: Executor, email: string): Promise<User | undefined> {
  const [row] = await ex.select().from(users).where(eq(users.email, email.toLowerCase())).limit(1);
  return row;
}

/** One user by id (DbError 'not_found' when there is none). */
export function getUser(ex: Executor, id: string): Promise<User> {
  return rowById(ex, users, 'user', id);
}

const newCourseInput = z.object({
  slug: z.string().regex(/^[a-z0-9][a-z0-9-]{1,62}$/, 'lower-case letters, digits and dashes, 2-63 chars'),
  title: z.string().trim().min(1).max(200),
  timezone: z
    .string()
    .refine((tz) => {
      try {
        new Intl.DateTimeFormat('en', { timeZone: tz });
        return true;
      } catch {
        return false;
      }
    }, 'an IANA time zone such as Europe/Berlin')
    .optional(),
  /** The user who creates the course; enrolled as its instructor in the same transaction. */
  instructorId: z.uuid(),
});

/** Creates a course and enrolls its creator as instructor, atomically. */
export async function createCourse(ex: Executor, input: z.input<typeof newCourseInput>): Promise<Course> {
  const { instructorId, ...values } = parseInput('course', newCourseInput, input);
  return mapDbErrors('courses', () =>
    ex.transaction(async (tx) => {
      const [course] = await tx.insert(courses).values(values).returning();
      await tx.insert(enrollments).values({ courseId: course!.id, userId: instructorId, role: 'instructor' });
      return course!;
    }),
  );
}

/** One course by id (DbError 'not_found' when there is none). */
export function getCourse(ex: Executor, id: string): Promise<Course> {
  return rowById(ex, courses, 'course', id);
}

export async function getCourseBySlug(ex: Executor, slug: string): Promise<Course> {
  const [row] = await ex.select().from(courses).where(eq(courses.slug, slug)).limit(1);
  if (row === undefined) throw DbError.notFound('course', slug);
  return row;
}

/** Enrolls a user (conflict if already enrolled; not_found for an unknown course or user). */
export async function enroll(
  ex: Executor,
  courseId: string,
  userId: string,
  role: CourseRole,
): Promise<Enrollment> {
  assertUuid('enrollment', 'courseId', courseId);
  assertUuid('enrollment', 'userId', userId);
  const [row] = await mapDbErrors('enrollments', () =>
    ex.insert(enrollments).values({ courseId, userId, role }).returning(),
  );
  return row!;
}

/** The user's role in the course, or undefined when not enrolled (what authorization checks ask). */
export async function roleInCourse(
  ex: Executor,
  courseId: string,
  userId: string,
): Promise<CourseRole | undefined> {
  assertUuid('enrollment', 'courseId', courseId);
  assertUuid('enrollment', 'userId', userId);
  const [row] = await ex
    .select({ role: enrollments.role })
    .from(enrollments)
    .where(and(eq(enrollments.courseId, courseId), eq(enrollments.userId, userId)))
    .limit(1);
  return row?.role;
}

/** Members of a course with their roles, by name. */
export async function listCourseMembers(ex: Executor, courseId: string) {
  assertUuid('course', 'id', courseId);
  return ex
    .select({ userId: users.id, email: users.email, name: users.name, role: enrollments.role })
    .from(enrollments)
    .innerJoin(users, eq(users.id, enrollments.userId))
    .where(eq(enrollments.courseId, courseId))
    .orderBy(asc(users.name));
}

/** Courses a user is enrolled in, with the role. */
export async function listCoursesOfUser(ex: Executor, userId: string) {
  assertUuid('user', 'id', userId);
  return ex
    .select({ course: courses, role: enrollments.role })
    .from(enrollments)
    .innerJoin(courses, eq(courses.id, enrollments.courseId))
    .where(eq(enrollments.userId, userId))
    .orderBy(asc(courses.title));
}

const newTeamInput = z.object({
  courseId: z.uuid(),
  name: z.string().trim().min(1).max(100),
  memberIds: z.array(z.uuid()).default([]),
});

/** Creates a team with its members in one transaction; no team is left behind if a member is refused. */
export async function createTeam(ex: Executor, input: z.input<typeof newTeamInput>): Promise<Team> {
  const { courseId, name, memberIds } = parseInput('team', newTeamInput, input);
  return mapDbErrors('teams', () =>
    ex.transaction(async (tx) => {
      const [team] = await tx.insert(teams).values({ courseId, name }).returning();
      if (memberIds.length > 0) {
        await tx
          .insert(teamMembers)
          .values(memberIds.map((userId) => ({ teamId: team!.id, courseId, userId })));
      }
      return team!;
    }),
  );
}

/** Adds an enrolled user to a team (conflict when already in a team of that course). */
export async function addTeamMember(ex: Executor, teamId: string, userId: string): Promise<void> {
  assertUuid('team member', 'teamId', teamId);
  assertUuid('team member', 'userId', userId);
  await mapDbErrors('team_members', () =>
    ex.transaction(async (tx) => {
      const [team] = await tx.select({ courseId: teams.courseId }).from(teams).where(eq(teams.id, teamId));
      if (team === undefined) throw DbError.notFound('team', teamId);
      await tx.insert(teamMembers).values({ teamId, courseId: team.courseId, userId });
    }),
  );
}

export async function removeTeamMember(ex: Executor, teamId: string, userId: string): Promise<void> {
  const deleted = await ex
    .delete(teamMembers)
    .where(and(eq(teamMembers.teamId, teamId), eq(teamMembers.userId, userId)))
    .returning({ userId: teamMembers.userId });
  if (deleted.length === 0) throw DbError.notFound('team member', `${teamId}/${userId}`);
}

/** The user's team in a course, if any. */
export async function teamOfUser(ex: Executor, courseId: string, userId: string): Promise<Team | undefined> {
  assertUuid('team member', 'courseId', courseId);
  assertUuid('team member', 'userId', userId);
  const [row] = await ex
    .select({ team: teams })
    .from(teamMembers)
    .innerJoin(teams, eq(teams.id, teamMembers.teamId))
    .where(and(eq(teamMembers.courseId, courseId), eq(teamMembers.userId, userId)))
    .limit(1);
  return row?.team;
}

/** Teams of a course with their members. */
export async function listTeams(ex: Executor, courseId: string) {
  assertUuid('course', 'id', courseId);
  const rows = await ex
    .select({ team: teams, userId: teamMembers.userId, email: users.email, name: users.name })
    .from(teams)
    .leftJoin(teamMembers, eq(teamMembers.teamId, teams.id))
    .leftJoin(users, eq(users.id, teamMembers.userId))
    .where(eq(teams.courseId, courseId))
    .orderBy(asc(teams.name), asc(users.name));
  const byTeam = new Map<
    string,
    { team: Team; members: { userId: string; email: string; name: string }[] }
  >();
  for (const r of rows) {
    const entry = byTeam.get(r.team.id) ?? { team: r.team, members: [] };
    byTeam.set(r.team.id, entry);
    if (r.userId !== null && r.email !== null && r.name !== null) {
      entry.members.push({ userId: r.userId, email: r.email, name: r.name });
    }
  }
  return [...byTeam.values()];
}
