import { mkdirSync, mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { newestMtime, webBuildStatus } from './web-build';

function touch(file: string, secondsAgo: number) {
  writeFileSync(file, 'x');
  const t = Date.now() / 1000 - secondsAgo;
  utimesSync(file, t, t);
}

describe('webBuildStatus', () => {
  it('stale without a build, fresh after it, stale again when a source changes (node_modules and dot-folders ignored)', () => {
    const root = mkdtempSync(join(tmpdir(), 'critic-build-'));
    const web = join(root, 'web');
    const src = join(web, 'src', 'deep');
    mkdirSync(src, { recursive: true });
    mkdirSync(join(web, 'src', 'node_modules'), { recursive: true });
    touch(join(src, 'page.tsx'), 100);
    expect(webBuildStatus(web, [join(web, 'src')])).toEqual({
      stale: true,
      reason: 'no production build yet (.next/BUILD_ID is missing)',
    });
    mkdirSync(join(web, '.next'));
    touch(join(web, '.next', 'BUILD_ID'), 50);
    touch(join(web, 'src', 'node_modules', 'dep.js'), 0);
    expect(webBuildStatus(web, [join(web, 'src'), join(web, 'missing.ts')]).stale).toBe(false);
    touch(join(src, 'page.tsx'), 0);
    expect(webBuildStatus(web, [join(web, 'src')])).toEqual({
      stale: true,
      reason: `${join(web, 'src')} changed since the last build`,
    });
    expect(newestMtime(join(src, 'page.tsx'))).toBeGreaterThan(Date.now() - 5_000);
  });
});
