import { createRequire } from 'node:module';
import { envVersion, listEnvs } from '@critic/envs';

const require = createRequire(import.meta.url);

function packageVersion(requireFrom: NodeJS.Require, path: string): string {
  return (requireFrom(path) as { version: string }).version;
}

/** `@critic/grader@<version>`, written into every evaluation (overridable with CRITIC_GRADER_VERSION). */
export const GRADER_VERSION = `@critic/grader@${packageVersion(require, '../package.json')}`;

/**
 * The env version an evaluation records: what defines the dynamics its episodes were played in.
 * A registered env: `<id>@dynamics-<n>` (`envVersion` of @critic/envs, bumped by its golden-digest
 * test when the dynamics change); a custom env: `<custom/…>@sha256:<source hash>` (its module's
 * content); homework checks run no env: `none`. (A Python-backed env's evaluations record the pinned
 * runtime's versions instead: `gradeAgent`'s `envVersion`.)
 */
export function evaluationEnvVersion(
  a: { kind: string; envId: string | null },
  customEnv: { version: string } | undefined,
): string {
  if (customEnv) return customEnv.version;
  if (a.kind === 'agent' && a.envId !== null)
    return listEnvs().some((e) => e.id === a.envId) ? envVersion(a.envId) : `${a.envId}@unversioned`;
  return 'none';
}
