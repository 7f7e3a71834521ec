import {
  approveProject,
  createCustomEnv,
  type EnqueueBaselineOptions,
  recordCustomEnvCheck,
  registerProject,
} from '@critic/db';
import type { CustomEnvReport } from '@critic/runner';
import { type Harness, seedAssignment } from './harness';

/** Options of `approvedCustomEnvProject`. */
export interface CustomEnvProjectOptions {
  /** The check report stored for the env (e.g. `checkCustomEnv` of the source, or of a good env). */
  report: CustomEnvReport;
  /** Episodes of the project's assignment per split. */
  publicEpisodes: number;
  privateEpisodes: number;
  /** Baseline jobs enqueued on approval (less `requestedBy`); false for none. */
  baselines: Omit<EnqueueBaselineOptions, 'requestedBy'> | false;
  /** `python`: `source` is an env.py (or a zip of it and its assets) run by Gymnasium in the Python sandbox (default `js`). */
  language?: 'js' | 'python';
}

/**
 * A fresh course whose team's project runs in `custom/line-walk` made from `source` (a module's or
 * env.py's text, or the bytes of a Python env's zip; episodes cut at 40 steps), checked with
 * `options.report`, registered and approved (open now, due tomorrow).
 */
export async function approvedCustomEnvProject(
  h: Harness,
  source: string | Uint8Array,
  options: CustomEnvProjectOptions,
) {
  const seed = await seedAssignment(h.db);
  const blob = await h.blobs.put(typeof source === 'string' ? new TextEncoder().encode(source) : source);
  const env = await createCustomEnv(h.db, {
    courseId: seed.course.id,
    teamId: seed.team.id,
    envId: 'custom/line-walk',
    sourceSha256: blob.sha256,
    maxEpisodeSteps: 40,
    language: options.language ?? 'js',
    uploadedBy: seed.student.id,
  });
  const { report } = options;
  await recordCustomEnvCheck(h.db, { customEnvId: env.id, report, passed: report.passed });
  const project = await registerProject(h.db, {
    courseId: seed.course.id,
    teamId: seed.team.id,
    title: 'Line walk',
    envId: 'custom/line-walk',
  });
  const { assignment } = await approveProject(h.db, {
    projectId: project.id,
    reviewerId: seed.instructor.id,
    publicEpisodes: options.publicEpisodes,
    privateEpisodes: options.privateEpisodes,
    opensAt: new Date(Date.now() - 3_600_000),
    dueAt: new Date(Date.now() + 86_400_000),
    baselines:
      options.baselines === false ? false : { ...options.baselines, requestedBy: seed.instructor.id },
  });
  return { ...seed, assignment };
}
