import { and, asc, eq, or } from 'drizzle-orm';
import type { Executor } from '../db';
import { mapDbErrors } from '../errors';
import { ltiDeployments, ltiPlatforms } from '../schema/lti';
import { assertUuid } from '../validate';
import { rowById } from './row-by-id';

export type LtiPlatform = typeof ltiPlatforms.$inferSelect;

/** What registering a platform needs (manual form or Dynamic Registration). */
export interface NewLtiPlatform {
  name: string;
  issuer: string;
  clientId: string;
  authLoginUrl: string;
  authTokenUrl: string;
  keysetUrl: string;
  tokenAudience?: string | null;
  courseId?: string | null;
  createdBy?: string | null;
  deploymentIds: string[];
}

/**
 * Registers a platform with its deployment ids; registering the same issuer + client id again adds the
 * new deployment ids and updates the endpoints (a second Moodle deployment of the same tool).
 */
export async function upsertLtiPlatform(ex: Executor, input: NewLtiPlatform): Promise<LtiPlatform> {
  const { deploymentIds, ...values } = input;
  return mapDbErrors('lti_platforms', () =>
    ex.transaction(async (tx) => {
      const [row] = await tx
        .insert(ltiPlatforms)
        .values(values)
        .onConflictDoUpdate({
          target: [ltiPlatforms.issuer, ltiPlatforms.clientId],
          set: {
            name: values.name,
            authLoginUrl: values.authLoginUrl,
            authTokenUrl: values.authTokenUrl,
            keysetUrl: values.keysetUrl,
            tokenAudience: values.tokenAudience ?? null,
          },
        })
        .returning();
      for (const deploymentId of deploymentIds) {
        await tx.insert(ltiDeployments).values({ platformId: row!.id, deploymentId }).onConflictDoNothing();
      }
      return row!;
    }),
  );
}

/** Adds a deployment id to a platform (idempotent). */
export async function addLtiDeployment(
  ex: Executor,
  platformId: string,
  deploymentId: string,
): Promise<void> {
  assertUuid('lti platform', 'id', platformId);
  await mapDbErrors('lti_deployments', () =>
    ex.insert(ltiDeployments).values({ platformId, deploymentId }).onConflictDoNothing(),
  );
}

/** One LTI platform by id (DbError 'not_found' when there is none). */
export function getLtiPlatform(ex: Executor, id: string): Promise<LtiPlatform> {
  return rowById(ex, ltiPlatforms, 'lti platform', id);
}

/**
 * The platform of a login initiation or launch: by issuer and client id, or by issuer alone when the
 * platform did not send a client id and only one client of that issuer is registered.
 */
export async function findLtiPlatform(
  ex: Executor,
  issuer: string,
  clientId: string | undefined,
): Promise<LtiPlatform | undefined> {
  const rows = await ex
    .select()
    .from(ltiPlatforms)
    .where(
      clientId === undefined
        ? eq(ltiPlatforms.issuer, issuer)
        : and(eq(ltiPlatforms.issuer, issuer), eq(ltiPlatforms.clientId, clientId)),
    )
    .limit(2);
  return rows.length === 1 ? rows[0] : undefined;
}

/** Whether `deploymentId` is one of the platform's registered deployments. */
export async function hasLtiDeployment(
  ex: Executor,
  platformId: string,
  deploymentId: string,
): Promise<boolean> {
  const [row] = await ex
    .select({ id: ltiDeployments.deploymentId })
    .from(ltiDeployments)
    .where(and(eq(ltiDeployments.platformId, platformId), eq(ltiDeployments.deploymentId, deploymentId)))
    .limit(1);
  return row !== undefined;
}

/** Platforms registered from a course, or linked to it by a launch, with their deployment ids. */
export async function listLtiPlatformsOfCourse(
  ex: Executor,
  courseId: string,
  linkedPlatformIds: readonly string[],
): Promise<(LtiPlatform & { deploymentIds: string[] })[]> {
  assertUuid('course', 'id', courseId);
  const rows = await ex
    .select()
    .from(ltiPlatforms)
    .where(
      linkedPlatformIds.length === 0
        ? eq(ltiPlatforms.courseId, courseId)
        : or(eq(ltiPlatforms.courseId, courseId), ...linkedPlatformIds.map((id) => eq(ltiPlatforms.id, id))),
    )
    .orderBy(asc(ltiPlatforms.createdAt));
  const out: (LtiPlatform & { deploymentIds: string[] })[] = [];
  for (const p of rows) {
    const deps = await ex
      .select({ d: ltiDeployments.deploymentId })
      .from(ltiDeployments)
      .where(eq(ltiDeployments.platformId, p.id))
      .orderBy(asc(ltiDeployments.createdAt));
    out.push({ ...p, deploymentIds: deps.map((d) => d.d) });
  }
  return out;
}
