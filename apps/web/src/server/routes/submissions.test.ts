import { setPrivateBoardReleased } from '@critic/db';
import { beforeAll, describe, expect, it } from 'vitest';
import { authed, expectJson } from '../../../test/support/accounts';
import {
  type ErrorBody,
  fakeGrade,
  gradingWorldPerFile,
  jsAgentSource,
  storedSubmission,
} from '../../../test/support/grading';
import type { SubmissionStatusView } from './submissions';

type EvaluationRow = { id: string; split: 'public' | 'private'; attempt: number; mean: number };

let assignmentId: string;
let mine: string; // team A's submission
let theirs: string; // team B's submission
let evalsOfMine: EvaluationRow[];
const t = gradingWorldPerFile();
beforeAll(async () => {
  const a = await t.w.assignment();
  assignmentId = a.id;
  mine = await storedSubmission(t.h, a, t.w.teams[0]!.members[0]!.user.id, jsAgentSource(1));
  theirs = await storedSubmission(t.h, a, t.w.teams[1]!.members[0]!.user.id, jsAgentSource(0));
  await fakeGrade(t.h, mine, { public: 200, private: 190, consoleOutput: 'team A says hi\n' });
  await fakeGrade(t.h, theirs, { public: 150, private: 160, consoleOutput: 'team B secret\n' });
  evalsOfMine = await expectJson<EvaluationRow[]>(
    await authed(t.h, t.w.ta.cookie, `/api/submissions/${mine}/evaluations`),
    200,
  );
});

const get = (cookie: string, path: string) => authed(t.h, cookie, path);
const evalOf = (split: 'public' | 'private') => evalsOfMine.find((e) => e.split === split)!;

async function refused(res: Response, status: number): Promise<ErrorBody['error']> {
  const body = await expectJson<ErrorBody>(res, status);
  expect(body.error.message.length).toBeGreaterThan(5);
  return body.error;
}

describe('status of a submission', () => {
  it('shows the owner team queue-free status, progress, phase times and public scores only', async () => {
    for (const member of t.w.teams[0]!.members) {
      const s = await expectJson<SubmissionStatusView>(
        await get(member.cookie, `/api/submissions/${mine}`),
        200,
      );
      expect(s).toMatchObject({
        id: mine,
        team: { name: 'Team A' },
        status: 'succeeded',
        queuePosition: null,
        progress: { done: 4, total: 4 },
        error: null,
        scores: { public: { n: 2, mean: 200, ciLow: 199, ciHigh: 201 }, private: null },
      });
      expect(s.timestamps.startedAt).not.toBeNull();
      expect(s.timestamps.finishedAt).not.toBeNull();
    }
  });

  it('shows staff the private scores too', async () => {
    const s = await expectJson<SubmissionStatusView>(
      await get(t.w.ta.cookie, `/api/submissions/${mine}`),
      200,
    );
    expect(s.scores.private).toMatchObject({ mean: 190 });
  });

  it('reports the queue position of a waiting submission and the verdict of a failed one', async () => {
    const a = await t.w.assignment();
    const first = await storedSubmission(t.h, a, t.w.teams[0]!.members[0]!.user.id);
    const second = await storedSubmission(t.h, a, t.w.teams[1]!.members[0]!.user.id);
    const s1 = await expectJson<SubmissionStatusView>(
      await get(t.w.teams[0]!.members[1]!.cookie, `/api/submissions/${first}`),
      200,
    );
    const s2 = await expectJson<SubmissionStatusView>(
      await get(t.w.teams[1]!.members[1]!.cookie, `/api/submissions/${second}`),
      200,
    );
    expect(s2.queuePosition).toBe((s1.queuePosition ?? 0) + 1);
    const { failAttempt, startAttempt } = await import('@critic/db');
    await startAttempt(t.h.deps.db, { submissionId: first, attempt: 1, total: 4 });
    await failAttempt(t.h.deps.db, {
      submissionId: first,
      attempt: 1,
      errorClass: 'invalid_action',
      message: 'act returned 7 at step 3; CartPole-v1 expects an integer in [0, 2)',
    });
    const failed = await expectJson<SubmissionStatusView>(
      await get(t.w.teams[0]!.members[0]!.cookie, `/api/submissions/${first}`),
      200,
    );
    expect(failed).toMatchObject({
      status: 'failed',
      queuePosition: null,
      error: { class: 'invalid_action', message: expect.stringMatching(/expects an integer in \[0, 2\)/) },
    });
  });
});

describe('authorization matrix', () => {
  it('another team gets 404 for the status, artifact, console, evaluations, checks and learning curve', async () => {
    const other = t.w.teams[1]!.members[0]!.cookie;
    for (const path of [
      '',
      '/artifact',
      '/console',
      '/evaluations',
      '/checks',
      '/learning-curve',
      '/events',
    ]) {
      const err = await refused(await get(other, `/api/submissions/${mine}${path}`), 404);
      expect(err.message).toBe(`submission "${mine}" not found`);
    }
  });

  it('a course outsider gets 404, a signed-out caller 401', async () => {
    await refused(await get(t.w.outsider.cookie, `/api/submissions/${mine}`), 404);
    await refused(await get(t.w.outsider.cookie, `/api/evaluations/${evalOf('public').id}/episodes`), 404);
    const anon = await t.h.app.request(`/api/submissions/${mine}`);
    expect((await refused(anon, 401)).code).toBe('unauthenticated');
  });

  it('the owner reads the artifact and console; staff read every team’s', async () => {
    const owner = t.w.teams[0]!.members[1]!.cookie;
    const artifact = await get(owner, `/api/submissions/${mine}/artifact`);
    expect(artifact.status).toBe(200);
    expect(artifact.headers.get('content-disposition')).toBe('attachment; filename="agent.ts"');
    expect(await artifact.text()).toBe(jsAgentSource(1));
    const consoleRes = await get(owner, `/api/submissions/${mine}/console`);
    expect(await consoleRes.text()).toBe('team A says hi\n');
    const staffConsole = await get(t.w.instructor.cookie, `/api/submissions/${theirs}/console`);
    expect(await staffConsole.text()).toBe('team B secret\n');
    expect(await (await get(t.w.ta.cookie, `/api/submissions/${theirs}/artifact`)).text()).toBe(
      jsAgentSource(0),
    );
  });

  it('private evaluations and episodes: hidden from the owner until release, never shown to another team', async () => {
    const owner = t.w.teams[0]!.members[0]!.cookie;
    const other = t.w.teams[1]!.members[0]!.cookie;
    const ownEvals = await expectJson<EvaluationRow[]>(
      await get(owner, `/api/submissions/${mine}/evaluations`),
      200,
    );
    expect(ownEvals.map((e) => e.split)).toEqual(['public']);
    const priv = evalOf('private').id;
    expect((await refused(await get(owner, `/api/evaluations/${priv}/episodes`), 403)).code).toBe(
      'board_not_released',
    );
    await refused(await get(other, `/api/evaluations/${priv}/episodes`), 404);
    await refused(await get(other, `/api/evaluations/${priv}/episodes/0/trajectory`), 404);
    const staff = await expectJson<{ seed: number }[]>(
      await get(t.w.ta.cookie, `/api/evaluations/${priv}/episodes`),
      200,
    );
    expect(staff).toHaveLength(2);
  });

  it('public episodes of a row on the visible public board are replayable by any course member', async () => {
    const other = t.w.teams[1]!.members[0]!.cookie;
    const pub = evalOf('public').id;
    const episodes = await expectJson<{ index: number; seed: number; hasTrajectory: boolean }[]>(
      await get(other, `/api/evaluations/${pub}/episodes`),
      200,
    );
    expect(episodes.map((e) => [e.index, e.seed, e.hasTrajectory])).toEqual([
      [0, 100, true],
      [1, 101, true],
    ]);
    const trajectory = await expectJson<{ env: string; seed: number; actions: number[] }>(
      await get(t.w.loner.cookie, `/api/evaluations/${pub}/episodes/1/trajectory`),
      200,
    );
    expect(trajectory).toEqual({ env: 'CartPole-v1', seed: 101, actions: [0, 1, 0] });
    await refused(await get(other, `/api/evaluations/${pub}/episodes/9/trajectory`), 404);
  });

  it('a hidden board makes other teams’ public episodes private as well', async () => {
    const a = await t.w.assignment({ leaderboardVisibility: 'hidden' });
    const s = await storedSubmission(t.h, a, t.w.teams[0]!.members[0]!.user.id);
    await fakeGrade(t.h, s, { public: 10 });
    const [pub] = await expectJson<EvaluationRow[]>(
      await get(t.w.ta.cookie, `/api/submissions/${s}/evaluations`),
      200,
    );
    await refused(await get(t.w.teams[1]!.members[0]!.cookie, `/api/evaluations/${pub!.id}/episodes`), 404);
    await expectJson(
      await get(t.w.teams[0]!.members[1]!.cookie, `/api/evaluations/${pub!.id}/episodes`),
      200,
    );
  });

  it('after the release, the owner sees private scores and episodes; other teams still do not', async () => {
    const a = await t.w.assignment();
    const s = await storedSubmission(t.h, a, t.w.teams[0]!.members[0]!.user.id);
    await fakeGrade(t.h, s, { public: 50, private: 40 });
    await setPrivateBoardReleased(t.h.deps.db, {
      assignmentId: a.id,
      actorId: t.w.instructor.user.id,
      released: true,
    });
    const owner = t.w.teams[0]!.members[0]!.cookie;
    const status = await expectJson<SubmissionStatusView>(await get(owner, `/api/submissions/${s}`), 200);
    expect(status.scores.private).toMatchObject({ mean: 40 });
    const evals = await expectJson<EvaluationRow[]>(
      await get(owner, `/api/submissions/${s}/evaluations`),
      200,
    );
    const priv = evals.find((e) => e.split === 'private')!;
    await expectJson(await get(owner, `/api/evaluations/${priv.id}/episodes`), 200);
    await refused(await get(t.w.teams[1]!.members[1]!.cookie, `/api/evaluations/${priv.id}/episodes`), 404);
  });
});

describe('submission lists', () => {
  it('a student lists only their team’s submissions; staff list all and filter by team', async () => {
    const mineList = await expectJson<{ id: string; privateScore: number | null }[]>(
      await get(
        t.w.teams[0]!.members[1]!.cookie,
        `/api/assignments/${assignmentId}/submissions?teamId=${t.w.teams[1]!.team.id}`,
      ),
      200,
    );
    expect(mineList.map((s) => s.id)).toEqual([mine]);
    expect(mineList[0]!.privateScore).toBeNull();
    const all = await expectJson<{ id: string }[]>(
      await get(t.w.ta.cookie, `/api/assignments/${assignmentId}/submissions`),
      200,
    );
    expect(all.map((s) => s.id).sort()).toEqual([mine, theirs].sort());
    const ofB = await expectJson<{ id: string; privateScore: number }[]>(
      await get(
        t.w.ta.cookie,
        `/api/assignments/${assignmentId}/submissions?teamId=${t.w.teams[1]!.team.id}`,
      ),
      200,
    );
    expect(ofB).toMatchObject([{ id: theirs, privateScore: 160 }]);
    expect(
      await expectJson(await get(t.w.loner.cookie, `/api/assignments/${assignmentId}/submissions`), 200),
    ).toEqual([]);
    await refused(await get(t.w.outsider.cookie, `/api/assignments/${assignmentId}/submissions`), 404);
  });
});

describe('OpenAPI document', () => {
  it('lists the submissions group, the upload as multipart and the event stream', async () => {
    const doc = (await (await t.h.app.request('/api/openapi.json')).json()) as {
      paths: Record<
        string,
        Record<
          string,
          {
            requestBody?: { content: Record<string, unknown> };
            responses: Record<string, { content?: Record<string, unknown> }>;
          }
        >
      >;
    };
    for (const path of [
      '/api/assignments/{assignmentId}/submissions',
      '/api/submissions/{submissionId}',
      '/api/submissions/{submissionId}/events',
      '/api/evaluations/{evaluationId}/episodes/{index}/trajectory',
      '/api/assignments/{assignmentId}/leaderboard',
      '/api/assignments/{assignmentId}/grades.csv',
      '/api/courses/{courseId}/submissions',
    ]) {
      expect(Object.keys(doc.paths)).toContain(path);
    }
    const upload = doc.paths['/api/assignments/{assignmentId}/submissions']!.post!;
    expect(Object.keys(upload.requestBody!.content)).toEqual(['multipart/form-data']);
    expect(Object.keys(upload.responses)).toEqual(
      expect.arrayContaining(['201', '413', '415', '422', '429']),
    );
    const events = doc.paths['/api/submissions/{submissionId}/events']!.get!;
    expect(Object.keys(events.responses['200']!.content!)).toEqual(['text/event-stream']);
  });
});
