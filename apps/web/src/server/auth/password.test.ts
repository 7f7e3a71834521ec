import { describe, expect, it } from 'vitest';
import { hashPassword, needsRehash, verifyPassword } from './password';

const cheap = { logN: 10, r: 8, p: 1 };

describe('password hashing (scrypt)', () => {
  it('verifies the right password only, with a fresh salt per hash', async () => {
    const a = await hashPassword('correct horse battery', cheap);
    const b = await hashPassword('correct horse battery', cheap);
    expect(a).toMatch(/^scrypt\$10\$8\$1\$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword('correct horse battery', a)).toBe(true);
    expect(await verifyPassword('correct horse batterx', a)).toBe(false);
    expect(await verifyPassword('', a)).toBe(false);
  });

  it('reads the cost from the stored string, so raising the default keeps old hashes valid', async () => {
    const old = await hashPassword('pw-1234567890', cheap);
    expect(await verifyPassword('pw-1234567890', old)).toBe(true);
    expect(needsRehash(old, { logN: 12, r: 8, p: 1 })).toBe(true);
    expect(needsRehash(old, cheap)).toBe(false);
  });

  it('treats a damaged or foreign hash as a mismatch, not a crash', async () => {
    expect(await verifyPassword('x', 'plaintext')).toBe(false);
    expect(await verifyPassword('x', 'scrypt$99$8$1$AAAA$AAAA')).toBe(false);
    expect(await verifyPassword('x', 'bcrypt$10$8$1$AAAA$AAAA')).toBe(false);
  });
});
