import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, normalize, sep } from 'node:path';

/** A submission's files written to a fresh folder that the sandbox mounts read-only. */
export interface SubmissionDir {
  /** The folder. */
  dir: string;
  /** Deletes it. */
  remove(): Promise<void>;
}

/**
 * Writes `files` (relative paths → bytes; already validated, e.g. by unzipArtifact) into a new
 * temporary folder, world-readable so the sandbox's unprivileged uid can read it.
 */
export async function writeSubmissionDir(files: Record<string, Uint8Array>): Promise<SubmissionDir> {
  const dir = await mkdtemp(join(tmpdir(), 'critic-py-'));
  try {
    await chmod(dir, 0o755);
    for (const [name, bytes] of Object.entries(files)) {
      const rel = normalize(name);
      if (rel.startsWith('..') || rel.startsWith(sep) || rel.includes(`${sep}..${sep}`) || rel === '.') {
        throw new RangeError(`writeSubmissionDir: unsafe path ${JSON.stringify(name)}`);
      }
      const path = join(dir, rel);
      let d = dirname(path);
      const made: string[] = [];
      while (d.length > dir.length) {
        made.push(d);
        d = dirname(d);
      }
      await mkdir(dirname(path), { recursive: true });
      for (const m of made) await chmod(m, 0o755);
      await writeFile(path, bytes, { mode: 0o644 });
    }
  } catch (e) {
    await rm(dir, { recursive: true, force: true });
    throw e;
  }
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}
