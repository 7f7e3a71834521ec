// `critic submit` (the real CLI, as a child process) against the real API app (`createApi` on a real
// database, served over HTTP): the upload, the status it prints, and following the grading to the
// verdict through the API's own status stream. The grader's part is played by `fakeGrade` (the same
// queries the grader writes with). The CLI reads the API's status through @critic/contract (checked at
// run time too), so this test and both typechecks fail together when the contract changes.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createApiToken, failAttempt, startAttempt } from '@critic/db';
import { serve } from '@hono/node-server';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGradingWorld, fakeGrade, onnxPolicy, tfjsPolicyFiles } from './support/grading';
import { type ApiHarness, createApiHarness } from './support/harness';

const CLI = fileURLToPath(new URL('../../cli/bin/critic.mjs', import.meta.url));
const AGENT = 'export function act(obs) { return obs[2] > 0 ? 1 : 0; }\n';

let h: ApiHarness;
let server: Server;
/** How often each submission's status stream was opened. */
const streamsOpened = new Map<string, number>();
let base = '';

beforeAll(async () => {
  h = await createApiHarness();
  const fetch = (req: Request) => {
    const stream = /\/api\/submissions\/([^/]+)\/events$/.exec(new URL(req.url).pathname)?.[1];
    if (stream !== undefined) streamsOpened.set(stream, (streamsOpened.get(stream) ?? 0) + 1);
    return h.app.fetch(req);
  };
  // Served by node:http (serve's default), so its connections can be dropped.
  server = serve({ fetch, port: 0, hostname: '127.0.0.1' }) as Server;
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise<void>((resolve) => {
    server.close(() => resolve());
    // A CLI still following a status stream (after a failed assertion) must not hold the server open.
    server.closeAllConnections();
  });
  await h?.close();
});

/** Runs `critic <args>` as its own process; resolves with its exit code and output. */
function critic(args: string[], env: Record<string, string>) {
  const child = spawn(process.execPath, [CLI, ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => {
    stdout += d.toString();
  });
  child.stderr.on('data', (d: Buffer) => {
    stderr += d.toString();
  });
  const done = new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) =>
    child.on('close', (code) => resolve({ code, stdout, stderr })),
  );
  return { done, stdout: () => stdout, stderr: () => stderr };
}

/** Polls `read` (a growing output) until `pattern` matches it; the match, or undefined after ~60 s. */
async function waitFor(read: () => string, pattern: RegExp): Promise<RegExpExecArray | undefined> {
  for (let i = 0; i < 600; i++) {
    const m = pattern.exec(read());
    if (m) return m;
    await new Promise((r) => setTimeout(r, 100));
  }
  return undefined;
}

/** A fresh world's assignment (CartPole-v1) and an API token of its first student. */
async function studentWithToken() {
  const world = await createGradingWorld(h);
  const assignment = await world.assignment();
  const student = world.teams[0]!.members[0]!;
  const { token } = await createApiToken(h.deps.db, { userId: student.user.id, name: 'cli' });
  return { world, assignment, env: { CRITIC_SERVER: base, CRITIC_TOKEN: token } };
}

/** Writes `files` into a new folder `name` in a fresh temporary folder; returns its path. */
function folder(name: string, files: Record<string, string | Uint8Array>): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'critic-cli-real-')), name);
  mkdirSync(dir);
  for (const [file, content] of Object.entries(files)) {
    // A name ending in `/` is a sub-folder.
    if (file.endsWith('/')) mkdirSync(join(dir, file));
    else writeFileSync(join(dir, file), content);
  }
  return dir;
}

/** What the API stored for submission `id`: its format and the names of the files in its artifact. */
async function stored(id: string): Promise<{ format: string; files: string[] }> {
  const [row] = await h.sql<{ format: string; artifact_sha256: string }[]>`
    select format, artifact_sha256 from submissions where id = ${id}`;
  const chunks: Buffer[] = [];
  for await (const c of await h.deps.blobs.get(row!.artifact_sha256)) chunks.push(c as Buffer);
  const bytes = new Uint8Array(Buffer.concat(chunks));
  const zipped = bytes[0] === 0x50 && bytes[1] === 0x4b;
  return { format: row!.format, files: zipped ? Object.keys(unzipSync(bytes)).sort() : ['(one file)'] };
}

const CRITIC_JSON = '{"env":"CartPole-v1","policy":"argmax"}';

describe('critic submit against the real API', () => {
  it('uploads with a token, prints the queued status, follows the grading to the verdict, exit 0', async () => {
    const world = await createGradingWorld(h);
    const assignment = await world.assignment();
    const student = world.teams[0]!.members[0]!;
    const { token } = await createApiToken(h.deps.db, { userId: student.user.id, name: 'cli' });
    const dir = mkdtempSync(join(tmpdir(), 'critic-cli-real-'));
    writeFileSync(join(dir, 'agent.js'), AGENT);
    const run = critic(['submit', join(dir, 'agent.js'), '--assignment', assignment.id, '--wait'], {
      CRITIC_SERVER: base,
      CRITIC_TOKEN: token,
    });
    // Wait for the upload to be accepted, then grade it as the grader would.
    let id: string | undefined;
    for (let i = 0; i < 600 && id === undefined; i++) {
      id = /^submitted ([0-9a-f-]{36}) /m.exec(run.stdout())?.[1];
      if (id === undefined) await new Promise((r) => setTimeout(r, 100));
    }
    expect(id, 'the CLI printed the new submission').toBeDefined();
    const [row] = await h.sql<{ team_id: string; format: string; artifact_size: number }[]>`
      select team_id, format, artifact_size::int from submissions where id = ${id!}`;
    expect(row).toEqual({
      team_id: world.teams[0]!.team.id,
      format: 'js-agent',
      artifact_size: AGENT.length,
    });
    await fakeGrade(h, id!, { public: 500, private: 480 });
    const { code, stdout, stderr } = await run.done;
    expect(code, stderr).toBe(0);
    expect(stderr).toMatch(/^uploading agent\.js: .* \(100%\)$/m);
    expect(stdout).toMatch(new RegExp(`^submitted ${id} \\(js-agent, ${AGENT.length} B\\): queued`, 'm'));
    expect(stdout).toMatch(
      /^succeeded\n {2}public: mean 500 \(95% CI 499 to 501\), IQM 500, min 499, max 501 over 2 episodes$/m,
    );
  }, 120_000);

  it('a bad token is refused with the API’s 401 message and exit 1, and nothing is stored', async () => {
    const world = await createGradingWorld(h);
    const assignment = await world.assignment();
    const dir = mkdtempSync(join(tmpdir(), 'critic-cli-real-'));
    writeFileSync(join(dir, 'agent.js'), AGENT);
    const { code, stderr } = await critic(['submit', join(dir, 'agent.js'), '--assignment', assignment.id], {
      CRITIC_SERVER: base,
      CRITIC_TOKEN: 'crt_not-a-real-token',
    }).done;
    expect(code).toBe(1);
    expect(stderr).toMatch(/401/);
    const [n] = await h.sql<
      { n: number }[]
    >`select count(*)::int as n from submissions where assignment_id = ${assignment.id}`;
    expect(n!.n).toBe(0);
  }, 60_000);

  it.each<{
    what: string;
    files: Record<string, string | Uint8Array>;
    args: string[];
    format: string;
    parts: string[];
  }>([
    {
      what: 'a folder of model.json + its shard + critic.json (metrics.jsonl stays home)',
      files: { ...tfjsPolicyFiles(4, 2), 'critic.json': CRITIC_JSON, 'metrics.jsonl': '{}\n' },
      args: ['--format', 'tfjs-layers'],
      format: 'tfjs-layers',
      parts: ['critic.json', 'group1-shard1of1.bin', 'model.json'],
    },
    {
      what: 'a folder of policy.onnx + critic.json (notes.txt stays home)',
      files: { 'policy.onnx': onnxPolicy(4, 2), 'critic.json': CRITIC_JSON, 'notes.txt': 'not sent' },
      args: [],
      format: 'onnx',
      parts: ['critic.json', 'policy.onnx'],
    },
    {
      what: 'a Python agent folder (its __pycache__ stays home)',
      files: {
        'agent.py': 'def act(obs):\n    return 0\n',
        'weights.npz': new Uint8Array(300).fill(1),
        '__pycache__/': '',
      },
      args: ['--format', 'python-agent'],
      format: 'python-agent',
      parts: ['agent.py', 'weights.npz'],
    },
  ])(
    '$what is stored as those files; without --wait it returns at once',
    async ({ files, args, format, parts }) => {
      const { env, assignment } = await studentWithToken();
      const dir = folder('run', files);
      const { code, stdout, stderr } = await critic(
        ['submit', dir, '--assignment', assignment.id, ...args],
        env,
      ).done;
      expect(code, stderr).toBe(0);
      expect(stderr).toMatch(new RegExp(`uploading run \\(${parts.length} files\\)`));
      const id = /^submitted ([0-9a-f-]{36}) .*: queued/m.exec(stdout)?.[1];
      expect(id, stdout).toBeDefined();
      expect(stdout).not.toMatch(/succeeded/);
      expect(await stored(id!)).toEqual({ format, files: parts });
    },
    60_000,
  );

  it("prints the API's refusal of an artifact with its code and field, exit 1", async () => {
    const { env, assignment } = await studentWithToken();
    // Three outputs per observation: CartPole-v1 has two actions.
    const dir = folder('exported', { 'policy.onnx': onnxPolicy(4, 3) });
    const { code, stderr } = await critic(['submit', dir, '--assignment', assignment.id], env).done;
    expect(code).toBe(1);
    expect(stderr).toMatch(
      /^critic: submit: POST \/api\/assignments\/[0-9a-f-]{36}\/submissions: 422 invalid_artifact: .* \(field file\)$/m,
    );
  }, 60_000);

  it('a failed verdict exits 1 naming the error class; a dropped status stream is reopened', async () => {
    const { env, assignment } = await studentWithToken();
    const dir = folder('agent', { 'agent.js': AGENT });
    const run = critic(['submit', join(dir, 'agent.js'), '--assignment', assignment.id, '--wait'], env);
    const id = (await waitFor(run.stdout, /^submitted ([0-9a-f-]{36}) /m))?.[1];
    expect(id, 'the CLI printed the new submission').toBeDefined();
    // The stream's first status is printed: the CLI is following it. Then the connection drops.
    expect(await waitFor(run.stderr, /^queued/m), run.stderr()).toBeDefined();
    server.closeAllConnections();
    const reopened = await waitFor(() => String(streamsOpened.get(id!) ?? 0), /^[2-9]/);
    expect(reopened, 'the CLI opened the status stream again').toBeDefined();
    await startAttempt(h.deps.db, { submissionId: id!, attempt: 1, total: 4 });
    await failAttempt(h.deps.db, {
      submissionId: id!,
      attempt: 1,
      errorClass: 'runtime_error',
      message: 'act threw: boom (agent.js:1)',
    });
    const { code, stdout, stderr } = await run.done;
    expect(code, stderr).toBe(1);
    expect(stdout).toMatch(/^failed: runtime_error: act threw: boom \(agent\.js:1\)$/m);
  }, 120_000);
});
