import {
  type Database,
  getAssignment,
  getLtiContext,
  getLtiLineItem,
  getLtiPlatform,
  type LtiLineItem,
  type LtiPlatform,
  storeLtiLineItem,
} from '@critic/db';
import { z } from 'zod';
import { callService, LtiServiceError, SCOPE, serviceToken } from './service-token';

/** The scores endpoint of a line item: its URL with `/scores` appended to the path (query kept). */
export function scoresUrl(lineItemUrl: string): string {
  const u = new URL(lineItemUrl);
  u.pathname = `${u.pathname.replace(/\/$/, '')}/scores`;
  return u.toString();
}

/**
 * Posts one score (AGS 2.0 score publish service): fully graded, completed. `timestamp` is when the grade
 * was queued: a platform ignores a score older than the last it recorded, so a late retry of an old grade
 * cannot overwrite a newer one.
 */
export async function postScore(
  db: Database,
  platform: LtiPlatform,
  input: {
    lineItemUrl: string;
    subject: string;
    scoreGiven: number;
    scoreMaximum: number;
    at: Date;
    timestamp: Date;
  },
): Promise<void> {
  const token = await serviceToken(db, platform, [SCOPE.score], input.at);
  await callService(scoresUrl(input.lineItemUrl), token, {
    method: 'POST',
    contentType: 'application/vnd.ims.lis.v1.score+json',
    body: {
      userId: input.subject,
      scoreGiven: input.scoreGiven,
      scoreMaximum: input.scoreMaximum,
      activityProgress: 'Completed',
      gradingProgress: 'FullyGraded',
      timestamp: input.timestamp.toISOString(),
    },
  });
}

const LineItemAnswer = z.object({ id: z.url() });

/**
 * The line item of an assignment in an LMS context: the stored one, else one created in the context's
 * line items container (label = assignment title, resourceId = assignment id, out of 100). Undefined
 * when the platform granted no line item scope or gave no container.
 */
export async function ensureLineItem(
  db: Database,
  input: { platformId: string; contextId: string; assignmentId: string; resourceLinkId?: string; now: Date },
): Promise<LtiLineItem | undefined> {
  const key = { platformId: input.platformId, contextId: input.contextId, assignmentId: input.assignmentId };
  const stored = await getLtiLineItem(db, key);
  if (stored !== undefined) return stored;
  const context = await getLtiContext(db, input.platformId, input.contextId);
  if (context?.lineItemsUrl == null || !context.agsScopes.includes(SCOPE.lineItem)) return undefined;
  const platform = await getLtiPlatform(db, input.platformId);
  const assignment = await getAssignment(db, input.assignmentId);
  const token = await serviceToken(db, platform, [SCOPE.lineItem], input.now);
  const res = await callService(context.lineItemsUrl, token, {
    method: 'POST',
    contentType: 'application/vnd.ims.lis.v2.lineitem+json',
    accept: 'application/vnd.ims.lis.v2.lineitem+json',
    body: {
      scoreMaximum: 100,
      label: assignment.title,
      resourceId: assignment.id,
      tag: 'critic',
      ...(input.resourceLinkId === undefined ? {} : { resourceLinkId: input.resourceLinkId }),
    },
  });
  const parsed = LineItemAnswer.safeParse(await res.json().catch(() => undefined));
  if (!parsed.success)
    throw new LtiServiceError(`line item container ${context.lineItemsUrl} answered without an id`);
  return storeLtiLineItem(db, { ...key, url: parsed.data.id, scoreMaximum: 100 });
}
