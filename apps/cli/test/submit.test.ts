// `critic submit`'s refusals that need no server: usage errors and an unreachable server. Everything it
// does with a server (uploads, the status it prints, following the grading) is tested against the real
// API in apps/web/test/cli-submit.test.ts; reading the status is unit-tested in src/submit.
import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { runCli, tempFiles } from './run-cli';

const TOKEN = 'crt_test_token_1234567890';
const ASSIGNMENT = randomUUID();
const AGENT = 'export function act(obs) { return obs[2] > 0 ? 1 : 0; }\n';
/** Nothing listens here: a run that reached the network would fail differently. */
const NOWHERE = 'http://127.0.0.1:1';

afterEach(() => vi.unstubAllEnvs());

/** `critic submit <path>` for the assignment, with a token, to the server where nothing listens. */
const submitNowhere = (path: string) =>
  runCli(['submit', path, '--assignment', ASSIGNMENT, '--server', NOWHERE, '--token', TOKEN]);

describe('critic submit', () => {
  it('usage errors exit 2: no token, a bad assignment id, a missing file, a folder without model.json', async () => {
    vi.stubEnv('CRITIC_TOKEN', '');
    const dir = tempFiles({ 'agent.js': AGENT });
    const cases: [string[], RegExp][] = [
      [[join(dir, 'agent.js'), '--assignment', ASSIGNMENT], /no API token: pass --token or set CRITIC_TOKEN/],
      [
        [join(dir, 'agent.js'), '--assignment', 'cartpole', '--token', TOKEN],
        /--assignment must be the assignment's id \(a uuid\), found "cartpole"/,
      ],
      [[join(dir, 'nope.js'), '--assignment', ASSIGNMENT, '--token', TOKEN], /nope\.js does not exist/],
      [
        [dir, '--assignment', ASSIGNMENT, '--token', TOKEN],
        /a folder must hold model\.json .* or one \.onnx file .* found agent\.js/,
      ],
      [
        [join(dir, 'agent.js'), '--assignment', ASSIGNMENT, '--token', TOKEN, '--server', 'ftp://x'],
        /--server must be an http\(s\) URL/,
      ],
    ];
    for (const [args, message] of cases) {
      const run = await runCli(['submit', ...args]);
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stderr).toMatch(message);
    }
  });

  it('a Python agent folder with a sub-folder asks for a zip, exit 2', async () => {
    const agent = join(tempFiles({}), 'my_agent');
    mkdirSync(join(agent, 'nets'), { recursive: true });
    writeFileSync(join(agent, 'agent.py'), 'def act(obs):\n    return 0\n');
    const run = await submitNowhere(agent);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/nets is a folder; .*zip the agent/);
  });

  it('an unreachable server is reported, exit 1', async () => {
    const dir = tempFiles({ 'agent.js': AGENT });
    const run = await submitNowhere(join(dir, 'agent.js'));
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/cannot reach the server: .*ECONNREFUSED/);
  });
});
