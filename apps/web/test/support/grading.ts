// Test helpers of the submissions group: tiny valid artifacts of every format, a course world built with
// @critic/db queries, and fake grading through the real grading queries (no sandbox, no grader).
import {
  type Assignment,
  createAssignment,
  createCourse,
  createSession,
  createSubmission,
  createTeam,
  createUser,
  enroll,
  finishAttempt,
  type NewAssignment,
  recordEvaluation,
  reportProgress,
  startAttempt,
  type Team,
  type User,
} from '@critic/db';
import { claimJobById, completeJob, latestJobForSubmission } from '@critic/db/queue';
import { encodeOnnxMlp } from '@critic/runner';
import { strToU8, zipSync } from 'fflate';
import { beforeAll } from 'vitest';
import { SESSION_COOKIE } from '~/server/auth/cookies';
import { type ApiHarness, apiHarnessPerFile } from './harness';

const HOUR = 3_600_000;
let serial = 0;

/** A js-agent module that always plays `action` (exports `act`). */
export function jsAgentSource(action = 0): string {
  return `export function act(observation: number[]): number {\n  return ${action};\n}\n`;
}

/** An ONNX linear policy `[batch, obsSize] → [batch, outSize]` (zero weights). */
export function onnxPolicy(obsSize: number, outSize: number): Uint8Array {
  return encodeOnnxMlp([
    {
      inSize: obsSize,
      outSize,
      weight: new Float32Array(obsSize * outSize),
      bias: new Float32Array(outSize),
      activation: 'linear',
    },
  ]);
}

/** A tfjs LayersModel of one Dense layer as saved by `model.save`: model.json and its one shard. */
export function tfjsPolicyFiles(obsSize: number, outSize: number): Record<string, Uint8Array> {
  const modelJson = {
    format: 'layers-model',
    generatedBy: 'TensorFlow.js tfjs-layers v4.22.0',
    modelTopology: {
      class_name: 'Sequential',
      config: {
        name: 'policy',
        layers: [
          {
            class_name: 'Dense',
            config: {
              units: outSize,
              activation: 'linear',
              use_bias: true,
              name: 'dense_Dense1',
              trainable: true,
              batch_input_shape: [null, obsSize],
              dtype: 'float32',
            },
          },
        ],
      },
      keras_version: 'tfjs-layers 4.22.0',
      backend: 'tensor_flow.js',
    },
    weightsManifest: [
      {
        paths: ['group1-shard1of1.bin'],
        weights: [
          { name: 'dense_Dense1/kernel', shape: [obsSize, outSize], dtype: 'float32' },
          { name: 'dense_Dense1/bias', shape: [outSize], dtype: 'float32' },
        ],
      },
    ],
  };
  return {
    'model.json': strToU8(JSON.stringify(modelJson)),
    'group1-shard1of1.bin': new Uint8Array(4 * (obsSize * outSize + outSize)),
  };
}

/** The tfjs files as one zip, the way a student zips a saved model. */
export function tfjsPolicyZip(obsSize: number, outSize: number): Uint8Array {
  return zipSync(tfjsPolicyFiles(obsSize, outSize));
}

/** A multipart body with one `file` part per entry, plus optional plain fields. */
export function uploadForm(
  files: Record<string, Uint8Array | string>,
  fields: Record<string, string> = {},
): FormData {
  const form = new FormData();
  for (const [name, content] of Object.entries(files)) {
    const bytes = typeof content === 'string' ? strToU8(content) : content;
    form.append('file', new Blob([new Uint8Array(bytes)]), name);
  }
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  return form;
}

/** A user of the test world and the Cookie header of a fresh session. */
export interface WorldUser {
  user: User;
  cookie: string;
}

/** A course with an instructor, a TA, two teams of two students, a student without a team, and an outsider. */
export interface GradingWorld {
  course: { id: string; slug: string };
  instructor: WorldUser;
  ta: WorldUser;
  /** teams[i].members[j]: student j of team i. */
  teams: { team: Team; members: WorldUser[] }[];
  loner: WorldUser;
  outsider: WorldUser;
  /** Creates an assignment in the course (open since a day, due in a day, CartPole-v1 by default). */
  assignment(overrides?: Partial<NewAssignment>): Promise<Assignment>;
  /** Creates a homework (checks) assignment with `checks`, otherwise as `assignment`. */
  homework(
    checks: NonNullable<NewAssignment['checks']>,
    overrides?: Partial<NewAssignment>,
  ): Promise<Assignment>;
}

async function worldUser(h: ApiHarness, label: string): Promise<WorldUser> {
  serial += 1;
  const user = await createUser(h.deps.db, {
    email: `${label}-${process.pid}-${serial}@uni.test`,
    name: `${label[0]!.toUpperCase()}${label.slice(1)} ${serial}`,
  });
  const { token } = await createSession(h.deps.db, { userId: user.id, ttlMs: HOUR });
  return { user, cookie: `${SESSION_COOKIE}=${token}` };
}

/** Builds the world directly with @critic/db queries (sessions minted, no sign-up round trips). */
export async function createGradingWorld(h: ApiHarness): Promise<GradingWorld> {
  const db = h.deps.db;
  const instructor = await worldUser(h, 'prof');
  serial += 1;
  const course = await createCourse(db, {
    slug: `rl-${process.pid}-${serial}`,
    title: 'Reinforcement Learning',
    instructorId: instructor.user.id,
  });
  const ta = await worldUser(h, 'ta');
  await enroll(db, course.id, ta.user.id, 'ta');
  const teams: GradingWorld['teams'] = [];
  for (let t = 0; t < 2; t++) {
    const members: WorldUser[] = [];
    for (let m = 0; m < 2; m++) {
      const u = await worldUser(h, `student${t}${m}`);
      await enroll(db, course.id, u.user.id, 'student');
      members.push(u);
    }
    const team = await createTeam(db, {
      courseId: course.id,
      name: `Team ${String.fromCharCode(65 + t)}`,
      memberIds: members.map((m) => m.user.id),
    });
    teams.push({ team, members });
  }
  const loner = await worldUser(h, 'loner');
  await enroll(db, course.id, loner.user.id, 'student');
  const outsider = await worldUser(h, 'outsider');
  const world: GradingWorld = {
    course: { id: course.id, slug: course.slug },
    instructor,
    ta,
    teams,
    loner,
    outsider,
    assignment(overrides = {}) {
      serial += 1;
      const now = h.deps.now().getTime();
      return createAssignment(db, {
        courseId: course.id,
        slug: `cartpole-${serial}`,
        title: 'CartPole',
        kind: 'agent',
        envId: 'CartPole-v1',
        publicEpisodes: 2,
        privateEpisodes: 2,
        opensAt: new Date(now - 24 * HOUR),
        dueAt: new Date(now + 24 * HOUR),
        maxDailySubmissions: 20,
        createdBy: instructor.user.id,
        ...overrides,
      });
    },
    homework(checks, overrides = {}) {
      return world.assignment({ kind: 'checks', envId: undefined, checks, ...overrides });
    },
  };
  return world;
}

/** Statistics of one fake split: `mean` with a ±1 interval over `n` episodes. */
export function fakeStats(mean: number, n = 2) {
  return { n, mean, std: 1, ciLow: mean - 1, ciHigh: mean + 1, iqm: mean, min: mean - 1, max: mean + 1 };
}

/** Stores a trajectory blob `{ env, seed, actions }` as the grader does and returns its key. */
export async function storeTrajectory(h: ApiHarness, seed: number, actions: number[]): Promise<string> {
  const ref = await h.deps.blobs.put(strToU8(JSON.stringify({ env: 'CartPole-v1', seed, actions })));
  return ref.sha256;
}

/** Episodes of a fake split, each with a stored trajectory. */
async function fakeEpisodes(h: ApiHarness, split: 'public' | 'private', mean: number, n: number) {
  const base = split === 'public' ? 100 : 9000;
  return Promise.all(
    Array.from({ length: n }, async (_, index) => ({
      index,
      seed: base + index,
      return: mean + (index % 2 === 0 ? -1 : 1),
      length: 12,
      terminated: true,
      truncated: false,
      trajectoryKey: await storeTrajectory(h, base + index, [0, 1, 0]),
    })),
  );
}

/** What a fake grading writes: scores per split (a split left out is not evaluated) or check results. */
export interface FakeGrade {
  attempt?: number;
  public?: number;
  private?: number;
  episodes?: number;
  checkResults?: NonNullable<Parameters<typeof recordEvaluation>[1]['checkResults']>;
  consoleOutput?: string;
  /** What the private episodes printed (stored apart, as the grader does). */
  privateConsoleOutput?: string;
}

/**
 * Grades a submission through the real queries the grader uses: claims its job, startAttempt, progress,
 * one recordEvaluation per split, finishAttempt, completes the job (so board scores and the queue are
 * exactly as in production).
 */
export async function fakeGrade(h: ApiHarness, submissionId: string, grade: FakeGrade): Promise<void> {
  const db = h.deps.db;
  const attempt = grade.attempt ?? 1;
  const n = grade.episodes ?? 2;
  // Claim the attempt's job as a grader would, so the queue looks as in production.
  const latest = await latestJobForSubmission(db, submissionId);
  const job =
    latest === undefined
      ? undefined
      : await claimJobById(db, { jobId: latest.id, workerId: 'test-grader', leaseMs: 60_000 });
  await startAttempt(db, { submissionId, attempt, total: 2 * n });
  await reportProgress(db, { submissionId, attempt, done: n });
  const common = { submissionId, attempt, graderVersion: 'test-grader', envVersion: 'CartPole-v1@test' };
  for (const split of ['public', 'private'] as const) {
    const mean = grade[split];
    if (mean === undefined) continue;
    await recordEvaluation(db, {
      ...common,
      split,
      stats: fakeStats(mean, n),
      episodes: await fakeEpisodes(h, split, mean, n),
    });
  }
  if (grade.checkResults !== undefined) {
    const points = grade.checkResults.reduce((a, r) => a + r.points, 0);
    const maxPoints = grade.checkResults.reduce((a, r) => a + r.maxPoints, 0);
    const passed = grade.checkResults.filter((r) => r.passed).length;
    await recordEvaluation(db, {
      ...common,
      split: 'public',
      stats: fakeStats(passed, grade.checkResults.length),
      points,
      maxPoints,
      checkResults: grade.checkResults,
    });
  }
  await finishAttempt(db, {
    submissionId,
    attempt,
    ...(grade.consoleOutput === undefined ? {} : { consoleOutput: grade.consoleOutput }),
    ...(grade.privateConsoleOutput === undefined ? {} : { privateConsoleOutput: grade.privateConsoleOutput }),
  });
  if (job !== undefined) await completeJob(db, job);
}

/** A js-agent submission stored the way an upload stores it (blob + createSubmission), without the API. */
export async function storedSubmission(
  h: ApiHarness,
  assignment: Assignment,
  userId: string,
  source = jsAgentSource(1),
): Promise<string> {
  const ref = await h.deps.blobs.put(strToU8(source));
  const { submission } = await createSubmission(h.deps.db, {
    assignmentId: assignment.id,
    userId,
    artifactSha256: ref.sha256,
    artifactSize: ref.size,
    format: assignment.kind === 'checks' ? 'checks' : 'js-agent',
    now: h.deps.now(),
  });
  return submission.id;
}

/** The error body of every refusal. */
export type ErrorBody = { error: { code: string; message: string; field?: string } };

/** A test file's harness and world, filled in by the hooks `gradingWorldPerFile` registers. */
export interface GradingFixture {
  h: ApiHarness;
  w: GradingWorld;
}

/**
 * Registers hooks that create a fresh harness (with `env` overrides) and grading world before the file's
 * tests and close them after; the returned object holds both once the tests run.
 */
export function gradingWorldPerFile(env: Record<string, string> = {}): GradingFixture {
  const fixture = { h: apiHarnessPerFile(env) } as GradingFixture;
  beforeAll(async () => {
    fixture.w = await createGradingWorld(fixture.h);
  });
  return fixture;
}
