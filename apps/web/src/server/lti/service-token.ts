import { randomUUID } from 'node:crypto';
import type { Database, LtiPlatform } from '@critic/db';
import { SignJWT } from 'jose';
import { z } from 'zod';
import { LTI_ALG, signingKey } from './keys';

export const SCOPE = {
  lineItem: 'https://purl.imsglobal.org/spec/lti-ags/scope/lineitem',
  score: 'https://purl.imsglobal.org/spec/lti-ags/scope/score',
  resultReadonly: 'https://purl.imsglobal.org/spec/lti-ags/scope/result.readonly',
  nrps: 'https://purl.imsglobal.org/spec/lti-nrps/scope/contextmembership.readonly',
} as const;

/** A platform service call that failed: the LMS is down, refused us, or answered nonsense. */
export class LtiServiceError extends Error {
  override readonly name = 'LtiServiceError';
  constructor(
    message: string,
    /** The platform's HTTP status, when it answered. */
    readonly status?: number,
  ) {
    super(message);
  }
}

const TokenAnswer = z.object({ access_token: z.string().min(1), expires_in: z.coerce.number().optional() });
const cache = new Map<string, { token: string; until: number }>();

/**
 * An OAuth2 access token of the platform for `scopes` (LTI Security Framework: client credentials with a
 * JWT bearer assertion signed by Critic's key), cached until a minute before it expires.
 */
export async function serviceToken(
  db: Database,
  platform: LtiPlatform,
  scopes: readonly string[],
  now: Date,
): Promise<string> {
  const key = `${platform.id}|${[...scopes].sort().join(' ')}`;
  const hit = cache.get(key);
  if (hit !== undefined && hit.until > now.getTime()) return hit.token;
  const { kid, key: privateKey } = await signingKey(db);
  const iat = Math.floor(now.getTime() / 1000);
  const assertion = await new SignJWT({})
    .setProtectedHeader({ alg: LTI_ALG, kid, typ: 'JWT' })
    .setIssuer(platform.clientId)
    .setSubject(platform.clientId)
    .setAudience(platform.tokenAudience ?? platform.authTokenUrl)
    .setIssuedAt(iat)
    .setExpirationTime(iat + 300)
    .setJti(randomUUID())
    .sign(privateKey);
  let res: Response;
  try {
    res = await fetch(platform.authTokenUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
        client_assertion: assertion,
        scope: scopes.join(' '),
      }),
      signal: AbortSignal.timeout(15_000),
    });
  } catch (e) {
    throw new LtiServiceError(`token endpoint ${platform.authTokenUrl} unreachable: ${String(e)}`);
  }
  const text = await res.text();
  if (!res.ok)
    throw new LtiServiceError(`token endpoint answered ${res.status}: ${text.slice(0, 200)}`, res.status);
  let parsed: z.infer<typeof TokenAnswer>;
  try {
    parsed = TokenAnswer.parse(JSON.parse(text));
  } catch {
    throw new LtiServiceError(
      `token endpoint answered without an access_token: ${text.slice(0, 200)}`,
      res.status,
    );
  }
  const lifetimeS = parsed.expires_in ?? 3600;
  cache.set(key, { token: parsed.access_token, until: now.getTime() + Math.max(0, lifetimeS - 60) * 1000 });
  return parsed.access_token;
}

/** Forgets cached tokens of a platform (after a 401 from one of its services). */
export function forgetServiceTokens(platformId: string): void {
  for (const k of cache.keys()) if (k.startsWith(`${platformId}|`)) cache.delete(k);
}

/** Calls a platform service with a bearer token; a failure is a {@link LtiServiceError}. */
export async function callService(
  url: string,
  token: string,
  init: { method: string; accept?: string; contentType?: string; body?: unknown },
): Promise<Response> {
  let res: Response;
  try {
    res = await fetch(url, {
      method: init.method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(init.accept === undefined ? {} : { accept: init.accept }),
        ...(init.contentType === undefined ? {} : { 'content-type': init.contentType }),
      },
      ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
      signal: AbortSignal.timeout(15_000),
    });
  } catch (e) {
    throw new LtiServiceError(`${init.method} ${url} unreachable: ${String(e)}`);
  }
  if (!res.ok) {
    const text = await res.text().catch(() => '');
    throw new LtiServiceError(
      `${init.method} ${url} answered ${res.status}: ${text.slice(0, 200)}`,
      res.status,
    );
  }
  return res;
}
