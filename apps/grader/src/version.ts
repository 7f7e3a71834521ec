import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

function packageVersion(requireFrom: NodeJS.Require, path: string): string {
  return (requireFrom(path) as { version: string }).version;
}

/** `@critic/grader@<version>`, written into every evaluation (overridable with CRITIC_GRADER_VERSION). */
export const GRADER_VERSION = `@critic/grader@${packageVersion(require, '../package.json')}`;

/** `@critic/envs@<version>`: the env code that produced the episodes (its package.json is beside src/). */
export const ENV_VERSION = `@critic/envs@${packageVersion(
  createRequire(require.resolve('@critic/envs')),
  '../package.json',
)}`;
