import { randomBytes } from 'node:crypto';
import {
  type CourseRole,
  createCourse,
  DbError,
  enrollFromLti,
  getAssignment,
  getLtiContext,
  getLtiLineItem,
  getLtiResourceLink,
  linkLtiResource,
  listLtiContextsOfCourse,
  recordAudit,
  storeLtiLineItem,
  type Transaction,
  upsertLtiContext,
} from '@critic/db';
import { ApiError } from '../api-error';
import type { ApiDeps } from '../deps';
import { CLAIM, courseRoleOf, displayNameOf } from './claims';
import { userForLmsPerson } from './identity';
import type { VerifiedLaunch } from './verify-launch';

/** What a verified launch became: who signed in, where, with which role, and which assignment it opens. */
export interface AcceptedLaunch {
  userId: string;
  courseId: string;
  role: CourseRole;
  assignmentId: string | undefined;
  /** The LMS context's id (deep linking and line items are per context). */
  contextId: string;
}

/** Custom parameter a deep-linked placement carries: the Critic assignment it opens. */
export const ASSIGNMENT_PARAM = 'critic_assignment_id';

function slugOf(label: string): string {
  const base = label
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);
  return `${base.length >= 2 ? base : 'lms'}-${randomBytes(3).toString('hex')}`;
}

/** The assignment a resource link should open: its stored link, else the placement's custom parameter. */
async function assignmentOf(
  tx: Transaction,
  v: VerifiedLaunch,
  courseId: string,
): Promise<string | undefined> {
  const link = v.claims[CLAIM.resourceLink];
  if (link === undefined) return undefined;
  const stored = await getLtiResourceLink(tx, v.platform.id, link.id);
  if (stored !== undefined) return stored.assignmentId;
  const wanted = v.claims[CLAIM.custom]?.[ASSIGNMENT_PARAM];
  if (typeof wanted !== 'string' || wanted === '') return undefined;
  const assignment = await getAssignment(tx, wanted).catch((e: unknown) => {
    if (e instanceof DbError) return undefined;
    throw e;
  });
  if (assignment === undefined || assignment.courseId !== courseId) {
    throw new ApiError(
      404,
      'lti_assignment_not_found',
      `this LMS link opens assignment "${wanted}", which is not an assignment of the linked Critic course`,
      { field: ASSIGNMENT_PARAM },
    );
  }
  await linkLtiResource(tx, {
    platformId: v.platform.id,
    resourceLinkId: link.id,
    contextId: v.claims[CLAIM.context].id,
    assignmentId: assignment.id,
  });
  return assignment.id;
}

/**
 * Turns a verified launch into Critic rows, in one transaction (a refusal leaves nothing behind): the
 * user (linked by LMS identity), the course (an instructor's first launch from an LMS course links it to
 * the course that registered the platform, or creates one; a student's needs a linked course), the
 * enrollment with the LMS role, the resource link's assignment, and its AGS line item when the platform
 * named one.
 */
export async function acceptLaunch(deps: ApiDeps, v: VerifiedLaunch): Promise<AcceptedLaunch> {
  const role = courseRoleOf(v.claims[CLAIM.roles]);
  const context = v.claims[CLAIM.context];
  const ags = v.claims[CLAIM.ags];
  return deps.db.transaction(async (tx) => {
    const known = await getLtiContext(tx, v.platform.id, context.id);
    if (known === undefined && role !== 'instructor') {
      throw new ApiError(
        403,
        'lti_course_not_linked',
        `this LMS course ("${context.title ?? context.id}") is not linked to a Critic course yet: its instructor must open Critic from it first`,
        { field: 'context' },
      );
    }
    const userId = await userForLmsPerson(tx, {
      issuer: v.platform.issuer,
      subject: v.claims.sub,
      email: v.claims.email,
      name: displayNameOf(v.claims),
    });
    let courseId = known?.courseId;
    if (courseId === undefined) {
      // The course that registered the platform takes its first LMS course; later ones get new courses.
      const registeredFrom =
        v.platform.courseId !== null &&
        !(await listLtiContextsOfCourse(tx, v.platform.courseId)).some((x) => x.platformId === v.platform.id)
          ? v.platform.courseId
          : undefined;
      courseId =
        registeredFrom ??
        (
          await createCourse(tx, {
            slug: slugOf(context.label ?? context.title ?? 'lms'),
            title: (context.title ?? context.label ?? 'LMS course').slice(0, 200),
            instructorId: userId,
          })
        ).id;
      await recordAudit(tx, {
        courseId,
        actorId: userId,
        action: 'lti.link_context',
        entityType: 'course',
        entityId: courseId,
        details: { issuer: v.platform.issuer, contextId: context.id, title: context.title ?? null },
      });
    }
    await upsertLtiContext(tx, {
      platformId: v.platform.id,
      contextId: context.id,
      courseId,
      title: context.title ?? null,
      membershipsUrl: v.claims[CLAIM.nrps]?.context_memberships_url ?? null,
      lineItemsUrl: ags?.lineitems ?? null,
      agsScopes: ags?.scope ?? [],
    });
    const enrolledAs = await enrollFromLti(tx, { courseId, userId, role });
    const assignmentId = await assignmentOf(tx, v, courseId);
    if (assignmentId !== undefined && ags?.lineitem !== undefined) {
      const key = { platformId: v.platform.id, contextId: context.id, assignmentId };
      if ((await getLtiLineItem(tx, key)) === undefined) {
        await storeLtiLineItem(tx, { ...key, url: ags.lineitem, scoreMaximum: 100 });
      }
    }
    return { userId, courseId, role: enrolledAs, assignmentId, contextId: context.id };
  });
}
