// `critic submit` (the real CLI, as a child process) against the real API app (`createApi` on a real
// database, served over HTTP): the upload, the status it prints, and following the grading to the
// verdict through the API's own status stream. The grader's part is played by `fakeGrade` (the same
// queries the grader writes with). The CLI reads the API's status through @critic/contract, so this
// test and both typechecks fail together when the contract changes.
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createApiToken } from '@critic/db';
import { serve } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGradingWorld, fakeGrade } from './support/grading';
import { type ApiHarness, createApiHarness } from './support/harness';

const CLI = fileURLToPath(new URL('../../cli/bin/critic.mjs', import.meta.url));
const AGENT = 'export function act(obs) { return obs[2] > 0 ? 1 : 0; }\n';

let h: ApiHarness;
let server: ReturnType<typeof serve>;
let base = '';

beforeAll(async () => {
  h = await createApiHarness();
  server = serve({ fetch: h.app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise<void>((resolve) => {
    server.close(() => resolve());
    // A CLI still following a status stream (after a failed assertion) must not hold the server open.
    (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
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
  return { done, stdout: () => stdout };
}

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
});
