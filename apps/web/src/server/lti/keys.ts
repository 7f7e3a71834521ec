import { randomUUID } from 'node:crypto';
import { currentLtiKey, type Database, publishedLtiKeys, storeLtiKey } from '@critic/db';
import { type CryptoKey, exportJWK, generateKeyPair, importJWK, type JWK } from 'jose';

/** Algorithm of every JWT Critic signs for LTI (the spec requires RS256 support). */
export const LTI_ALG = 'RS256';

/** Critic's signing key as jose uses it. */
export interface SigningKey {
  kid: string;
  key: CryptoKey;
}

async function newKey(): Promise<{
  kid: string;
  publicJwk: Record<string, unknown>;
  privateJwk: Record<string, unknown>;
}> {
  const { publicKey, privateKey } = await generateKeyPair(LTI_ALG, {
    modulusLength: 2048,
    extractable: true,
  });
  const kid = randomUUID();
  const meta = { kid, alg: LTI_ALG, use: 'sig' };
  const publicJwk = { ...(await exportJWK(publicKey)), ...meta } as Record<string, unknown>;
  const privateJwk = { ...(await exportJWK(privateKey)), ...meta } as Record<string, unknown>;
  return { kid, publicJwk, privateJwk };
}

/** The key that signs now; the first call ever makes one (serialised in the database). */
export async function signingKey(db: Database): Promise<SigningKey> {
  const row = (await currentLtiKey(db)) ?? (await storeLtiKey(db, await newKey(), { onlyIfNone: true }));
  return { kid: row.kid, key: (await importJWK(row.privateJwk as JWK, LTI_ALG)) as CryptoKey };
}

/** Makes a new signing key and retires the current one (which the JWKS keeps serving as the previous). */
export async function rotateSigningKey(db: Database): Promise<string> {
  return (await storeLtiKey(db, await newKey())).kid;
}

/** Critic's public JWKS: the current key and the previous one. */
export async function publicJwks(db: Database): Promise<{ keys: JWK[] }> {
  await signingKey(db);
  return { keys: (await publishedLtiKeys(db)) as JWK[] };
}
