import {
  consumeLtiLogin,
  findLtiPlatform,
  hasLtiDeployment,
  type LtiLogin,
  type LtiPlatform,
} from '@critic/db';
import { decodeJwt, errors, jwtVerify } from 'jose';
import { ApiError } from '../api-error';
import type { ApiDeps } from '../deps';
import { CLAIM, LaunchClaims } from './claims';
import { LTI_ALG } from './keys';
import { platformKeys } from './platform-keys';

/** A launch whose id_token passed every check. */
export interface VerifiedLaunch {
  platform: LtiPlatform;
  claims: LaunchClaims;
  login: LtiLogin;
}

const refuse = (code: string, message: string, field = 'id_token') =>
  new ApiError(401, code, `LTI launch refused: ${message}`, { field });

function audiences(aud: unknown): string[] {
  if (typeof aud === 'string') return [aud];
  return Array.isArray(aud) ? aud.filter((a): a is string => typeof a === 'string') : [];
}

/**
 * Verifies a launch (OIDC form post of `id_token` and `state`) before anything is created: the platform
 * is known (issuer + audience); the signature verifies against the platform's JWKS; issuer, audience
 * (and `azp`), expiry and issued-at hold; the claims are LTI 1.3; the deployment is registered; the
 * state was issued by our login initiation, is used once and unexpired, and its nonce is the token's.
 */
export async function verifyLaunch(
  deps: ApiDeps,
  input: { idToken: string; state: string; stateCookie: string | undefined },
): Promise<VerifiedLaunch> {
  const { db, now } = deps;
  let unverified: ReturnType<typeof decodeJwt>;
  try {
    unverified = decodeJwt(input.idToken);
  } catch {
    throw new ApiError(400, 'lti_invalid_token', 'LTI launch refused: id_token is not a JWT', {
      field: 'id_token',
    });
  }
  const issuer = typeof unverified.iss === 'string' ? unverified.iss : '';
  const auds = audiences(unverified.aud);
  const azp = typeof unverified.azp === 'string' ? unverified.azp : undefined;
  let platform: LtiPlatform | undefined;
  for (const aud of azp === undefined ? auds : [azp]) {
    platform ??= await findLtiPlatform(db, issuer, aud);
  }
  if (platform === undefined) {
    const known = await findLtiPlatform(db, issuer, undefined);
    if (known !== undefined) {
      throw refuse(
        'lti_wrong_audience',
        `the id_token's audience ${JSON.stringify(auds)} is not this tool's client id "${known.clientId}" on ${issuer}`,
      );
    }
    throw refuse('lti_unknown_platform', `no platform with issuer "${issuer}" is registered with Critic`);
  }
  try {
    await jwtVerify(input.idToken, platformKeys(platform.keysetUrl), {
      issuer: platform.issuer,
      audience: platform.clientId,
      algorithms: [LTI_ALG],
      currentDate: now(),
      requiredClaims: ['exp', 'iat', 'nonce', 'sub'],
      clockTolerance: 5,
    });
  } catch (e) {
    if (e instanceof errors.JWTExpired) {
      const exp =
        typeof unverified.exp === 'number' ? new Date(unverified.exp * 1000).toISOString() : 'unknown';
      throw refuse('lti_expired', `the id_token expired (exp ${exp}); launch again from the LMS`);
    }
    if (e instanceof errors.JWSSignatureVerificationFailed || e instanceof errors.JWKSNoMatchingKey) {
      throw refuse(
        'lti_bad_signature',
        `the id_token's signature does not verify against the platform's keys (${platform.keysetUrl})`,
      );
    }
    if (e instanceof errors.JWTClaimValidationFailed) {
      if (e.claim === 'aud') {
        throw refuse(
          'lti_wrong_audience',
          `the id_token's audience is not this tool's client id "${platform.clientId}"`,
        );
      }
      throw refuse('lti_invalid_claim', `the id_token's "${e.claim}" claim is invalid: ${e.message}`);
    }
    if (e instanceof errors.JOSEError)
      throw refuse('lti_invalid_token', `the id_token is invalid: ${e.message}`);
    throw new ApiError(
      503,
      'lti_platform_unreachable',
      `LTI launch failed: could not read the platform's keys at ${platform.keysetUrl}`,
      {
        cause: e,
      },
    );
  }
  if (azp !== undefined && azp !== platform.clientId) {
    throw refuse(
      'lti_wrong_audience',
      `the id_token's azp "${azp}" is not this tool's client id "${platform.clientId}"`,
    );
  }
  const parsed = LaunchClaims.safeParse(unverified);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const claim = issue?.path.join('.') ?? 'claims';
    throw new ApiError(
      400,
      'lti_invalid_claims',
      `LTI launch refused: claim ${claim}: ${issue?.message ?? 'invalid'}`,
      {
        field: claim,
      },
    );
  }
  const claims = parsed.data;
  const deploymentId = claims[CLAIM.deploymentId];
  if (!(await hasLtiDeployment(db, platform.id, deploymentId))) {
    throw new ApiError(
      403,
      'lti_unknown_deployment',
      `LTI launch refused: deployment "${deploymentId}" of ${platform.issuer} is not registered with Critic`,
      { field: 'deployment_id' },
    );
  }
  if (input.stateCookie !== undefined && input.stateCookie !== input.state) {
    throw refuse('lti_state_mismatch', 'the state does not belong to this browser', 'state');
  }
  const used = await consumeLtiLogin(db, input.state, now());
  if ('refused' in used) {
    const why = {
      unknown: 'the state was not issued by Critic (start the launch from the LMS)',
      used: 'this launch was already used (replayed nonce)',
      expired: 'the login expired before the launch; launch again from the LMS',
    }[used.refused];
    throw refuse(used.refused === 'used' ? 'lti_replayed' : 'lti_bad_state', why, 'state');
  }
  const nonce = typeof unverified.nonce === 'string' ? unverified.nonce : '';
  if (used.login.nonce !== nonce || used.login.platformId !== platform.id) {
    throw refuse(
      'lti_replayed',
      "the id_token's nonce is not the one of this login (replayed or forged)",
      'nonce',
    );
  }
  return { platform, claims, login: used.login };
}
