import { and, asc, count, eq, inArray, isNotNull, or, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Executor } from '../db';
import { DbError, mapDbErrors } from '../errors';
import type { CourseRole } from '../schema/enums';
import { courses, enrollments, rosterInvitations, teamMembers, teams, users } from '../schema/people';
import { assertUuid, parseInput } from '../validate';
import { recordAudit } from './audit';
import { type Course, createCourse, roleInCourse, type Team } from './people';

/** Creates a course (its creator enrolled as instructor) with its largest team size, atomically. */
export async function createCourseWithSettings(
  ex: Executor,
  input: Parameters<typeof createCourse>[1] & { maxTeamSize?: number },
): Promise<Course> {
  const { maxTeamSize, ...rest } = input;
  if (
    maxTeamSize !== undefined &&
    !(Number.isInteger(maxTeamSize) && maxTeamSize >= 1 && maxTeamSize <= 50)
  ) {
    throw new DbError('invalid', `course: maxTeamSize must be an integer in 1…50, got ${maxTeamSize}`, {
      entity: 'course',
      field: 'maxTeamSize',
    });
  }
  return mapDbErrors('courses', () =>
    ex.transaction(async (tx) => {
      const course = await createCourse(tx, rest);
      if (maxTeamSize === undefined) return course;
      const [row] = await tx
        .update(courses)
        .set({ maxTeamSize })
        .where(eq(courses.id, course.id))
        .returning();
      return row!;
    }),
  );
}

/**
 * Turns the roster invitations waiting for `email` (in every course, or only `courseId`) into
 * enrollments of `userId` with the invited role and external id; returns the courses joined. Callers
 * grant them only to a verified address (`verifyEmail`, or `joinCourseByCode` for a verified user).
 */
export async function claimRosterInvitations(
  ex: Executor,
  input: { userId: string; email: string; courseId?: string },
): Promise<{ courseId: string; role: CourseRole }[]> {
  assertUuid('enrollment', 'userId', input.userId);
  const email = input.email.toLowerCase();
  const where =
    input.courseId === undefined
      ? eq(rosterInvitations.email, email)
      : and(eq(rosterInvitations.email, email), eq(rosterInvitations.courseId, input.courseId));
  return mapDbErrors('enrollments', () =>
    ex.transaction(async (tx) => {
      const invitations = await tx.delete(rosterInvitations).where(where).returning();
      if (invitations.length === 0) return [];
      await tx
        .insert(enrollments)
        .values(
          invitations.map((i) => ({
            courseId: i.courseId,
            userId: input.userId,
            role: i.role,
            externalId: i.externalId,
          })),
        )
        // A member already (e.g. joined by code as a student): the roster's role and id are the course's word.
        .onConflictDoUpdate({
          target: [enrollments.courseId, enrollments.userId],
          // It promotes a student; it never demotes staff.
          set: {
            role: sql`case when ${enrollments.role} = 'student' then excluded.role else ${enrollments.role} end`,
            externalId: sql`coalesce(excluded.external_id, ${enrollments.externalId})`,
          },
        });
      return invitations.map((i) => ({ courseId: i.courseId, role: i.role }));
    }),
  );
}

/**
 * Enrolls a user in the course whose join code this is: with the role of a waiting roster invitation
 * when the user's email is verified, else as a student. Joining again is not an error: the existing role is returned.
 */
export async function joinCourseByCode(
  ex: Executor,
  input: { code: string; userId: string; email: string },
): Promise<{ course: Course; role: CourseRole }> {
  assertUuid('enrollment', 'userId', input.userId);
  const code = input.code.trim().toUpperCase();
  return mapDbErrors('enrollments', () =>
    ex.transaction(async (tx) => {
      const [course] = await tx.select().from(courses).where(eq(courses.joinCode, code)).limit(1);
      if (course === undefined) {
        throw new DbError('not_found', 'no course has this join code; check it with your instructor', {
          entity: 'course',
          field: 'code',
        });
      }
      const existing = await roleInCourse(tx, course.id, input.userId);
      if (existing !== undefined) return { course, role: existing };
      // A roster seat goes only to a verified address; an unverified one joins as a student (and gets
      // the seat's role when it verifies).
      const [verified] = await tx
        .select({ email: users.email })
        .from(users)
        .where(and(eq(users.id, input.userId), isNotNull(users.emailVerifiedAt)));
      if (verified !== undefined) {
        const [claimed] = await claimRosterInvitations(tx, {
          userId: input.userId,
          email: verified.email,
          courseId: course.id,
        });
        if (claimed !== undefined) return { course, role: claimed.role };
      }
      await tx.insert(enrollments).values({ courseId: course.id, userId: input.userId, role: 'student' });
      return { course, role: 'student' as const };
    }),
  );
}

/** One line of a roster: who, with which role (undefined: student, or unchanged for a member) and id. */
export interface RosterEntry {
  email: string;
  name: string;
  role?: CourseRole;
  externalId?: string;
}

const rosterEntries = z.array(
  z.object({
    email: z.email().transform((e) => e.toLowerCase()),
    name: z.string().trim().min(1).max(200),
    role: z.enum(['student', 'ta', 'instructor']).optional(),
    externalId: z.string().trim().min(1).max(100).optional(),
  }),
);

/** What a roster import did: new enrollments, invitations stored for unknown emails, members updated. */
export interface RosterImportResult {
  enrolled: number;
  invited: number;
  updated: number;
}

/**
 * Imports a roster in one transaction (audited): users with a verified email are enrolled, or, if
 * already members, get the line's external id (and its role, when the line names one, except for the
 * importer); other emails (unknown, or an account that has not verified its address) are stored as
 * invitations that become enrollments when that address is verified.
 */
export async function importRoster(
  ex: Executor,
  input: { courseId: string; actorId: string; entries: readonly RosterEntry[] },
): Promise<RosterImportResult> {
  assertUuid('course', 'id', input.courseId);
  const entries = parseInput('roster', rosterEntries, input.entries);
  return mapDbErrors('enrollments', () =>
    ex.transaction(async (tx) => {
      const emails = entries.map((e) => e.email);
      const known =
        emails.length === 0
          ? []
          : await tx
              .select({ id: users.id, email: users.email })
              .from(users)
              // An account whose address is not verified gets an invitation, claimed once it verifies.
              .where(
                and(
                  inArray(users.email, emails),
                  or(isNotNull(users.emailVerifiedAt), eq(users.id, input.actorId)),
                ),
              );
      const userIdOf = new Map(known.map((u) => [u.email, u.id]));
      const members = await tx
        .select({ userId: enrollments.userId })
        .from(enrollments)
        .where(eq(enrollments.courseId, input.courseId));
      const enrolledIds = new Set(members.map((m) => m.userId));
      const result: RosterImportResult = { enrolled: 0, invited: 0, updated: 0 };
      for (const e of entries) {
        const userId = userIdOf.get(e.email);
        const externalId = e.externalId ?? null;
        if (userId === undefined) {
          const role = e.role ?? 'student';
          await tx
            .insert(rosterInvitations)
            .values({ courseId: input.courseId, email: e.email, name: e.name, role, externalId })
            .onConflictDoUpdate({
              target: [rosterInvitations.courseId, rosterInvitations.email],
              set: { name: e.name, role, externalId },
            });
          result.invited++;
        } else if (enrolledIds.has(userId)) {
          await tx
            .update(enrollments)
            // The importing instructor's own line never changes their role (no accidental self-demotion).
            .set({
              externalId,
              ...(e.role === undefined || userId === input.actorId ? {} : { role: e.role }),
            })
            .where(and(eq(enrollments.courseId, input.courseId), eq(enrollments.userId, userId)));
          result.updated++;
        } else {
          await tx
            .insert(enrollments)
            .values({ courseId: input.courseId, userId, role: e.role ?? 'student', externalId });
          enrolledIds.add(userId);
          result.enrolled++;
        }
      }
      await recordAudit(tx, {
        courseId: input.courseId,
        actorId: input.actorId,
        action: 'roster.import',
        entityType: 'course',
        entityId: input.courseId,
        details: { lines: entries.length, ...result },
      });
      return result;
    }),
  );
}

/** Roster invitations of a course that no account has claimed yet, by email. */
export async function listRosterInvitations(ex: Executor, courseId: string) {
  assertUuid('course', 'id', courseId);
  return ex
    .select()
    .from(rosterInvitations)
    .where(eq(rosterInvitations.courseId, courseId))
    .orderBy(asc(rosterInvitations.email));
}

/** A course member with role, external id and team (staff's member list). */
export interface CourseMember {
  userId: string;
  name: string;
  email: string;
  role: CourseRole;
  externalId: string | null;
  team: { id: string; name: string } | null;
}

/** Joins an enrollment to the member's row of a team in that course (none when they have no team). */
const membershipOfEnrollment = and(
  eq(teamMembers.courseId, enrollments.courseId),
  eq(teamMembers.userId, enrollments.userId),
);

/** A left-joined team as `{ id, name }`, or null when the member has none. */
const joinedTeam = (id: string | null, name: string | null) =>
  id === null || name === null ? null : { id, name };

/** Members of a course with role, external id and team, by name. */
export async function listMembersWithTeams(ex: Executor, courseId: string): Promise<CourseMember[]> {
  assertUuid('course', 'id', courseId);
  const rows = await ex
    .select({
      userId: users.id,
      name: users.name,
      email: users.email,
      role: enrollments.role,
      externalId: enrollments.externalId,
      teamId: teams.id,
      teamName: teams.name,
    })
    .from(enrollments)
    .innerJoin(users, eq(users.id, enrollments.userId))
    .leftJoin(teamMembers, membershipOfEnrollment)
    .leftJoin(teams, eq(teams.id, teamMembers.teamId))
    .where(eq(enrollments.courseId, courseId))
    .orderBy(asc(users.name), asc(users.email));
  return rows.map(({ teamId, teamName, ...m }) => ({
    ...m,
    team: joinedTeam(teamId, teamName),
  }));
}

/** The courses of a user with role and own team (what `/api/me` lists), by title. */
export async function listCoursesWithTeams(ex: Executor, userId: string) {
  assertUuid('user', 'id', userId);
  const rows = await ex
    .select({ course: courses, role: enrollments.role, teamId: teams.id, teamName: teams.name })
    .from(enrollments)
    .innerJoin(courses, eq(courses.id, enrollments.courseId))
    .leftJoin(teamMembers, membershipOfEnrollment)
    .leftJoin(teams, eq(teams.id, teamMembers.teamId))
    .where(eq(enrollments.userId, userId))
    .orderBy(asc(courses.title));
  return rows.map((r) => ({
    course: r.course,
    role: r.role,
    team: joinedTeam(r.teamId, r.teamName),
  }));
}

/**
 * Adds a user to the course's team with this invite code, refusing (conflict, naming the limit) a team
 * that already has `courses.max_team_size` members. The team row is locked so two joins cannot both
 * take the last place.
 */
export async function joinTeamByCode(
  ex: Executor,
  input: { courseId: string; userId: string; code: string },
): Promise<Team> {
  assertUuid('team member', 'courseId', input.courseId);
  assertUuid('team member', 'userId', input.userId);
  const code = input.code.trim().toUpperCase();
  return mapDbErrors('team_members', () =>
    ex.transaction(async (tx) => {
      const [team] = await tx
        .select()
        .from(teams)
        .where(and(eq(teams.courseId, input.courseId), eq(teams.inviteCode, code)))
        .for('update')
        .limit(1);
      if (team === undefined) {
        throw new DbError('not_found', 'no team of this course has this invite code', {
          entity: 'team',
          field: 'code',
        });
      }
      const [course] = await tx
        .select({ maxTeamSize: courses.maxTeamSize })
        .from(courses)
        .where(eq(courses.id, input.courseId));
      const [size] = await tx.select({ n: count() }).from(teamMembers).where(eq(teamMembers.teamId, team.id));
      if ((size?.n ?? 0) >= course!.maxTeamSize) {
        throw new DbError(
          'conflict',
          `team "${team.name}" is full: this course allows at most ${course!.maxTeamSize} members per team (maxTeamSize)`,
          { entity: 'team', field: 'maxTeamSize' },
        );
      }
      await tx
        .insert(teamMembers)
        .values({ teamId: team.id, courseId: input.courseId, userId: input.userId });
      return team;
    }),
  );
}

/** Removes a user from their team in a course (not_found when in none); the team itself stays. */
export async function leaveTeam(ex: Executor, courseId: string, userId: string): Promise<void> {
  assertUuid('team member', 'courseId', courseId);
  assertUuid('team member', 'userId', userId);
  const rows = await ex
    .delete(teamMembers)
    .where(and(eq(teamMembers.courseId, courseId), eq(teamMembers.userId, userId)))
    .returning({ userId: teamMembers.userId });
  if (rows.length === 0) {
    throw new DbError('not_found', 'you are not in a team of this course', {
      entity: 'team member',
      field: 'userId',
    });
  }
}
