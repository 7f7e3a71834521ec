import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {
  type CheckSpec,
  createAssignment,
  createCourse,
  createSubmission,
  createTeam,
  createUser,
  type Database,
  enroll,
  getSubmission,
  type NewAssignment,
} from '@critic/db';
import { FsBlobStore } from '@critic/db/blob';
import { createTestDatabase } from '@critic/db/testing';
import type postgres from 'postgres';
import { afterAll, beforeAll, inject } from 'vitest';
import { gradeSubmission } from '../../src/grading/grade-submission';

/** A migrated database of its own and a filesystem blob store in a temporary directory. */
export interface Harness {
  db: Database;
  sql: postgres.Sql;
  url: string;
  blobs: FsBlobStore;
  /** Directory of the blob store (for a worker process started by a test). */
  blobDir: string;
  close(): Promise<void>;
}

export async function openHarness(): Promise<Harness> {
  const database = await createTestDatabase(inject('adminUrl'), { label: 'grader', poolMax: 8 });
  const { sql, url } = database;
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'critic-grader-blobs-'));
  return {
    db: database.db,
    sql,
    url,
    blobs: new FsBlobStore(dir),
    blobDir: dir,
    async close() {
      await database.drop();
      await fs.rm(dir, { recursive: true, force: true });
    },
  };
}

/**
 * A harness for the tests of one file: opened before them and closed after them. The returned object
 * is filled in by the `beforeAll` hook, so use it inside tests and hooks only.
 */
export function useHarness(): Harness {
  const h = {} as Harness;
  beforeAll(async () => {
    Object.assign(h, await openHarness());
  });
  afterAll(async () => {
    await h.close?.();
  });
  return h;
}

const HOUR = 3_600_000;
let counter = 0;

/** A course with an instructor, one team of one student, and an assignment. */
export async function seedAssignment(db: Database, assignment: Partial<NewAssignment> = {}) {
  const id = `${Date.now().toString(36)}${(counter++).toString(36)}${randomBytes(2).toString('hex')}`;
  const instructor = await createUser(db, { email: `prof-${id}@uni.test`, name: `Prof ${id}` });
  const course = await createCourse(db, { slug: `rl-${id}`, title: 'RL', instructorId: instructor.id });
  const student = await createUser(db, { email: `s-${id}@uni.test`, name: `Student ${id}` });
  await enroll(db, course.id, student.id, 'student');
  const team = await createTeam(db, { courseId: course.id, name: `Team ${id}`, memberIds: [student.id] });
  const now = Date.now();
  const a = await createAssignment(db, {
    courseId: course.id,
    slug: `a-${id}`,
    title: 'CartPole',
    kind: 'agent',
    envId: 'CartPole-v1',
    publicEpisodes: 8,
    privateEpisodes: 8,
    opensAt: new Date(now - 24 * HOUR),
    dueAt: new Date(now + 24 * HOUR),
    maxDailySubmissions: 100,
    createdBy: instructor.id,
    ...assignment,
  });
  return { instructor, course, student, team, assignment: a };
}

/** The fields of a homework assignment grading `checks` (no env, no episodes), for {@link seedAssignment}. */
export function checksAssignment(checks: CheckSpec[]) {
  return { kind: 'checks' as const, envId: undefined, publicEpisodes: 0, privateEpisodes: 0, checks };
}

/** Submits an artifact and grades its job in-process: the outcome, and the submission row once graded. */
export async function submitAndGrade(...args: Parameters<typeof submit>) {
  const [h] = args;
  const { submission, job } = await submit(...args);
  const outcome = await gradeSubmission(job.payload, { db: h.db, blobs: h.blobs });
  return { outcome, submission: await getSubmission(h.db, submission.id) };
}

/** Stores an artifact and creates its submission (with its grading job). */
export async function submit(
  h: Harness,
  seed: Awaited<ReturnType<typeof seedAssignment>>,
  format: 'js-agent' | 'onnx' | 'tfjs-layers' | 'checks' | 'python-agent' | 'python-checks',
  bytes: Uint8Array | string,
): ReturnType<typeof createSubmission> {
  const data = typeof bytes === 'string' ? new TextEncoder().encode(bytes) : bytes;
  const ref = await h.blobs.put(data);
  return createSubmission(h.db, {
    assignmentId: seed.assignment.id,
    userId: seed.student.id,
    artifactSha256: ref.sha256,
    artifactSize: ref.size,
    format,
  });
}
