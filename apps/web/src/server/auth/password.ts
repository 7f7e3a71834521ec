import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

/** scrypt's cost parameters: N = 2^logN, block size r, parallelism p. */
export interface ScryptCost {
  logN: number;
  r: number;
  p: number;
}

/** OWASP's recommended scrypt cost (N = 2^17, r = 8, p = 1: 128 MiB and ~0.4 s per hash here). */
export const DEFAULT_SCRYPT_COST: ScryptCost = { logN: 17, r: 8, p: 1 };

const SALT_BYTES = 16;
const KEY_BYTES = 32;
const PREFIX = 'scrypt';

function derive(password: string, salt: Buffer, cost: ScryptCost): Promise<Buffer> {
  const N = 2 ** cost.logN;
  // scrypt needs 128·N·r bytes (plus a little); Node refuses above `maxmem` (32 MiB by default).
  const maxmem = 128 * N * cost.r + 16 * 1024 * 1024;
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFKC'), salt, KEY_BYTES, { N, r: cost.r, p: cost.p, maxmem }, (err, key) =>
      err ? reject(err) : resolve(key),
    );
  });
}

/**
 * Hashes a password with scrypt and a fresh random salt. The result carries everything needed to
 * verify it later: `scrypt$<logN>$<r>$<p>$<salt b64url>$<key b64url>`.
 */
export async function hashPassword(
  password: string,
  cost: ScryptCost = DEFAULT_SCRYPT_COST,
): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const key = await derive(password, salt, cost);
  return [PREFIX, cost.logN, cost.r, cost.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

/** Parses a stored hash; undefined when it is not one of ours (or is damaged). */
function parseStored(stored: string): { cost: ScryptCost; salt: Buffer; key: Buffer } | undefined {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== PREFIX) return undefined;
  const [logN, r, p] = parts.slice(1, 4).map(Number) as [number, number, number];
  const ok = (n: number, lo: number, hi: number) => Number.isInteger(n) && n >= lo && n <= hi;
  if (!ok(logN, 1, 24) || !ok(r, 1, 32) || !ok(p, 1, 16)) return undefined;
  const salt = Buffer.from(parts[4]!, 'base64url');
  const key = Buffer.from(parts[5]!, 'base64url');
  if (salt.length === 0 || key.length === 0) return undefined;
  return { cost: { logN, r, p }, salt, key };
}

/** Whether `password` matches `stored` (cost read from the stored string; constant-time compare). */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parseStored(stored);
  if (parsed === undefined) return false;
  const key = await derive(password, parsed.salt, parsed.cost);
  return key.length === parsed.key.length && timingSafeEqual(key, parsed.key);
}

/** Whether a stored hash was made with less than `cost` and should be re-hashed at the next sign-in. */
export function needsRehash(stored: string, cost: ScryptCost): boolean {
  const parsed = parseStored(stored);
  return parsed === undefined || parsed.cost.logN < cost.logN || parsed.cost.r < cost.r;
}

let dummyHash: Promise<string> | undefined;

/**
 * Spends the same work as a real verification when the email is unknown, so the response time does
 * not reveal whether an account exists.
 */
export async function verifyAgainstDummy(password: string, cost: ScryptCost): Promise<false> {
  dummyHash ??= hashPassword('critic-dummy-password', cost);
  await verifyPassword(password, await dummyHash);
  return false;
}
