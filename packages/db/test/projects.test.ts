import { describe, expect, it } from 'vitest';
import type { Database } from '../src/db';
import {
  createCustomEnv,
  isCustomEnvCheckPayload,
  listCustomEnvs,
  recordCustomEnvCheck,
  startCustomEnvCheck,
} from '../src/queries/custom-envs';
import { normalizeScore, overlappingIntervals, projectBoard } from '../src/queries/project-board';
import {
  approveProject,
  listProjects,
  registerProject,
  rejectProject,
  updateProject,
} from '../src/queries/projects';
import { useTestDatabase } from '../src/testing';
import { expectDbError } from './support/expect-error';
import { fakeSha, gradeAttempt, HOUR, seedCourse, submitArtifact, submitBaseline } from './support/fixtures';

const t = useTestDatabase();

const report = (passed: boolean) => ({
  passed,
  checks: [{ name: 'reward-finite', passed, ...(passed ? {} : { message: 'step 0: reward NaN' }) }],
});

/** Grades a submission (or a baseline) with one private evaluation: mean and interval given, two episodes. */
async function gradePrivate(db: Database, submissionId: string, mean: number, ciLow: number, ciHigh: number) {
  const episode = (index: number) => ({
    index,
    seed: index + 1,
    return: mean + 2 * index - 1,
    length: 5,
    terminated: true,
    truncated: false,
    trajectoryKey: fakeSha(),
  });
  await gradeAttempt(db, submissionId, [
    {
      split: 'private',
      stats: { n: 2, mean, std: 1, ciLow, ciHigh, iqm: mean, min: ciLow, max: ciHigh },
      episodes: [episode(0), episode(1)],
    },
  ]);
}

async function setup() {
  const seeded = await seedCourse(t.db, { teams: 4, perTeam: 1 });
  const now = Date.now();
  const approval = (projectId: string) => ({
    projectId,
    reviewerId: seeded.instructor.id,
    publicEpisodes: 2,
    privateEpisodes: 2,
    opensAt: new Date(now - HOUR),
    dueAt: new Date(now + 24 * HOUR),
  });
  return { ...seeded, approval };
}

describe('custom envs and projects', () => {
  it('a project may use only an accepted custom env of its own team or of the staff', async () => {
    const { course, teams } = await setup();
    const [a, b] = teams;
    /** A member of `team` uploads a new source of custom/grid-v0 for it. */
    const uploadGrid = (team: (typeof teams)[number]) =>
      createCustomEnv(t.db, {
        courseId: course.id,
        teamId: team.team.id,
        envId: 'custom/grid-v0',
        sourceSha256: fakeSha(),
        uploadedBy: team.members[0]!.id,
      });
    const env = await uploadGrid(a!);
    expect(env.status).toBe('queued');
    // The upload queued its check for the grader (the web tier never runs env code).
    const checks = await t.sql<{ payload: Record<string, unknown>; queue: string }[]>`
      select payload, queue from jobs where payload->>'customEnvId' = ${env.id}`;
    expect(checks).toEqual([
      {
        queue: 'grade',
        payload: { kind: 'custom-env-check', customEnvId: env.id, sourceSha256: env.sourceSha256 },
      },
    ]);
    expect(isCustomEnvCheckPayload(checks[0]!.payload)).toBe(true);
    expect(
      (await startCustomEnvCheck(t.db, { customEnvId: env.id, sourceSha256: env.sourceSha256 }))?.status,
    ).toBe('running');
    await recordCustomEnvCheck(t.db, { customEnvId: env.id, report: report(false), passed: false });
    // A check job of an upload already checked has nothing to do.
    expect(
      await startCustomEnvCheck(t.db, { customEnvId: env.id, sourceSha256: env.sourceSha256 }),
    ).toBeUndefined();
    const base = { courseId: course.id, title: 'Grid world', envId: 'custom/grid-v0' };
    await expectDbError(
      registerProject(t.db, { ...base, teamId: a!.team.id }),
      'invalid',
      /custom env custom\/grid-v0 is rejected; only an accepted env/,
      'envId',
    );
    // Re-uploading the rejected env under its name starts its check again.
    const again = await uploadGrid(a!);
    expect([again.id, again.status, again.report]).toEqual([env.id, 'queued', null]);
    // The first upload's job, if it ran late, finds its source replaced and leaves the env alone.
    expect(
      await startCustomEnvCheck(t.db, { customEnvId: env.id, sourceSha256: env.sourceSha256 }),
    ).toBeUndefined();
    const accepted = await recordCustomEnvCheck(t.db, {
      customEnvId: env.id,
      report: report(true),
      passed: true,
    });
    expect(accepted.status).toBe('accepted');
    await expectDbError(
      registerProject(t.db, { ...base, teamId: b!.team.id }),
      'invalid',
      /is not a custom env of this team or of the staff/,
      'envId',
    );
    await expectDbError(uploadGrid(b!), 'conflict', /already taken/, 'envId');
    expect((await listCustomEnvs(t.db, { courseId: course.id, teamId: b!.team.id })).length).toBe(0);
    const p = await registerProject(t.db, { ...base, teamId: a!.team.id, direction: 'minimize' });
    expect([p.status, p.customEnvId, p.direction]).toEqual(['pending', env.id, 'minimize']);
    await expectDbError(
      registerProject(t.db, { ...base, teamId: a!.team.id }),
      'conflict',
      /already registered/,
    );
  });

  it('approval creates the agent assignment with the env, direction and episodes, and enqueues baselines', async () => {
    const { course, teams, approval } = await setup();
    const p = await registerProject(t.db, {
      courseId: course.id,
      teamId: teams[0]!.team.id,
      title: 'Swing-up',
      envId: 'Pendulum-v1',
    });
    await expectDbError(
      rejectProject(t.db, { projectId: p.id, reviewerId: approval(p.id).reviewerId, note: '  ' }),
      'invalid',
      /needs a note/,
      'note',
    );
    const rejected = await rejectProject(t.db, {
      projectId: p.id,
      reviewerId: approval(p.id).reviewerId,
      note: 'Pick a harder env',
    });
    expect([rejected.status, rejected.reviewNote]).toEqual(['rejected', 'Pick a harder env']);
    const edited = await updateProject(t.db, {
      projectId: p.id,
      patch: { envId: 'Acrobot-v1', direction: 'minimize' },
    });
    expect([edited.status, edited.reviewNote, edited.envId]).toEqual(['pending', null, 'Acrobot-v1']);
    const { project, assignment, baselineJobs } = await approveProject(t.db, {
      ...approval(p.id),
      publicEpisodes: 3,
      privateEpisodes: 7,
    });
    expect(project.status).toBe('approved');
    expect(project.assignmentId).toBe(assignment.id);
    expect([assignment.kind, assignment.envId, assignment.scoreDirection]).toEqual([
      'agent',
      'Acrobot-v1',
      'minimize',
    ]);
    expect([assignment.publicEpisodes, assignment.privateEpisodes]).toEqual([3, 7]);
    expect(baselineJobs.map((j) => j.payload.kind).sort()).toEqual(['ppo', 'random']);
    await expectDbError(approveProject(t.db, approval(p.id)), 'conflict', /this one is approved/);
    await expectDbError(
      updateProject(t.db, { projectId: p.id, patch: { title: 'x' } }),
      'conflict',
      /approved/,
    );
    const listed = await listProjects(t.db, { courseId: course.id, status: ['approved'] });
    expect(listed.map((x) => [x.id, x.teamName])).toEqual([[p.id, teams[0]!.team.name]]);
  });
});

describe('cross-project board', () => {
  it('normalizes best private scores and their intervals as computed by hand, sorted, with ties', async () => {
    const { course, teams, instructor, approval } = await setup();
    const projects: { id: string; assignmentId: string }[] = [];
    const specs = [
      { title: 'A CartPole', envId: 'CartPole-v1', direction: 'maximize' as const },
      { title: 'B Acrobot', envId: 'Acrobot-v1', direction: 'minimize' as const },
      { title: 'C CartPole', envId: 'CartPole-v1', direction: 'maximize' as const },
      { title: 'D nothing yet', envId: 'CartPole-v1', direction: 'maximize' as const },
    ];
    for (const [i, s] of specs.entries()) {
      const p = await registerProject(t.db, { courseId: course.id, teamId: teams[i]!.team.id, ...s });
      const { assignment } = await approveProject(t.db, { ...approval(p.id), baselines: false });
      projects.push({ id: p.id, assignmentId: assignment.id });
    }
    const baseline = async (assignmentId: string, label: string, mean: number, lo: number, hi: number) => {
      const { submission } = await submitBaseline(t.db, assignmentId, instructor.id, label);
      await gradePrivate(t.db, submission.id, mean, lo, hi);
    };
    const team = async (i: number, mean: number, lo: number, hi: number) => {
      const { submission } = await submitArtifact(
        t.db,
        projects[i]!.assignmentId,
        teams[i]!.members[0]!.id,
        'js-agent',
      );
      await gradePrivate(t.db, submission.id, mean, lo, hi);
      return submission.id;
    };
    // A (maximize): random 20, PPO 220; best 170 in [160, 180] (the 100 is worse).
    for (const i of [0, 2, 3]) {
      await baseline(projects[i]!.assignmentId, 'random', 20, 18, 22);
      await baseline(projects[i]!.assignmentId, 'ppo', 220, 200, 240);
    }
    await team(0, 100, 90, 110);
    const aBest = await team(0, 170, 160, 180);
    // B (minimize): random 500, DQN 100 (no PPO); best is the lowest, 180 in [170, 190] (the 300 is worse).
    await baseline(projects[1]!.assignmentId, 'random', 500, 480, 520);
    await baseline(projects[1]!.assignmentId, 'dqn', 100, 90, 110);
    await team(1, 300, 280, 320);
    const bBest = await team(1, 180, 170, 190);
    // C (maximize): 60 in [40, 80].
    await team(2, 60, 40, 80);

    const board = await projectBoard(t.db, { courseId: course.id });
    const [b, a, c, d] = board;
    expect(board.map((r) => r.title)).toEqual(['B Acrobot', 'A CartPole', 'C CartPole', 'D nothing yet']);
    // B: (180 − 500) / (100 − 500) = 0.8; ends (170 − 500)/(−400) = 0.825 and (190 − 500)/(−400) = 0.775, swapped.
    expect(b!.best).toMatchObject({ submissionId: bBest, score: 180, ciLow: 170, ciHigh: 190 });
    expect([b!.random?.score, b!.reference?.baseline, b!.reference?.score]).toEqual([500, 'dqn', 100]);
    expect(b!.normalized!.score).toBeCloseTo(0.8, 12);
    expect(b!.normalized!.ciLow).toBeCloseTo(0.775, 12);
    expect(b!.normalized!.ciHigh).toBeCloseTo(0.825, 12);
    // A: (170 − 20) / (220 − 20) = 0.75; [140/200, 160/200] = [0.7, 0.8].
    expect(a!.best?.submissionId).toBe(aBest);
    expect(a!.reference?.baseline).toBe('ppo');
    expect(a!.normalized!.score).toBeCloseTo(0.75, 12);
    expect(a!.normalized!.ciLow).toBeCloseTo(0.7, 12);
    expect(a!.normalized!.ciHigh).toBeCloseTo(0.8, 12);
    // C: (60 − 20) / 200 = 0.2; [0.1, 0.3].
    expect(c!.normalized!.score).toBeCloseTo(0.2, 12);
    expect([c!.normalized!.ciLow, c!.normalized!.ciHigh].map((x) => Math.round(x * 1e9) / 1e9)).toEqual([
      0.1, 0.3,
    ]);
    // Ranks, and the tie of A and B (0.775 ≤ 0.8): C stands alone, D has no score yet.
    expect(board.map((r) => r.rank)).toEqual([1, 2, 3, null]);
    expect(b!.tiedWith).toEqual([a!.projectId]);
    expect(a!.tiedWith).toEqual([b!.projectId]);
    expect(c!.tiedWith).toEqual([]);
    expect([d!.best, d!.normalized, d!.tiedWith]).toEqual([null, null, []]);
    // The replay is the best private episode: the higher return for A, the lower for B (minimize).
    expect(a!.replay?.episodeIndex).toBe(1);
    expect(b!.replay?.episodeIndex).toBe(0);
  });

  it('normalizeScore and overlappingIntervals on edge cases', () => {
    expect(normalizeScore({ score: 5, ciLow: 4, ciHigh: 6 }, 3, 3)).toBeUndefined();
    expect(normalizeScore({ score: 0, ciLow: -10, ciHigh: 10 }, 0, 10)).toEqual({
      score: 0,
      ciLow: -1,
      ciHigh: 1,
    });
    const ties = overlappingIntervals([
      { id: 'x', interval: { score: 1, ciLow: 0.5, ciHigh: 1.5 } },
      { id: 'y', interval: { score: 2, ciLow: 1.5, ciHigh: 2.5 } }, // touches x at 1.5
      { id: 'z', interval: { score: 3, ciLow: 2.6, ciHigh: 3.5 } },
      { id: 'w', interval: null },
    ]);
    expect(Object.fromEntries(ties)).toEqual({ x: ['y'], y: ['x'], z: [], w: [] });
  });
});
