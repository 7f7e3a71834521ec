import { type AnyColumn, and, asc, eq, type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../db';
import { DbError, mapDbErrors } from '../errors';
import { assignments } from '../schema/assignments';
import type { CourseRole } from '../schema/enums';
import { ltiContexts, ltiIdentities, ltiLineItems, ltiResourceLinks } from '../schema/lti';
import { enrollments } from '../schema/people';
import { assertUuid } from '../validate';
import { enqueueLtiGrades } from './lti-grades';
import { roleInCourse } from './people';

export type LtiContext = typeof ltiContexts.$inferSelect;
export type LtiResourceLink = typeof ltiResourceLinks.$inferSelect;
export type LtiLineItem = typeof ltiLineItems.$inferSelect;

/** The Critic user an LMS person (issuer + subject) signs in as, if linked. */
export async function ltiIdentityUser(
  ex: Executor,
  issuer: string,
  subject: string,
): Promise<string | undefined> {
  const [row] = await ex
    .select({ userId: ltiIdentities.userId })
    .from(ltiIdentities)
    .where(and(eq(ltiIdentities.issuer, issuer), eq(ltiIdentities.subject, subject)))
    .limit(1);
  return row?.userId;
}

/** Links an LMS person to a Critic user (the first link wins; returns the linked user). */
export async function linkLtiIdentity(
  ex: Executor,
  input: { issuer: string; subject: string; userId: string },
): Promise<string> {
  await mapDbErrors('lti_identities', () => ex.insert(ltiIdentities).values(input).onConflictDoNothing());
  return (await ltiIdentityUser(ex, input.issuer, input.subject))!;
}

/** The LMS subjects of a user on one issuer (AGS scores are posted for them). */
export async function ltiSubjectOf(
  ex: Executor,
  issuer: string,
  userId: string,
): Promise<string | undefined> {
  const [row] = await ex
    .select({ subject: ltiIdentities.subject })
    .from(ltiIdentities)
    .where(and(eq(ltiIdentities.issuer, issuer), eq(ltiIdentities.userId, userId)))
    .orderBy(asc(ltiIdentities.createdAt))
    .limit(1);
  return row?.subject;
}

export async function getLtiContext(
  ex: Executor,
  platformId: string,
  contextId: string,
): Promise<LtiContext | undefined> {
  const [row] = await ex
    .select()
    .from(ltiContexts)
    .where(and(eq(ltiContexts.platformId, platformId), eq(ltiContexts.contextId, contextId)))
    .limit(1);
  return row;
}

/** Links an LMS context to a course, or refreshes its title and service URLs from a launch. */
export async function upsertLtiContext(
  ex: Executor,
  input: {
    platformId: string;
    contextId: string;
    courseId: string;
    title: string | null;
    membershipsUrl: string | null;
    lineItemsUrl: string | null;
    agsScopes: string[];
  },
): Promise<LtiContext> {
  const [row] = await mapDbErrors('lti_contexts', () =>
    ex
      .insert(ltiContexts)
      .values(input)
      .onConflictDoUpdate({
        target: [ltiContexts.platformId, ltiContexts.contextId],
        set: {
          title: input.title,
          ...(input.membershipsUrl === null ? {} : { membershipsUrl: input.membershipsUrl }),
          ...(input.lineItemsUrl === null
            ? {}
            : { lineItemsUrl: input.lineItemsUrl, agsScopes: input.agsScopes }),
        },
      })
      .returning(),
  );
  return row!;
}

/** LMS contexts linked to a course. */
export async function listLtiContextsOfCourse(ex: Executor, courseId: string): Promise<LtiContext[]> {
  assertUuid('course', 'id', courseId);
  return ex
    .select()
    .from(ltiContexts)
    .where(eq(ltiContexts.courseId, courseId))
    .orderBy(asc(ltiContexts.createdAt));
}

export async function getLtiResourceLink(
  ex: Executor,
  platformId: string,
  resourceLinkId: string,
): Promise<LtiResourceLink | undefined> {
  const [row] = await ex
    .select()
    .from(ltiResourceLinks)
    .where(
      and(eq(ltiResourceLinks.platformId, platformId), eq(ltiResourceLinks.resourceLinkId, resourceLinkId)),
    )
    .limit(1);
  return row;
}

/** Links a resource link to an assignment (first link wins: a placement keeps its assignment). */
export async function linkLtiResource(
  ex: Executor,
  input: { platformId: string; resourceLinkId: string; contextId: string; assignmentId: string },
): Promise<LtiResourceLink> {
  await mapDbErrors('lti_resource_links', () =>
    ex.insert(ltiResourceLinks).values(input).onConflictDoNothing(),
  );
  return (await getLtiResourceLink(ex, input.platformId, input.resourceLinkId))!;
}

export async function getLtiLineItem(
  ex: Executor,
  input: { platformId: string; contextId: string; assignmentId: string },
): Promise<LtiLineItem | undefined> {
  const [row] = await ex
    .select()
    .from(ltiLineItems)
    .where(
      and(
        eq(ltiLineItems.platformId, input.platformId),
        eq(ltiLineItems.contextId, input.contextId),
        eq(ltiLineItems.assignmentId, input.assignmentId),
      ),
    )
    .limit(1);
  return row;
}

/** Records the line item of an assignment in a context (idempotent per context and assignment). */
export async function storeLtiLineItem(
  ex: Executor,
  input: {
    platformId: string;
    contextId: string;
    assignmentId: string;
    url: string;
    scoreMaximum: number;
    gradeZeroAt?: number | null;
    gradeFullAt?: number | null;
  },
): Promise<LtiLineItem> {
  await mapDbErrors('lti_line_items', () => ex.insert(ltiLineItems).values(input).onConflictDoNothing());
  return (await getLtiLineItem(ex, input))!;
}

const roleRank = (role: SQL | AnyColumn) =>
  sql`(case ${role} when 'student' then 0 when 'ta' then 1 else 2 end)`;

/**
 * Enrolls a user with the role the LMS gives them, or promotes an existing member to it (student → TA →
 * instructor). The LMS never demotes: a role staff gave in Critic (a TA that the LMS knows as a learner, a
 * course's creator) stays. Returns the role they now have.
 */
export async function enrollFromLti(
  ex: Executor,
  input: { courseId: string; userId: string; role: CourseRole },
): Promise<CourseRole> {
  assertUuid('course', 'id', input.courseId);
  const [row] = await mapDbErrors('enrollments', () =>
    ex
      .insert(enrollments)
      .values(input)
      .onConflictDoUpdate({
        target: [enrollments.courseId, enrollments.userId],
        set: { role: sql`excluded.role` },
        // Only upwards: rank(student) < rank(ta) < rank(instructor).
        setWhere: sql`${roleRank(sql`excluded.role`)} > ${roleRank(enrollments.role)}`,
      })
      .returning({ role: enrollments.role }),
  );
  if (row !== undefined) return row.role;
  return (await roleInCourse(ex, input.courseId, input.userId))!;
}

/** A line item with its assignment, as the course's LMS settings list it. */
export interface LtiLineItemOfCourse extends LtiLineItem {
  assignmentTitle: string;
  assignmentKind: 'agent' | 'checks';
}

/** The line items of a course's assignments, oldest first. */
export async function listLtiLineItemsOfCourse(
  ex: Executor,
  courseId: string,
): Promise<LtiLineItemOfCourse[]> {
  assertUuid('course', 'id', courseId);
  const rows = await ex
    .select({ item: ltiLineItems, title: assignments.title, kind: assignments.kind })
    .from(ltiLineItems)
    .innerJoin(assignments, eq(assignments.id, ltiLineItems.assignmentId))
    .where(eq(assignments.courseId, courseId))
    .orderBy(asc(ltiLineItems.createdAt));
  return rows.map((r) => ({ ...r.item, assignmentTitle: r.title, assignmentKind: r.kind }));
}

/**
 * Sets how an agent line item maps the private score to a grade (both thresholds, or neither for the
 * rank), and queues the grades that change because of it, in one transaction.
 */
export async function setLtiLineItemThresholds(
  ex: Executor,
  input: { lineItemId: string; courseId: string; gradeZeroAt: number | null; gradeFullAt: number | null },
): Promise<LtiLineItem> {
  assertUuid('lti line item', 'id', input.lineItemId);
  if ((input.gradeZeroAt === null) !== (input.gradeFullAt === null)) {
    throw new DbError('invalid', 'lti line item: set both gradeZeroAt and gradeFullAt, or neither', {
      entity: 'lti line item',
      field: input.gradeZeroAt === null ? 'gradeZeroAt' : 'gradeFullAt',
    });
  }
  if (input.gradeZeroAt !== null && input.gradeZeroAt === input.gradeFullAt) {
    throw new DbError('invalid', 'lti line item: gradeZeroAt and gradeFullAt must differ', {
      entity: 'lti line item',
      field: 'gradeFullAt',
    });
  }
  return mapDbErrors('lti_line_items', () =>
    ex.transaction(async (tx) => {
      const [owned] = await tx
        .select({ id: ltiLineItems.id })
        .from(ltiLineItems)
        .innerJoin(assignments, eq(assignments.id, ltiLineItems.assignmentId))
        .where(and(eq(ltiLineItems.id, input.lineItemId), eq(assignments.courseId, input.courseId)));
      if (owned === undefined) throw DbError.notFound('lti line item', input.lineItemId);
      const [row] = await tx
        .update(ltiLineItems)
        .set({ gradeZeroAt: input.gradeZeroAt, gradeFullAt: input.gradeFullAt })
        .where(eq(ltiLineItems.id, input.lineItemId))
        .returning();
      await enqueueLtiGrades(tx, row!.assignmentId);
      return row!;
    }),
  );
}
