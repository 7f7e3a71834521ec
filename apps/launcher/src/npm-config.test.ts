import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from '@critic/db/env';
import { describe, expect, it } from 'vitest';

// npm 11 warns on every command about a key in .npmrc it does not know ("Unknown project config"); the
// onnxruntime-node install script is denied by allowScripts in package.json instead.
describe('npm configuration of the repository', () => {
  it('npm reads .npmrc without an unknown-config warning, and onnxruntime-node’s install script stays denied', () => {
    const run = spawnSync('npm', ['ls', '--depth=0', 'onnxruntime-node'], {
      cwd: repoRoot,
      encoding: 'utf8',
      env: { ...process.env, npm_config_loglevel: 'warn' },
    });
    expect(run.stderr).not.toMatch(/Unknown (project|user|env) config/);
    expect(run.stdout).toContain('onnxruntime-node@');
    const pkg = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as {
      allowScripts?: Record<string, boolean>;
    };
    expect(pkg.allowScripts?.['onnxruntime-node']).toBe(false);
  });
});
