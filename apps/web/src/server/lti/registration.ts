import { type LtiPlatform, upsertLtiPlatform } from '@critic/db';
import { z } from 'zod';
import { ApiError } from '../api-error';
import type { ApiDeps } from '../deps';
import { SCOPE } from './service-token';

/** The platform's OpenID configuration, as far as registration needs it (LTI Dynamic Registration 1.0). */
const OpenIdConfiguration = z.object({
  issuer: z.url(),
  authorization_endpoint: z.url(),
  token_endpoint: z.url(),
  jwks_uri: z.url(),
  registration_endpoint: z.url(),
  authorization_server: z.string().optional(),
  'https://purl.imsglobal.org/spec/lti-platform-configuration': z
    .object({ product_family_code: z.string().optional(), version: z.string().optional() })
    .optional(),
});

const RegistrationAnswer = z.object({
  client_id: z.string().min(1),
  'https://purl.imsglobal.org/spec/lti-tool-configuration': z
    .object({ deployment_id: z.string().min(1).optional() })
    .optional(),
});

const bad = (message: string, field: string) =>
  new ApiError(400, 'lti_registration_failed', message, { field });

async function fetchJson(url: string, init: RequestInit, what: string): Promise<unknown> {
  let res: Response;
  try {
    res = await fetch(url, { ...init, signal: AbortSignal.timeout(15_000) });
  } catch (e) {
    throw new ApiError(503, 'lti_platform_unreachable', `${what}: ${url} is unreachable (${String(e)})`);
  }
  const text = await res.text();
  if (!res.ok)
    throw new ApiError(
      503,
      'lti_platform_refused',
      `${what}: ${url} answered ${res.status}: ${text.slice(0, 300)}`,
    );
  try {
    return JSON.parse(text);
  } catch {
    throw new ApiError(503, 'lti_platform_refused', `${what}: ${url} did not answer JSON`);
  }
}

/** The tool's endpoints as platforms must be told them. */
export function toolUrls(origin: string) {
  return {
    login: `${origin}/api/lti/login`,
    launch: `${origin}/api/lti/launch`,
    jwks: `${origin}/api/lti/jwks`,
    deepLinking: `${origin}/api/lti/launch`,
  };
}

/**
 * LTI Dynamic Registration: reads the platform's OpenID configuration (its issuer must be the origin
 * the configuration is served from), registers Critic with the platform's registration endpoint
 * (bearer = the one-time registration token), and stores the client and its deployment for `courseId`.
 */
export async function registerDynamically(
  deps: ApiDeps,
  input: {
    openidConfiguration: string;
    registrationToken: string | undefined;
    courseId: string;
    userId: string;
  },
): Promise<LtiPlatform> {
  let configUrl: URL;
  try {
    configUrl = new URL(input.openidConfiguration);
  } catch {
    throw bad('openid_configuration must be a URL', 'openid_configuration');
  }
  const raw = await fetchJson(
    configUrl.toString(),
    { headers: { accept: 'application/json' } },
    'openid configuration',
  );
  const parsed = OpenIdConfiguration.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw bad(`openid configuration: ${issue?.path.join('.')}: ${issue?.message}`, 'openid_configuration');
  }
  const config = parsed.data;
  if (!configUrl.toString().startsWith(config.issuer.replace(/\/$/, ''))) {
    throw bad(
      `openid configuration at ${configUrl} names issuer ${config.issuer}, which is not where it is served from`,
      'openid_configuration',
    );
  }
  const urls = toolUrls(deps.config.origin);
  const host = new URL(deps.config.origin).host;
  const answer = await fetchJson(
    config.registration_endpoint,
    {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/json',
        ...(input.registrationToken === undefined
          ? {}
          : { authorization: `Bearer ${input.registrationToken}` }),
      },
      body: JSON.stringify({
        application_type: 'web',
        response_types: ['id_token'],
        grant_types: ['implicit', 'client_credentials'],
        initiate_login_uri: urls.login,
        redirect_uris: [urls.launch],
        client_name: 'Critic',
        jwks_uri: urls.jwks,
        token_endpoint_auth_method: 'private_key_jwt',
        scope: [SCOPE.lineItem, SCOPE.score, SCOPE.resultReadonly, SCOPE.nrps].join(' '),
        'https://purl.imsglobal.org/spec/lti-tool-configuration': {
          domain: host,
          target_link_uri: urls.launch,
          description: 'Auto-grading and leaderboards for reinforcement-learning courses',
          claims: ['iss', 'sub', 'name', 'given_name', 'family_name', 'email'],
          messages: [
            {
              type: 'LtiDeepLinkingRequest',
              target_link_uri: urls.deepLinking,
              label: 'Add a Critic assignment',
            },
          ],
        },
      }),
    },
    'registration',
  );
  const reg = RegistrationAnswer.safeParse(answer);
  if (!reg.success) throw bad('the platform answered the registration without a client_id', 'registration');
  const deploymentId = reg.data['https://purl.imsglobal.org/spec/lti-tool-configuration']?.deployment_id;
  const family = config['https://purl.imsglobal.org/spec/lti-platform-configuration']?.product_family_code;
  return upsertLtiPlatform(deps.db, {
    name: `${family ?? 'LMS'} (${new URL(config.issuer).host})`,
    issuer: config.issuer,
    clientId: reg.data.client_id,
    authLoginUrl: config.authorization_endpoint,
    authTokenUrl: config.token_endpoint,
    keysetUrl: config.jwks_uri,
    tokenAudience: config.authorization_server ?? null,
    courseId: input.courseId,
    createdBy: input.userId,
    deploymentIds: deploymentId === undefined ? [] : [deploymentId],
  });
}
