import { randomUUID } from 'node:crypto';
import type { Assignment, LtiPlatform } from '@critic/db';
import { SignJWT } from 'jose';
import type { ApiDeps } from '../deps';
import { ASSIGNMENT_PARAM } from './accept-launch';
import { CLAIM } from './claims';
import { LTI_ALG, signingKey } from './keys';

/** The deep-linking request an instructor is answering (carried in a self-signed token). */
export interface DeepLinkSession {
  platformId: string;
  deploymentId: string;
  returnUrl: string;
  data: string | undefined;
  courseId: string;
  userId: string;
}

export const DL_PURPOSE = 'lti-deep-link';

/**
 * The signed LtiDeepLinkingResponse for the picked assignments (LTI Deep Linking 2.0): one
 * `ltiResourceLink` each, launching Critic with the assignment as a custom parameter, with a line item
 * (out of 100) so the gradebook column exists before the first launch.
 */
export async function deepLinkingResponse(
  deps: ApiDeps,
  platform: LtiPlatform,
  session: DeepLinkSession,
  picked: Assignment[],
): Promise<string> {
  const { kid, key } = await signingKey(deps.db);
  const iat = Math.floor(deps.now().getTime() / 1000);
  const launchUrl = `${deps.config.origin}/api/lti/launch`;
  return new SignJWT({
    nonce: randomUUID(),
    [CLAIM.deploymentId]: session.deploymentId,
    [CLAIM.messageType]: 'LtiDeepLinkingResponse',
    [CLAIM.version]: '1.3.0',
    'https://purl.imsglobal.org/spec/lti-dl/claim/content_items': picked.map((a) => ({
      type: 'ltiResourceLink',
      title: a.title,
      text: a.description.slice(0, 500),
      url: launchUrl,
      custom: { [ASSIGNMENT_PARAM]: a.id },
      lineItem: { scoreMaximum: 100, label: a.title, resourceId: a.id, tag: 'critic' },
    })),
    ...(session.data === undefined
      ? {}
      : { 'https://purl.imsglobal.org/spec/lti-dl/claim/data': session.data }),
  })
    .setProtectedHeader({ alg: LTI_ALG, kid, typ: 'JWT' })
    .setIssuer(platform.clientId)
    .setAudience(platform.issuer)
    .setIssuedAt(iat)
    .setExpirationTime(iat + 600)
    .sign(key);
}
