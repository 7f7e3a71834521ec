import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { missingSystemPackages, type SystemPackage, systemPackageWarnings } from './system-packages';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'critic-syspkg-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const tool = (name: string, mode: number) => {
  const file = path.join(dir, name);
  fs.writeFileSync(file, '#!/bin/sh\n');
  fs.chmodSync(file, mode);
  return file;
};

describe('system packages npm start checks', () => {
  const packages: SystemPackage[] = [
    { name: 'has-cmd', probes: ['cmd:tool-present'], disables: 'A' },
    { name: 'not-executable', probes: ['cmd:tool-plain'], disables: 'B' },
    { name: 'no-cmd', probes: ['cmd:tool-absent'], disables: 'C' },
    { name: 'has-file', probes: ['file:/nope/1', `file:${path.join(dir, 'lib.so')}`], disables: 'D' },
    { name: 'no-file', probes: ['file:/nope/2'], disables: 'E' },
  ];
  tool('tool-present', 0o755);
  tool('tool-plain', 0o644);
  fs.writeFileSync(path.join(dir, 'lib.so'), '');

  it('finds commands on PATH (executable only) and files by path; names what each missing one disables', () => {
    const missing = missingSystemPackages(`/nonexistent${path.delimiter}${dir}`, packages);
    expect(missing.map((p) => p.name)).toEqual(['not-executable', 'no-cmd', 'no-file']);
    expect(systemPackageWarnings(missing)).toEqual([
      'not-executable is not installed (apt-get install not-executable): B',
      'no-cmd is not installed (apt-get install no-cmd): C',
      'no-file is not installed (apt-get install no-file): E',
    ]);
  });

  it('an empty PATH finds no command', () => {
    expect(missingSystemPackages('', packages).map((p) => p.name)).toContain('has-cmd');
  });
});
