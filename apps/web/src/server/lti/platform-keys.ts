import { createRemoteJWKSet } from 'jose';

type RemoteKeys = ReturnType<typeof createRemoteJWKSet>;
const sets = new Map<string, RemoteKeys>();

/**
 * A platform's JWKS, fetched on first use and cached by jose (refetched when a token names an unknown
 * `kid`, at most every 30 s), one set per URL per process.
 */
export function platformKeys(keysetUrl: string): RemoteKeys {
  let set = sets.get(keysetUrl);
  if (set === undefined) {
    set = createRemoteJWKSet(new URL(keysetUrl), { timeoutDuration: 10_000 });
    sets.set(keysetUrl, set);
  }
  return set;
}
