import { createLocalJWKSet, type JWK, type JWTPayload, jwtVerify, SignJWT } from 'jose';
import type { ApiDeps } from '../deps';
import { LTI_ALG, publicJwks, signingKey } from './keys';

/**
 * Short messages Critic signs for itself with its LTI key (a deep-linking session, a registration
 * link), so the flow needs no extra table: `purpose` keeps one kind from being used as another.
 */
export async function signSelfToken(
  deps: ApiDeps,
  purpose: string,
  payload: JWTPayload,
  ttlSeconds: number,
): Promise<string> {
  const { kid, key } = await signingKey(deps.db);
  const iat = Math.floor(deps.now().getTime() / 1000);
  return new SignJWT({ ...payload, purpose })
    .setProtectedHeader({ alg: LTI_ALG, kid })
    .setIssuer(deps.config.origin)
    .setAudience(deps.config.origin)
    .setIssuedAt(iat)
    .setExpirationTime(iat + ttlSeconds)
    .sign(key);
}

/** The payload of a self-signed token of `purpose`, or undefined when it is forged, expired or another kind. */
export async function readSelfToken(
  deps: ApiDeps,
  purpose: string,
  token: string,
): Promise<JWTPayload | undefined> {
  try {
    const keys = createLocalJWKSet((await publicJwks(deps.db)) as { keys: JWK[] });
    const { payload } = await jwtVerify(token, keys, {
      issuer: deps.config.origin,
      audience: deps.config.origin,
      algorithms: [LTI_ALG],
      currentDate: deps.now(),
    });
    return payload.purpose === purpose ? payload : undefined;
  } catch {
    return undefined;
  }
}
