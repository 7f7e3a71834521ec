import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** One recorded Gymnasium episode (see shared/reference/gym/README.md). */
export interface ReferenceEpisode {
  description: string;
  reset_seed: number;
  initial_state: number[];
  initial_state_dtype: 'float32' | 'float64';
  initial_observation?: number[];
  actions: number[];
  observations: number[][];
  rewards: number[];
  terminated: boolean[];
  truncated: boolean[];
  states: number[][];
  length: number;
  return: number;
  final: string;
}

export interface ReferenceFile {
  file: string;
  env_id: string;
  max_episode_steps: number;
  action_encoding: string;
  episodes: ReferenceEpisode[];
}

const here = dirname(fileURLToPath(import.meta.url));

/**
 * Directories searched for reference trajectories, later ones overriding earlier files of the same
 * name: the vendored copy, the project's shared reference (when checked out beside the repo), and
 * `CRITIC_GYM_REFERENCE_DIR` (to replay other recorded episodes of the same kinds).
 */
export function referenceDirs(): string[] {
  const dirs = [join(here, 'fixtures', 'gym'), resolve(here, '../../../../shared/reference/gym')];
  const extra = process.env.CRITIC_GYM_REFERENCE_DIR;
  if (extra) dirs.push(resolve(extra));
  return dirs.filter((d) => existsSync(d));
}

/** Every episode file (JSON with `env_id` and `episodes`) found in the reference directories. */
export function loadReferenceFiles(): ReferenceFile[] {
  const byName = new Map<string, ReferenceFile>();
  for (const dir of referenceDirs()) {
    for (const name of readdirSync(dir)
      .filter((n) => n.endsWith('.json'))
      .sort()) {
      const data = JSON.parse(readFileSync(join(dir, name), 'utf8')) as Partial<ReferenceFile>;
      if (typeof data.env_id !== 'string' || !Array.isArray(data.episodes)) continue;
      byName.set(name, { ...(data as ReferenceFile), file: join(dir, name) });
    }
  }
  return [...byName.values()];
}

/** Distance between two numbers in float32 ulps at `b` (b a float32 value). */
export function float32UlpDistance(a: number, b: number): number {
  if (a === b) return 0;
  const f = new Float32Array(1);
  const i = new Int32Array(f.buffer);
  f[0] = b;
  const bits = i[0]!;
  i[0] = bits + 1;
  const up = Math.abs(f[0]! - b);
  return Math.abs(a - b) / up;
}
