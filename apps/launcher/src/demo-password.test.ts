import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { demoPassword, newDemoPassword } from './demo-password';

describe('demoPassword', () => {
  it('makes a password once, saves it owner-only, and returns the same one afterwards', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'critic-launcher-')), 'nested', 'demo-password');
    const first = demoPassword(file);
    expect(first.created).toBe(true);
    expect(first.password).toMatch(/^[a-km-z2-9]{16}$/);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, 'utf8')).toBe(`${first.password}\n`);
    expect(demoPassword(file)).toEqual({ password: first.password, created: false });
  });

  it('refuses a file with a password shorter than the API accepts, naming the file and the length', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'critic-launcher-')), 'demo-password');
    writeFileSync(file, 'short\n');
    expect(() => demoPassword(file)).toThrow(
      /demo-password: expected a password of at least 10 characters, found 5/,
    );
  });

  it('new passwords differ', () => {
    expect(new Set(Array.from({ length: 20 }, newDemoPassword)).size).toBe(20);
  });
});
