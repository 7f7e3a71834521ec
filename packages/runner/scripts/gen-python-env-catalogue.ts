/**
 * Writes packages/envs/src/python-envs/catalogue.generated.json from the pinned Python runtime: every
 * Python-backed registered env with its spaces, step limit and versions, so the web lists them
 * without starting Python. Run `npx tsx scripts/gen-python-env-catalogue.ts` after changing the lock
 * or gym_envs.py; src/python-env/catalogue.test.ts fails while the file is stale.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describePythonEnvs } from '../src/python-env/python-env-process';

const out = join(
  dirname(fileURLToPath(import.meta.url)),
  '..',
  '..',
  'envs',
  'src',
  'python-envs',
  'catalogue.generated.json',
);
const catalogue = await describePythonEnvs();
writeFileSync(out, `${JSON.stringify(catalogue, null, 2)}\n`);
execFileSync('npx', ['biome', 'format', '--write', out], { stdio: 'inherit' });
console.log(`wrote ${out}`);
