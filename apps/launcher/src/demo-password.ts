import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/** Letters and digits that cannot be mistaken for one another (no 0/O, 1/l/I). */
const ALPHABET = 'abcdefghijkmnpqrstuvwxyz23456789';

/** A fresh 16-character password (80 bits) from the unambiguous alphabet. */
export function newDemoPassword(): string {
  return Array.from(randomBytes(16), (b) => ALPHABET[b % ALPHABET.length]).join('');
}

/**
 * The demo accounts' password, kept in `file` (mode 0600) so every start signs in with the same one;
 * made and saved on the first call. A file that holds no usable password (under 10 characters) is an error.
 */
export function demoPassword(file: string): { password: string; created: boolean } {
  let text: string | undefined;
  try {
    text = readFileSync(file, 'utf8').trim();
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  if (text !== undefined) {
    if (text.length < 10) {
      throw new Error(
        `demo password file ${file}: expected a password of at least 10 characters, found ${text.length}`,
      );
    }
    return { password: text, created: false };
  }
  const password = newDemoPassword();
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${password}\n`, { mode: 0o600, flag: 'wx' });
  return { password, created: true };
}
