import {
  createSubmission,
  finishAttempt,
  recordCustomEnvCheck,
  recordEvaluation,
  startAttempt,
} from '@critic/db';
import { checkCustomEnv } from '@critic/runner';
import { BROKEN_ENVS, LINE_WALK } from '@critic/runner/testing';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import {
  authed,
  courseWithMembers,
  expectJson,
  joinTeam,
  type TestUser,
} from '../../../test/support/accounts';
import { onnxPolicy, uploadForm } from '../../../test/support/grading';
import { apiHarnessPerFile } from '../../../test/support/harness';

const h = apiHarnessPerFile();

type Check = { name: string; passed: boolean; message?: string };
type CustomEnv = { id: string; envId: string; status: string; report: { checks: Check[] } | null };
type Project = {
  id: string;
  status: string;
  envId: string;
  customEnvId: string | null;
  assignmentId: string | null;
};
type ErrorBody = { error: { code: string; message: string; field?: string } };

/** Records a graded submission by `userId` with one private episode whose trajectory is `trajectory`; its evaluation id. */
async function gradedEpisode(
  assignmentId: string,
  userId: string,
  trajectory: { env: string; seed: number; actions: number[] },
) {
  const db = h.deps.db;
  const key = await h.deps.blobs.put(new TextEncoder().encode(JSON.stringify(trajectory)));
  const { submission } = await createSubmission(db, {
    assignmentId,
    userId,
    artifactSha256: key.sha256,
    artifactSize: key.size,
    format: 'js-agent',
  });
  await startAttempt(db, { submissionId: submission.id, attempt: 1, total: 1 });
  const stats = { n: 1, mean: 0, std: 0, ciLow: 0, ciHigh: 0, iqm: 0, min: 0, max: 0 };
  const { evaluation } = await recordEvaluation(db, {
    submissionId: submission.id,
    attempt: 1,
    split: 'private',
    stats,
    graderVersion: 'test',
    envVersion: 'test',
    episodes: [
      {
        index: 0,
        seed: trajectory.seed,
        return: 0,
        length: 3,
        terminated: false,
        truncated: true,
        trajectoryKey: key.sha256,
      },
    ],
  });
  await finishAttempt(db, { submissionId: submission.id, attempt: 1 });
  return evaluation.id;
}

function uploadEnv(
  who: TestUser,
  courseId: string,
  name: string,
  source: string,
  steps: string | null = '50',
) {
  const form = new FormData();
  form.append('file', new File([source], 'env.js', { type: 'text/javascript' }));
  form.append('name', name);
  if (steps !== null) form.append('maxEpisodeSteps', steps);
  return authed(h, who.cookie, `/api/courses/${courseId}/custom-envs`, { method: 'POST', body: form });
}

describe('refused custom env attempts', () => {
  it("a group deletes its refused env; not an accepted one, nor another group's", async () => {
    const { course, students } = await courseWithMembers(h, { students: 2 });
    const [a, b] = students as [TestUser, TestUser];
    await joinTeam(h, course.id, a, [], 'Deleters');
    await joinTeam(h, course.id, b, [], 'Bystanders');
    const nan = await uploadChecked(a, course.id, 'nan-v0', BROKEN_ENVS.nanReward);
    const good = await uploadChecked(a, course.id, 'walk-v0', LINE_WALK);
    expect([nan.status, good.status]).toEqual(['rejected', 'accepted']);
    const del = (who: TestUser, id: string) =>
      authed(h, who.cookie, `/api/courses/${course.id}/custom-envs/${id}`, { method: 'DELETE' });
    expect((await expectJson<ErrorBody>(await del(b, nan.id), 404)).error.code).toBe('not_found');
    const kept = await expectJson<ErrorBody>(await del(a, good.id), 409);
    expect(kept.error.message).toMatch(/custom\/walk-v0 is accepted: only a refused \(rejected\) attempt/);
    expect((await del(a, nan.id)).status).toBe(204);
    const left = await expectJson<CustomEnv[]>(
      await authed(h, a.cookie, `/api/courses/${course.id}/custom-envs`),
      200,
    );
    expect(left.map((e) => e.envId)).toEqual(['custom/walk-v0']);
    // The name is free again.
    const again = await uploadChecked(a, course.id, 'nan-v0', LINE_WALK);
    expect(again.status).toBe('accepted');
  });
});

/**
 * Uploads a custom env (202: its check is queued for the grader) and writes back what the grader's
 * check job would: the sandboxed checker's report, run here by the test. Returns the listed env.
 */
async function uploadChecked(who: TestUser, courseId: string, name: string, source: string) {
  const queued = await expectJson<CustomEnv>(await uploadEnv(who, courseId, name, source), 202);
  const report = await checkCustomEnv({ source });
  await recordCustomEnvCheck(h.deps.db, { customEnvId: queued.id, report, passed: report.passed });
  const listed = await expectJson<CustomEnv[]>(
    await authed(h, who.cookie, `/api/courses/${courseId}/custom-envs`),
    200,
  );
  return listed.find((e) => e.id === queued.id)!;
}

describe('final projects API', () => {
  it('refuses broken custom envs with the exact reason, accepts a good one, and runs the project review', async () => {
    const { course, instructor, ta, students } = await courseWithMembers(h, { students: 2 });
    const [a, b] = students as [TestUser, TestUser];
    await joinTeam(h, course.id, a, [], 'Walkers');
    await joinTeam(h, course.id, b, [], 'Others');

    // An upload is stored and its check queued for the grader: the env's code never runs on the web
    // server (the check itself is tested in apps/grader, and end to end with a grader worker in e2e).
    const uploaded: Record<string, CustomEnv> = {};
    for (const [name, source] of [
      ['nan-v0', BROKEN_ENVS.nanReward],
      ['loop-v0', BROKEN_ENVS.infiniteStep],
      ['line-walk', LINE_WALK],
    ] as const) {
      const env = await expectJson<CustomEnv>(await uploadEnv(a, course.id, name, source), 202);
      expect([env.envId, env.status, env.report]).toEqual([`custom/${name}`, 'queued', null]);
      uploaded[name] = env;
    }
    const jobs = await h.deps.db.execute<{
      payload: { kind: string; customEnvId: string; filename?: string };
    }>(sql`select j.payload from jobs j join custom_envs e on e.id = (j.payload->>'customEnvId')::uuid
      where j.queue = 'grade' and j.payload->>'kind' = 'custom-env-check' and e.course_id = ${course.id}`);
    expect(new Set([...jobs].map((j) => j.payload.customEnvId))).toEqual(
      new Set(Object.values(uploaded).map((e) => e.id)),
    );
    expect([...jobs].every((j) => j.payload.filename === 'env.js')).toBe(true);
    // What the grader's check job writes back: the sandboxed checker's report (run here by the test).
    for (const [name, source] of [
      ['nan-v0', BROKEN_ENVS.nanReward],
      ['line-walk', LINE_WALK],
    ] as const) {
      const report = await checkCustomEnv({ source });
      await recordCustomEnvCheck(h.deps.db, {
        customEnvId: uploaded[name]!.id,
        report,
        passed: report.passed,
      });
    }
    const listed = await expectJson<CustomEnv[]>(
      await authed(h, a.cookie, `/api/courses/${course.id}/custom-envs`),
      200,
    );
    expect(listed.map((e) => [e.envId, e.status])).toEqual([
      ['custom/line-walk', 'accepted'],
      ['custom/loop-v0', 'queued'],
      ['custom/nan-v0', 'rejected'],
    ]);
    expect(listed.find((e) => e.envId === 'custom/nan-v0')!.report!.checks.find((c) => !c.passed)).toEqual({
      name: 'reward-finite',
      passed: false,
      message: expect.stringMatching(/returned reward NaN; rewards must be finite numbers$/),
    });
    const good = listed.find((e) => e.envId === 'custom/line-walk')!;

    const rejectedEnv = await authed(h, a.cookie, `/api/courses/${course.id}/projects`, {
      method: 'POST',
      json: { title: 'NaN world', envId: 'custom/nan-v0' },
    });
    expect((await expectJson<ErrorBody>(rejectedEnv, 400)).error.message).toMatch(
      /custom env custom\/nan-v0 is rejected/,
    );
    const unknown = await authed(h, a.cookie, `/api/courses/${course.id}/projects`, {
      method: 'POST',
      json: { title: 'Mystery', envId: 'NoSuchEnv-v9' },
    });
    expect((await expectJson<ErrorBody>(unknown, 400)).error.field).toBe('envId');
    const p = await expectJson<Project>(
      await authed(h, a.cookie, `/api/courses/${course.id}/projects`, {
        method: 'POST',
        json: { title: 'Line walk', envId: 'custom/line-walk', direction: 'maximize' },
      }),
      201,
    );
    expect([p.status, p.customEnvId]).toEqual(['pending', good.id]);
    // Another team sees neither the project nor the team's envs.
    expect(
      await expectJson<Project[]>(await authed(h, b.cookie, `/api/courses/${course.id}/projects`), 200),
    ).toEqual([]);
    const bEnvs = await expectJson<CustomEnv[]>(
      await authed(h, b.cookie, `/api/courses/${course.id}/custom-envs`),
      200,
    );
    expect(bEnvs).toEqual([]);

    const now = h.deps.now().getTime();
    const approval = {
      publicEpisodes: 2,
      privateEpisodes: 4,
      opensAt: new Date(now - 3_600_000).toISOString(),
      dueAt: new Date(now + 86_400_000).toISOString(),
      baselines: false,
    };
    const byTa = await authed(h, ta.cookie, `/api/projects/${p.id}/approve`, {
      method: 'POST',
      json: approval,
    });
    expect(byTa.status).toBe(403);
    const approved = await expectJson<{ project: Project; assignmentId: string; baselineJobs: number }>(
      await authed(h, instructor.cookie, `/api/projects/${p.id}/approve`, { method: 'POST', json: approval }),
      200,
    );
    expect([approved.project.status, approved.project.assignmentId, approved.baselineJobs]).toEqual([
      'approved',
      approved.assignmentId,
      0,
    ]);
    const again = await authed(h, instructor.cookie, `/api/projects/${p.id}/reject`, {
      method: 'POST',
      json: { note: 'too late' },
    });
    expect(again.status).toBe(409);

    // The assignment shows the custom env's checked spaces, and uploads are checked against them.
    const detail = await expectJson<{ env: { id: string; observationSpace: unknown; actionSpace: unknown } }>(
      await authed(h, a.cookie, `/api/assignments/${approved.assignmentId}`),
      200,
    );
    expect(detail.env).toMatchObject({
      id: 'custom/line-walk',
      observationSpace: { type: 'Box', shape: [2] },
      actionSpace: { type: 'Discrete', n: 2 },
    });
    const misfit = await authed(h, a.cookie, `/api/assignments/${approved.assignmentId}/submissions`, {
      method: 'POST',
      body: uploadForm({ 'p.onnx': onnxPolicy(4, 2) }),
    });
    expect(misfit.status).toBe(422);
    expect(((await misfit.json()) as { error: { message: string } }).error.message).toMatch(
      /shape \[batch, 4\]; expected \[batch, 2\]/,
    );

    // A graded episode in the custom env replays through the env's own render, drawn in the sandbox.
    const evaluationId = await gradedEpisode(approved.assignmentId, a.user.id, {
      env: 'custom/line-walk',
      seed: 3,
      actions: [1, 1, 0],
    });
    const drawn = await expectJson<{
      env: string;
      seed: number;
      frames: { shapes: { center?: number[] }[] }[];
    }>(await authed(h, ta.cookie, `/api/evaluations/${evaluationId}/episodes/0/frames`), 200);
    expect([drawn.env, drawn.seed, drawn.frames.length]).toEqual(['custom/line-walk', 3, 4]);
    const xs = drawn.frames.map((f) => f.shapes[1]!.center![0]!);
    expect([xs[1]! - xs[0]!, xs[2]! - xs[1]!, xs[3]! - xs[2]!]).toEqual([1, 1, -1]);

    const board = await expectJson<
      {
        projectId: string;
        best: { score: number } | null;
        normalized: unknown;
        replay: unknown;
        team: { name: string };
      }[]
    >(await authed(h, ta.cookie, `/api/courses/${course.id}/project-board`), 200);
    // Scored, but no baselines yet (none were asked for): no normalized score.
    expect(board.map((r) => [r.projectId, r.team.name, r.best?.score, r.normalized, r.replay])).toEqual([
      [p.id, 'Walkers', 0, null, { evaluationId, episodeIndex: 0 }],
    ]);
    expect((await authed(h, a.cookie, `/api/courses/${course.id}/project-board`)).status).toBe(403);
  });

  it('rejects with a note; the team edits and the project is pending again', async () => {
    const { course, instructor, students } = await courseWithMembers(h, { students: 1 });
    const [a] = students as [TestUser];
    await joinTeam(h, course.id, a, [], 'Solo');
    const p = await expectJson<Project>(
      await authed(h, a.cookie, `/api/courses/${course.id}/projects`, {
        method: 'POST',
        json: { title: 'Pole', envId: 'CartPole-v1' },
      }),
      201,
    );
    const noNote = await authed(h, instructor.cookie, `/api/projects/${p.id}/reject`, {
      method: 'POST',
      json: { note: '' },
    });
    expect((await expectJson<ErrorBody>(noNote, 400)).error.field).toBe('note');
    const rejected = await expectJson<Project & { reviewNote: string }>(
      await authed(h, instructor.cookie, `/api/projects/${p.id}/reject`, {
        method: 'POST',
        json: { note: 'Too easy' },
      }),
      200,
    );
    expect([rejected.status, rejected.reviewNote]).toEqual(['rejected', 'Too easy']);
    const edited = await expectJson<Project>(
      await authed(h, a.cookie, `/api/projects/${p.id}`, { method: 'PATCH', json: { envId: 'Acrobot-v1' } }),
      200,
    );
    expect([edited.status, edited.envId]).toEqual(['pending', 'Acrobot-v1']);
  });

  it('staff upload envs for everyone; the step limit defaults to 1000 and a bad name is refused by field', async () => {
    const { course, instructor, students } = await courseWithMembers(h, { students: 1 });
    const shared = await expectJson<CustomEnv & { teamId: string | null; maxEpisodeSteps: number }>(
      await uploadEnv(instructor, course.id, 'custom/shared-walk', LINE_WALK, null),
      202,
    );
    expect([shared.envId, shared.teamId, shared.maxEpisodeSteps, shared.status]).toEqual([
      'custom/shared-walk',
      null,
      1000,
      'queued',
    ]);
    const listed = await expectJson<CustomEnv[]>(
      await authed(h, students[0]!.cookie, `/api/courses/${course.id}/custom-envs`),
      200,
    );
    expect(listed.map((e) => e.envId)).toEqual(['custom/shared-walk']);
    const bad = await uploadEnv(instructor, course.id, 'no spaces allowed', LINE_WALK);
    expect((await expectJson<ErrorBody>(bad, 400)).error.field).toBe('name');
  });
});
