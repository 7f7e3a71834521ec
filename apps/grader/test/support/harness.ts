import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {
  createAssignment,
  createCourse,
  createSubmission,
  createTeam,
  createUser,
  type Database,
  enroll,
  type NewAssignment,
} from '@critic/db';
import { FsBlobStore } from '@critic/db/blob';
import { createDatabase, runMigrations } from '@critic/db/client';
import postgres from 'postgres';
import { inject } from 'vitest';

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
  const adminUrl = inject('adminUrl');
  const name = `critic_grader_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  const url = u.toString();
  await runMigrations(url);
  const sql = postgres(url, { max: 8, onnotice: () => {} });
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'critic-grader-blobs-'));
  return {
    db: createDatabase(sql),
    sql,
    url,
    blobs: new FsBlobStore(dir),
    blobDir: dir,
    async close() {
      await sql.end({ timeout: 5 });
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
      await fs.rm(dir, { recursive: true, force: true });
    },
  };
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

/** Stores an artifact and creates its submission (with its grading job). */
export async function submit(
  h: Harness,
  seed: Awaited<ReturnType<typeof seedAssignment>>,
  format: 'js-agent' | 'onnx' | 'tfjs-layers' | 'checks' | 'python-agent',
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
