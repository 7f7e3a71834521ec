import { type Database, enrollFromLti, type LtiContext, type LtiPlatform, roleInCourse } from '@critic/db';
import { z } from 'zod';
import { ApiError } from '../api-error';
import { courseRoleOf, displayNameOf } from './claims';
import { userForLmsPerson } from './identity';
import { callService, LtiServiceError, SCOPE, serviceToken } from './service-token';

const Member = z.object({
  user_id: z.string().min(1),
  roles: z.array(z.string()).default([]),
  status: z.string().optional(),
  email: z.email().optional(),
  name: z.string().optional(),
  given_name: z.string().optional(),
  family_name: z.string().optional(),
});
const Container = z.object({ members: z.array(Member) });

/** What a roster sync did. */
export interface RosterSyncResult {
  /** Members enrolled now who were not before. */
  added: number;
  /** Members whose role changed. */
  updated: number;
  /** Members already enrolled with their role. */
  unchanged: number;
  /** Inactive memberships, and members whose email is another LMS person's account, skipped. */
  skipped: number;
}

/** The next page of an NRPS answer (`Link: <…>; rel="next"`). */
function nextPage(link: string | null): string | undefined {
  const m = link === null ? null : /<([^>]+)>\s*;\s*rel="?next"?/.exec(link);
  return m?.[1];
}

/**
 * Syncs a course's roster from an LMS context (Names and Role Provisioning Service 2.0): every active
 * member is linked (or created) and enrolled with their LMS role; nobody is removed.
 */
export async function syncRoster(
  db: Database,
  platform: LtiPlatform,
  context: LtiContext,
  now: Date,
): Promise<RosterSyncResult> {
  if (context.membershipsUrl === null) {
    throw new LtiServiceError('the LMS did not offer its roster service (NRPS) for this course');
  }
  const token = await serviceToken(db, platform, [SCOPE.nrps], now);
  const result: RosterSyncResult = { added: 0, updated: 0, unchanged: 0, skipped: 0 };
  let url: string | undefined = context.membershipsUrl;
  for (let page = 0; url !== undefined && page < 100; page++) {
    const res = await callService(url, token, {
      method: 'GET',
      accept: 'application/vnd.ims.lti-nrps.v2.membershipcontainer+json',
    });
    const parsed = Container.safeParse(await res.json().catch(() => undefined));
    if (!parsed.success)
      throw new LtiServiceError(`the roster service answered something else than members: ${url}`);
    for (const m of parsed.data.members) {
      if (m.status !== undefined && m.status !== 'Active') {
        result.skipped += 1;
        continue;
      }
      const outcome = await db
        .transaction(async (tx) => {
          const userId = await userForLmsPerson(tx, {
            issuer: platform.issuer,
            subject: m.user_id,
            email: m.email,
            name: displayNameOf(m),
          });
          const before = await roleInCourse(tx, context.courseId, userId);
          const after = await enrollFromLti(tx, {
            courseId: context.courseId,
            userId,
            role: courseRoleOf(m.roles),
          });
          return before === undefined ? 'added' : before !== after ? 'updated' : 'unchanged';
        })
        .catch((e: unknown) => {
          // A member whose email belongs to an account linked to someone else is left out, not the roster.
          if (e instanceof ApiError && e.code === 'lti_email_taken') return 'skipped' as const;
          throw e;
        });
      result[outcome] += 1;
    }
    url = nextPage(res.headers.get('link'));
  }
  return result;
}
