import {
  createSubmission,
  finishAttempt,
  recordCustomEnvCheck,
  recordEvaluation,
  startAttempt,
} from '@critic/db';
import { checkPythonEnv, pythonEnvCustomReport, pythonEnvFiles } from '@critic/runner';
import { WALK_ENV_PY, walkEnvPyWith, walkEnvZip } from '@critic/runner/testing';
import { strToU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { decodeGif } from '~/lib/gif/decode';
import {
  authed,
  courseWithMembers,
  expectJson,
  joinTeam,
  type TestUser,
} from '../../../test/support/accounts';
import { apiHarnessPerFile } from '../../../test/support/harness';

const h = apiHarnessPerFile();

type Check = { name: string; passed: boolean; message?: string };
type CustomEnv = { id: string; envId: string; status: string; report: { checks: Check[] } | null };

function uploadEnv(who: TestUser, courseId: string, name: string, file: File) {
  const form = new FormData();
  form.append('file', file);
  form.append('name', name);
  form.append('maxEpisodeSteps', '30');
  return authed(h, who.cookie, `/api/courses/${courseId}/custom-envs`, { method: 'POST', body: form });
}

/** The walk env (env.py + goal.json, the shared fixture) zipped as a group uploads it. */
const walkZip = (goal: number, envPy?: string) => new File([walkEnvZip(goal, envPy)], 'walk.zip');

/**
 * Uploads a Python env (202: its check is queued for the grader), then does what the grader's check
 * job does — Gymnasium's check_env in the sandbox, the report written back — and returns the listed env.
 */
async function uploadChecked(who: TestUser, courseId: string, name: string, file: File) {
  const queued = await expectJson<CustomEnv>(await uploadEnv(who, courseId, name, file), 202);
  expect(queued.status).toBe('queued');
  const files = pythonEnvFiles(new Uint8Array(await file.arrayBuffer()));
  const report = pythonEnvCustomReport(await checkPythonEnv(files));
  await recordCustomEnvCheck(h.deps.db, { customEnvId: queued.id, report, passed: report.passed });
  const listed = await expectJson<CustomEnv[]>(
    await authed(h, who.cookie, `/api/courses/${courseId}/custom-envs`),
    200,
  );
  return listed.find((e) => e.id === queued.id)!;
}

describe("a group's own Python env through the API", () => {
  it('env.py + assets checked by check_env, registered, approved, its spaces shown, episodes replayed as GIF', async () => {
    const { course, instructor, students } = await courseWithMembers(h, { students: 1 });
    const a = students[0]!;
    await joinTeam(h, course.id, a, [], 'Walkers');

    // Broken: a float64 observation in a float32 Box, refused with check_env's message.
    const broken = await uploadChecked(
      a,
      course.id,
      'walk-bad',
      walkZip(
        6,
        walkEnvPyWith('np.array([self.x], dtype=np.float32), {}', 'np.array([self.x], dtype=np.float64), {}'),
      ),
    );
    expect(broken.status).toBe('rejected');
    expect(broken.report!.checks.find((c) => !c.passed)?.message).toMatch(/not within the observation space/);
    const plain = await uploadEnv(a, course.id, 'walk-x', new File([WALK_ENV_PY], 'walk.py'));
    expect((await plain.json()) as unknown).toMatchObject({
      error: { field: 'file', message: expect.stringMatching(/env\.py/) },
    });

    const good = await uploadChecked(a, course.id, 'walk', walkZip(6));
    expect([good.envId, good.status]).toEqual(['custom/walk', 'accepted']);
    expect(good.report!.checks[0]).toMatchObject({ name: 'check_env', passed: true });

    const project = await expectJson<{ id: string }>(
      await authed(h, a.cookie, `/api/courses/${course.id}/projects`, {
        method: 'POST',
        json: { title: 'Walk', envId: 'custom/walk', direction: 'maximize' },
      }),
      201,
    );
    const now = h.deps.now().getTime();
    const approved = await expectJson<{ assignmentId: string }>(
      await authed(h, instructor.cookie, `/api/projects/${project.id}/approve`, {
        method: 'POST',
        json: {
          publicEpisodes: 1,
          privateEpisodes: 2,
          opensAt: new Date(now - 3_600_000).toISOString(),
          dueAt: new Date(now + 86_400_000).toISOString(),
          baselines: false,
        },
      }),
      200,
    );
    const detail = await expectJson<{ env: Record<string, unknown> }>(
      await authed(h, a.cookie, `/api/assignments/${approved.assignmentId}`),
      200,
    );
    expect(detail.env).toMatchObject({
      id: 'custom/walk',
      observationSpace: { type: 'Box', shape: [1], low: [0], high: [6] },
      actionSpace: { type: 'Discrete', n: 2 },
    });

    // An episode in the env replays through its own render(rgb_array) in the sandbox.
    const key = await h.deps.blobs.put(
      strToU8(JSON.stringify({ env: 'custom/walk', seed: 1, actions: [1, 1, 0] })),
    );
    const { submission } = await createSubmission(h.deps.db, {
      assignmentId: approved.assignmentId,
      userId: a.user.id,
      artifactSha256: key.sha256,
      artifactSize: key.size,
      format: 'js-agent',
    });
    await startAttempt(h.deps.db, { submissionId: submission.id, attempt: 1, total: 1 });
    const { evaluation } = await recordEvaluation(h.deps.db, {
      submissionId: submission.id,
      attempt: 1,
      split: 'public',
      stats: { n: 1, mean: -3, std: 0, ciLow: -3, ciHigh: -3, iqm: -3, min: -3, max: -3 },
      graderVersion: 'test',
      envVersion: 'test',
      episodes: [
        {
          index: 0,
          seed: 1,
          return: -3,
          length: 3,
          terminated: false,
          truncated: false,
          trajectoryKey: key.sha256,
        },
      ],
    });
    await finishAttempt(h.deps.db, { submissionId: submission.id, attempt: 1 });
    const res = await authed(h, instructor.cookie, `/api/evaluations/${evaluation.id}/episodes/0/replay.gif`);
    expect(res.status, await res.clone().text()).toBe(200);
    const gif = decodeGif(new Uint8Array(await res.arrayBuffer()));
    expect([gif.width, gif.height, gif.frames.length]).toEqual([56, 16, 4]);
    const frames = await authed(h, instructor.cookie, `/api/evaluations/${evaluation.id}/episodes/0/frames`);
    expect(frames.status).toBe(422);
  }, 300_000);
});
