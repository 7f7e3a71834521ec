import { beforeAll, describe, expect, it } from 'vitest';
import {
  authed,
  courseWithMembers,
  createAssignmentAs,
  expectJson,
  signUp,
  type TestAssignment,
  type TestUser,
} from '../../../test/support/accounts';
import { apiHarnessPerFile } from '../../../test/support/harness';

const h = apiHarnessPerFile();
let staff: Awaited<ReturnType<typeof courseWithMembers>>;
beforeAll(async () => {
  staff = await courseWithMembers(h, { students: 1 });
});

type ErrorBody = { error: { code: string; message: string; field?: string } };
const HOUR = 3_600_000;
const iso = (offsetHours: number) => new Date(Date.now() + offsetHours * HOUR).toISOString();

function post(who: TestUser, body: Record<string, unknown>) {
  return authed(h, who.cookie, `/api/courses/${staff.course.id}/assignments`, {
    method: 'POST',
    json: {
      slug: `x-${Math.random().toString(36).slice(2, 8)}`,
      title: 'X',
      opensAt: iso(-1),
      dueAt: iso(24),
      ...body,
    },
  });
}

describe('assignments', () => {
  it('lets the instructor create an agent assignment; members read it with env, public seeds and window; never the seed salt', async () => {
    const a = await createAssignmentAs(h, staff.instructor, staff.course.id, {
      lateUntil: iso(48),
      latePenalty: 0.25,
    });
    expect(a).toMatchObject({
      kind: 'agent',
      envId: 'CartPole-v1',
      publicEpisodes: 2,
      privateEpisodes: 3,
      latePenalty: 0.25,
    });
    expect(a).not.toHaveProperty('seedSalt');
    const student = staff.students[0]!;
    const res = await authed(h, student.cookie, `/api/assignments/${a.id}`);
    const text = await res.clone().text();
    expect(text.toLowerCase()).not.toContain('seedsalt');
    const [row] = await h.sql<{ seed_salt: string }[]>`select seed_salt from assignments where id = ${a.id}`;
    const seedSalt = row!.seed_salt;
    expect(text).not.toContain(seedSalt);
    const detail = await expectJson<TestAssignment & Record<string, unknown>>(res, 200);
    expect(detail.env).toMatchObject({
      id: 'CartPole-v1',
      maxEpisodeSteps: 500,
      actionSpace: { type: 'Discrete', n: 2, start: 0 },
      observationSpace: { type: 'Box', shape: [4] },
    });
    expect(detail.publicSeeds).toHaveLength(2);
    expect(detail.window).toBe('on_time');
    expect(detail.viewerRole).toBe('student');
    expect(detail.homework).toBeNull();
    const list = await authed(h, student.cookie, `/api/courses/${staff.course.id}/assignments`);
    const listText = await list.clone().text();
    expect(listText).not.toContain(seedSalt);
    expect((await expectJson<TestAssignment[]>(list, 200)).map((x) => x.id)).toContain(a.id);
  });

  it('expands a homework id into its catalogue checks and shows the homework to students', async () => {
    const a = await createAssignmentAs(h, staff.instructor, staff.course.id, {
      kind: 'checks',
      envId: undefined,
      publicEpisodes: undefined,
      privateEpisodes: undefined,
      homework: 'hw3-ppo',
    });
    const checks = a.checks as { name: string; cases: number; visibleCases: number; points: number }[];
    expect(checks.length).toBe(3);
    for (const c of checks) expect(c.name).toMatch(/^[A-Za-z_$][\w$]*$/);
    expect(checks[0]).toMatchObject({ cases: 15, visibleCases: 3 });
    const detail = await expectJson<{
      homework: {
        checks: { functionName: string; signature: string; pythonSignature: string; formula: string }[];
      };
      env: unknown;
    }>(await authed(h, staff.students[0]!.cookie, `/api/assignments/${a.id}`), 200);
    expect(detail.env).toBeNull();
    expect(detail.homework.checks.map((c) => c.functionName)).toEqual(checks.map((c) => c.name));
    expect(detail.homework.checks[0]!.signature).toMatch(/\(/);
    expect(detail.homework.checks[0]!.pythonSignature).toMatch(/^def ppo_kl_penalty_loss\(\n {4}log_probs: /);
    expect(detail.homework.checks[1]!.formula).toContain('\\mathrm{clip}');
    const unknown = await post(staff.instructor, { kind: 'checks', homework: 'hw9-nope' });
    const body = await expectJson<ErrorBody>(unknown, 400);
    expect(body.error.field).toBe('homework');
    expect(body.error.message).toMatch(/hw1-returns/);
    const badCheck = await post(staff.instructor, {
      kind: 'checks',
      checks: [{ name: 'notACheck', cases: 3, visibleCases: 1, points: 1 }],
    });
    expect((await expectJson<ErrorBody>(badCheck, 400)).error.field).toBe('checks.0.name');
  });

  it('names the env field and near matches for an unknown env id', async () => {
    const res = await post(staff.instructor, { kind: 'agent', envId: 'CartPole-v0', publicEpisodes: 1 });
    const body = await expectJson<ErrorBody>(res, 400);
    expect(body.error.field).toBe('envId');
    expect(body.error.message).toMatch(/^envId: /);
    expect(body.error.message).toMatch(/did you mean "CartPole-v1"/);
    const missing = await post(staff.instructor, { kind: 'agent', publicEpisodes: 1 });
    expect((await expectJson<ErrorBody>(missing, 400)).error.field).toBe('envId');
  });

  it('grades in a Python-backed env: Atari preprocessing is an option shown in the spaces; refused elsewhere, naming the field', async () => {
    const pong = await expectJson<TestAssignment & { envOptions: unknown }>(
      await post(staff.instructor, {
        kind: 'agent',
        envId: 'ALE/Pong-v5',
        envOptions: { atariPreprocessing: true },
        publicEpisodes: 1,
      }),
      201,
    );
    expect(pong.envOptions).toEqual({ atariPreprocessing: true });
    const detail = await expectJson<{ env: Record<string, unknown> }>(
      await authed(h, staff.students[0]!.cookie, `/api/assignments/${pong.id}`),
      200,
    );
    expect(detail.env).toMatchObject({
      id: 'ALE/Pong-v5',
      observationSpace: { type: 'Box', shape: [4, 84, 84], dtype: 'uint8' },
      actionSpace: { type: 'Discrete', n: 6, start: 0 },
    });
    const raw = await expectJson<TestAssignment>(
      await post(staff.instructor, { kind: 'agent', envId: 'HalfCheetah-v5', publicEpisodes: 1 }),
      201,
    );
    const rawDetail = await expectJson<{ env: Record<string, unknown> }>(
      await authed(h, staff.instructor.cookie, `/api/assignments/${raw.id}`),
      200,
    );
    expect(rawDetail.env).toMatchObject({
      maxEpisodeSteps: 1000,
      observationSpace: { shape: [17], dtype: 'float64' },
    });
    const mujoco = await post(staff.instructor, {
      kind: 'agent',
      envId: 'Hopper-v5',
      envOptions: { atariPreprocessing: true },
      publicEpisodes: 1,
    });
    const e1 = await expectJson<ErrorBody>(mujoco, 400);
    expect(e1.error).toMatchObject({ field: 'envOptions.atariPreprocessing' });
    expect(e1.error.message).toMatch(/Atari envs only, not Hopper-v5/);
    const ts = await post(staff.instructor, {
      kind: 'agent',
      envId: 'CartPole-v1',
      envOptions: { atariPreprocessing: true },
      publicEpisodes: 1,
    });
    expect((await expectJson<ErrorBody>(ts, 400)).error).toMatchObject({
      field: 'envOptions',
      message: expect.stringMatching(/CartPole-v1 takes no options/),
    });
  });

  it('validates dates, naming the field', async () => {
    const order = await post(staff.instructor, {
      kind: 'agent',
      envId: 'CartPole-v1',
      publicEpisodes: 1,
      opensAt: iso(5),
      dueAt: iso(1),
    });
    expect((await expectJson<ErrorBody>(order, 400)).error.field).toBe('dueAt');
    const garbage = await post(staff.instructor, {
      kind: 'agent',
      envId: 'CartPole-v1',
      publicEpisodes: 1,
      dueAt: 'next friday',
    });
    expect((await expectJson<ErrorBody>(garbage, 400)).error.field).toBe('dueAt');
    const late = await post(staff.instructor, {
      kind: 'agent',
      envId: 'CartPole-v1',
      publicEpisodes: 1,
      lateUntil: iso(2),
    });
    expect((await expectJson<ErrorBody>(late, 400)).error.field).toBe('lateUntil');
  });

  it('refuses a TA creating or changing an assignment with a clear 403', async () => {
    const res = await post(staff.ta, { kind: 'agent', envId: 'CartPole-v1', publicEpisodes: 1 });
    expect((await expectJson<ErrorBody>(res, 403)).error.message).toBe(
      'only instructors create or change assignments; you are a TA in this course',
    );
    const a = await createAssignmentAs(h, staff.instructor, staff.course.id);
    const patch = await authed(h, staff.ta.cookie, `/api/assignments/${a.id}`, {
      method: 'PATCH',
      json: { title: 'Hijacked' },
    });
    expect((await expectJson<ErrorBody>(patch, 403)).error.message).toMatch(/you are a TA/);
    const byStudent = await authed(h, staff.students[0]!.cookie, `/api/assignments/${a.id}`, {
      method: 'PATCH',
      json: { title: 'Hijacked' },
    });
    expect(byStudent.status).toBe(403);
  });

  it('lets the instructor change dates, limits and late penalty (audited), and hides assignments from outsiders', async () => {
    const a = await createAssignmentAs(h, staff.instructor, staff.course.id);
    const patched = await expectJson<TestAssignment>(
      await authed(h, staff.instructor.cookie, `/api/assignments/${a.id}`, {
        method: 'PATCH',
        json: {
          title: 'Renamed',
          dueAt: iso(72),
          lateUntil: iso(96),
          latePenalty: 0.5,
          maxDailySubmissions: 9,
        },
      }),
      200,
    );
    expect(patched).toMatchObject({ title: 'Renamed', latePenalty: 0.5, maxDailySubmissions: 9 });
    expect(patched).not.toHaveProperty('seedSalt');
    const unknownField = await authed(h, staff.instructor.cookie, `/api/assignments/${a.id}`, {
      method: 'PATCH',
      json: { envId: 'Pendulum-v1' },
    });
    expect((await expectJson<ErrorBody>(unknownField, 400)).error.message).toMatch(/envId/);
    const penaltyOnly = await expectJson<TestAssignment>(
      await authed(h, staff.instructor.cookie, `/api/assignments/${a.id}`, {
        method: 'PATCH',
        json: { latePenalty: 0.1 },
      }),
      200,
    );
    expect(penaltyOnly.latePenalty).toBe(0.1);
    const empty = await authed(h, staff.instructor.cookie, `/api/assignments/${a.id}`, {
      method: 'PATCH',
      json: {},
    });
    expect((await expectJson<ErrorBody>(empty, 400)).error.message).toMatch(/at least one of title/);
    const badOrder = await authed(h, staff.instructor.cookie, `/api/assignments/${a.id}`, {
      method: 'PATCH',
      json: { dueAt: iso(-48) },
    });
    expect((await expectJson<ErrorBody>(badOrder, 400)).error.field).toBe('dueAt');

    const audit = await expectJson<{ action: string; entityId: string }[]>(
      await authed(h, staff.ta.cookie, `/api/courses/${staff.course.id}/audit`),
      200,
    );
    const mine = audit.filter((e) => e.entityId === a.id).map((e) => e.action);
    expect(mine).toEqual([
      'assignment.set_late_penalty',
      'assignment.set_late_penalty',
      'assignment.update',
      'assignment.create',
    ]);

    const stranger = await signUp(h, { name: 'Stranger' });
    const res = await authed(h, stranger.cookie, `/api/assignments/${a.id}`);
    expect((await expectJson<ErrorBody>(res, 404)).error.message).toBe(`assignment "${a.id}" not found`);
    expect((await authed(h, stranger.cookie, `/api/courses/${staff.course.id}/assignments`)).status).toBe(
      404,
    );
  });

  it('keeps a plain-text description, changed by PATCH and bounded in length', async () => {
    const text = 'Balance the pole.\n<b>Not HTML</b>: shown as text.';
    const created = await expectJson<{ id: string; description: string }>(
      await post(staff.instructor, {
        kind: 'agent',
        envId: 'CartPole-v1',
        privateEpisodes: 2,
        description: text,
      }),
      201,
    );
    expect(created.description).toBe(text);
    const seen = await expectJson<{ description: string }>(
      await authed(h, staff.students[0]!.cookie, `/api/assignments/${created.id}`),
      200,
    );
    expect(seen.description).toBe(text);
    const patched = await expectJson<{ description: string }>(
      await authed(h, staff.instructor.cookie, `/api/assignments/${created.id}`, {
        method: 'PATCH',
        json: { description: 'Now with a reward threshold of 475.' },
      }),
      200,
    );
    expect(patched.description).toBe('Now with a reward threshold of 475.');
    const tooLong = await authed(h, staff.instructor.cookie, `/api/assignments/${created.id}`, {
      method: 'PATCH',
      json: { description: 'x'.repeat(20_001) },
    });
    expect(tooLong.status).toBe(400);
    expect(((await tooLong.json()) as ErrorBody).error.field).toBe('description');
  });
});

describe('moving the due date', () => {
  it('re-decides the lateness of existing submissions and re-scores them (audited)', async () => {
    const { createSubmission, finishAttempt, getSubmission, recordEvaluation, startAttempt } = await import(
      '@critic/db'
    );
    const created = await post(staff.instructor, {
      kind: 'checks',
      homework: 'hw1-returns',
      opensAt: iso(-10),
      dueAt: iso(-2),
      lateUntil: iso(24),
      latePenalty: 0.5,
    });
    const a = await expectJson<TestAssignment>(created, 201);
    const student = staff.students[0]!;
    const db = h.deps.db;
    // A submission an hour ago: after the due date, so late, its 8 points halved.
    const { submission } = await createSubmission(db, {
      assignmentId: a.id,
      userId: student.user.id,
      artifactSha256: 'a'.repeat(64),
      artifactSize: 1,
      format: 'checks',
      now: new Date(Date.now() - 1 * HOUR),
    });
    await startAttempt(db, { submissionId: submission.id, attempt: 1, total: 1 });
    const stats = { n: 1, mean: 0.8, std: 0, ciLow: 0.8, ciHigh: 0.8, iqm: 0.8, min: 0, max: 1 };
    await recordEvaluation(db, {
      submissionId: submission.id,
      attempt: 1,
      split: 'public',
      stats,
      points: 8,
      maxPoints: 10,
      graderVersion: 'g',
      envVersion: 'none',
    });
    await finishAttempt(db, { submissionId: submission.id, attempt: 1 });
    expect(await getSubmission(db, submission.id)).toMatchObject({ isLate: true, publicScore: 4 });

    const patch = (dueAt: string) =>
      authed(h, staff.instructor.cookie, `/api/assignments/${a.id}`, { method: 'PATCH', json: { dueAt } });
    await expectJson(await patch(iso(12)), 200);
    expect(await getSubmission(db, submission.id)).toMatchObject({ isLate: false, publicScore: 8 });
    // Moved back before it: late again.
    await expectJson(await patch(iso(-1.5)), 200);
    expect(await getSubmission(db, submission.id)).toMatchObject({ isLate: true, publicScore: 4 });
    const audit = await expectJson<{ action: string; entityId: string; details: Record<string, unknown> }[]>(
      await authed(h, staff.instructor.cookie, `/api/courses/${staff.course.id}/audit`),
      200,
    );
    expect(audit.find((e) => e.entityId === a.id && e.action === 'assignment.update')?.details).toMatchObject(
      {
        lateness: { submissionsRelabelled: 1 },
      },
    );
  });
});

describe('baseline rows on a new agent assignment', () => {
  it('enqueues the requested baseline jobs; staff see each job, a dead one with its error', async () => {
    const { BASELINE_QUEUE } = await import('@critic/db');
    const { claimJobs, failJob } = await import('@critic/db/queue');
    const a = await expectJson<TestAssignment>(
      await post(staff.instructor, {
        kind: 'agent',
        envId: 'CartPole-v1',
        privateEpisodes: 5,
        baselines: { kinds: ['random', 'ppo'], budgetSteps: 2048 },
      }),
      201,
    );
    const jobs = () =>
      authed(h, staff.ta.cookie, `/api/assignments/${a.id}/baseline-jobs`).then((r) =>
        expectJson<{ kind: string; status: string; lastError: string | null }[]>(r, 200),
      );
    expect((await jobs()).map((j) => [j.kind, j.status])).toEqual([
      ['ppo', 'queued'],
      ['random', 'queued'],
    ]);
    // The PPO job fails for good (no retries left): it shows as dead, with the reason.
    const claimed = await claimJobs(h.deps.db, {
      queue: BASELINE_QUEUE,
      workerId: 'test',
      leaseMs: 60_000,
      limit: 5,
    });
    const ppo = claimed.find((j) => (j.payload as { kind: string }).kind === 'ppo')!;
    await failJob(h.deps.db, ppo, 'training ppo on CartPole-v1: out of memory', { retryable: false });
    expect(await jobs()).toContainEqual(
      expect.objectContaining({
        kind: 'ppo',
        status: 'dead',
        lastError: expect.stringContaining('out of memory'),
      }),
    );
    // Students do not see the jobs; a homework cannot ask for baselines.
    const student = staff.students[0]!;
    expect((await authed(h, student.cookie, `/api/assignments/${a.id}/baseline-jobs`)).status).toBe(403);
    const hw = await post(staff.instructor, { kind: 'checks', homework: 'hw1-returns', baselines: {} });
    expect((await expectJson<ErrorBody>(hw, 400)).error.field).toBe('baselines');
    // Without the option, no job.
    const plain = await expectJson<TestAssignment>(
      await post(staff.instructor, { kind: 'agent', envId: 'CartPole-v1', privateEpisodes: 5 }),
      201,
    );
    const none = await authed(h, staff.instructor.cookie, `/api/assignments/${plain.id}/baseline-jobs`);
    expect(await expectJson(none, 200)).toEqual([]);
  });
});
