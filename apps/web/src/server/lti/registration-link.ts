import type { ApiDeps } from '../deps';
import { signSelfToken } from './self-tokens';

export const REGISTRATION_PURPOSE = 'lti-registration';

/** How long a registration URL works (the LMS administrator may paste it days later). */
const REGISTRATION_TTL_S = 7 * 86_400;

/** The Dynamic Registration URL of a course: platforms registered through it belong to the course. */
export async function registrationUrl(deps: ApiDeps, courseId: string, userId: string): Promise<string> {
  const token = await signSelfToken(deps, REGISTRATION_PURPOSE, { courseId, userId }, REGISTRATION_TTL_S);
  return `${deps.config.origin}/api/lti/register?reg=${encodeURIComponent(token)}`;
}
