// `critic submit` against a stand-in server that speaks the REST contract's two endpoints
// (POST /api/assignments/:id/submissions, GET /api/submissions/:id/events) over real HTTP.
import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { SubmissionStatus } from '../src/submit/submission-status';
import { runCli, tempFiles } from './run-cli';

const TOKEN = 'crt_test_token_1234567890';
const REFUSING_ASSIGNMENT = randomUUID();
const ASSIGNMENT = randomUUID();

interface Received {
  auth: string | undefined;
  files: { name: string; text: string; size: number }[];
  format: string | null;
}
const received: Received[] = [];
const statuses = new Map<string, SubmissionStatus[]>();
/** Connections to a submission's event stream so far. */
const connections = new Map<string, number>();
/** The latest status each submission's stream has sent (what GET /api/submissions/:id answers). */
const latest = new Map<string, SubmissionStatus>();

// As the API sends an agent's stats: `points` and `maxPoints` are null.
const stat = (mean: number) => ({
  n: 4,
  mean,
  std: 0,
  ciLow: mean,
  ciHigh: mean,
  iqm: mean,
  min: mean,
  max: mean,
  points: null,
  maxPoints: null,
});

function status(id: string, patch: Partial<SubmissionStatus>): SubmissionStatus {
  return {
    id,
    assignmentId: ASSIGNMENT,
    format: 'js-agent',
    size: 70,
    status: 'queued',
    queuePosition: null,
    progress: { done: 0, total: 8 },
    attempt: 1,
    error: null,
    isLate: false,
    scores: { public: null, private: null },
    ...patch,
  };
}

function json(res: ServerResponse, code: number, body: unknown) {
  res.writeHead(code, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

async function upload(req: IncomingMessage, res: ServerResponse, assignmentId: string) {
  if (req.headers.authorization !== `Bearer ${TOKEN}`) {
    return json(res, 401, { error: { code: 'unauthenticated', message: 'sign in or send an API token' } });
  }
  const form = await new Request('http://x/', {
    method: 'POST',
    headers: req.headers as Record<string, string>,
    body: Readable.toWeb(req) as ReadableStream,
    duplex: 'half',
  } as RequestInit).formData();
  const files = await Promise.all(
    form.getAll('file').map(async (f) => {
      const file = f as File;
      return { name: file.name, text: await file.text(), size: file.size };
    }),
  );
  received.push({ auth: req.headers.authorization, files, format: form.get('format') as string | null });
  if (assignmentId === REFUSING_ASSIGNMENT) {
    return json(res, 422, {
      error: {
        code: 'invalid_artifact',
        message:
          'the model outputs 3 values per observation; expected 2 (CartPole-v1 has Discrete(2) actions)',
        field: 'file',
      },
    });
  }
  const id = randomUUID();
  const fails = files.some((f) => f.text.includes('throw'));
  statuses.set(id, [
    status(id, { queuePosition: 2 }),
    status(id, { queuePosition: 1 }),
    status(id, { status: 'running', progress: { done: 0, total: 8 } }),
    status(id, { status: 'running', progress: { done: 4, total: 8 } }),
    fails
      ? status(id, {
          status: 'failed',
          error: { class: 'runtime_error', message: 'act threw: boom (agent.ts:1)' },
        })
      : status(id, {
          status: 'succeeded',
          progress: { done: 8, total: 8 },
          scores: { public: stat(500), private: null },
        }),
  ]);
  json(res, 201, status(id, { queuePosition: 3, size: files.reduce((n, f) => n + f.size, 0) }));
}

function events(res: ServerResponse, id: string) {
  const all = statuses.get(id);
  if (!all) return json(res, 404, { error: { code: 'not_found', message: `submission ${id} not found` } });
  const n = (connections.get(id) ?? 0) + 1;
  connections.set(id, n);
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  // The first connection of a `flaky` submission breaks after two events (a dropped connection).
  const flaky = received.at(-1)?.files.some((f) => f.text.includes('flaky')) && n === 1;
  const send = flaky ? all.slice(0, 2) : all;
  let i = 0;
  const tick = setInterval(() => {
    const s = send[i++];
    if (s === undefined) {
      clearInterval(tick);
      if (flaky) res.destroy();
      else res.end();
      return;
    }
    latest.set(id, s);
    res.write(`: keep-alive\r\nevent: status\r\nid: ${i}\r\ndata: ${JSON.stringify(s)}\r\n\r\n`);
  }, 10);
}

const server = createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://x');
  const up = /^\/api\/assignments\/([^/]+)\/submissions$/.exec(url.pathname);
  const ev = /^\/api\/submissions\/([^/]+)\/events$/.exec(url.pathname);
  const one = /^\/api\/submissions\/([^/]+)$/.exec(url.pathname);
  if (req.method === 'POST' && up) return void upload(req, res, up[1]!);
  if (req.method === 'GET' && ev) return events(res, ev[1]!);
  if (req.method === 'GET' && one) return json(res, 200, latest.get(one[1]!));
  json(res, 404, { error: { code: 'not_found', message: `no route ${req.method} ${url.pathname}` } });
});
let base = '';
beforeAll(async () => {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));
afterEach(() => vi.unstubAllEnvs());

const AGENT = 'export function act(obs) { return obs[2] > 0 ? 1 : 0; }\n';

describe('critic submit', () => {
  it('uploads a module with the token, shows progress, follows queue and progress to the verdict, exit 0', async () => {
    const dir = tempFiles({ 'agent.js': AGENT });
    const run = await runCli([
      'submit',
      join(dir, 'agent.js'),
      '--assignment',
      ASSIGNMENT,
      '--server',
      base,
      '--token',
      TOKEN,
      '--wait',
    ]);
    expect(run.code).toBe(0);
    expect(received.at(-1)).toEqual({
      auth: `Bearer ${TOKEN}`,
      files: [{ name: 'agent.js', text: AGENT, size: AGENT.length }],
      format: null,
    });
    expect(run.stderr).toMatch(/^uploading agent\.js: .* \(100%\)$/m);
    expect(run.stdout).toMatch(
      new RegExp(
        `^submitted [0-9a-f-]{36} \\(js-agent, ${AGENT.length} B\\): queued \\(position 3 in the queue\\)$`,
        'm',
      ),
    );
    const phases = run.stderr.split('\n').filter((l) => /^(queued|running)/.test(l));
    expect(phases).toEqual([
      'queued (position 2 in the queue)',
      'queued (position 1 in the queue)',
      'running: 0/8 (0%)',
      'running: 4/8 (50%)',
    ]);
    expect(run.stdout).toMatch(
      /succeeded\n {2}public: mean 500 \(95% CI 500 to 500\), IQM 500, min 500, max 500 over 4 episodes\n$/,
    );
  });

  it('a folder of model.json + shards + critic.json goes as three file parts; without --wait it returns at once', async () => {
    const dir = tempFiles({});
    const model = join(dir, 'run');
    mkdirSync(model);
    const modelJson = JSON.stringify({
      format: 'layers-model',
      weightsManifest: [{ paths: ['weights.bin'], weights: [] }],
    });
    writeFileSync(join(model, 'model.json'), modelJson);
    writeFileSync(join(model, 'weights.bin'), new Uint8Array(1000).fill(7));
    writeFileSync(join(model, 'critic.json'), '{"env":"CartPole-v1","policy":"argmax"}');
    writeFileSync(join(model, 'metrics.jsonl'), '{}\n');
    vi.stubEnv('CRITIC_TOKEN', TOKEN);
    const run = await runCli([
      'submit',
      model,
      '--assignment',
      ASSIGNMENT,
      '--server',
      base,
      '--format',
      'tfjs-layers',
    ]);
    expect(run.code).toBe(0);
    const got = received.at(-1)!;
    expect(got.files.map((f) => [f.name, f.size])).toEqual([
      ['model.json', modelJson.length],
      ['weights.bin', 1000],
      ['critic.json', 39],
    ]);
    expect(got.format).toBe('tfjs-layers');
    expect(run.stderr).toMatch(/uploading run \(3 files\)/);
    expect(run.stdout).toMatch(/^submitted .*queued/m);
    expect(run.stdout).not.toMatch(/succeeded/);
  });

  it('a Python agent folder goes as its top-level files; a sub-folder asks for a zip', async () => {
    const dir = tempFiles({});
    const agent = join(dir, 'my_agent');
    mkdirSync(agent);
    writeFileSync(join(agent, 'agent.py'), 'def act(obs):\n    return 0\n');
    writeFileSync(join(agent, 'weights.npz'), new Uint8Array(300).fill(1));
    mkdirSync(join(agent, '__pycache__'));
    vi.stubEnv('CRITIC_TOKEN', TOKEN);
    const run = await runCli([
      'submit',
      agent,
      '--assignment',
      ASSIGNMENT,
      '--server',
      base,
      '--format',
      'python-agent',
    ]);
    expect(run.code).toBe(0);
    const got = received.at(-1)!;
    expect(got.files.map((f) => f.name).sort()).toEqual(['agent.py', 'weights.npz']);
    expect(got.format).toBe('python-agent');
    mkdirSync(join(agent, 'nets'));
    const nested = await runCli(['submit', agent, '--assignment', ASSIGNMENT, '--server', base]);
    expect(nested.code).toBe(2);
    expect(nested.stderr).toMatch(/nets is a folder; .*zip the agent/);
  });

  it("prints the server's refusal with its code and field, exit 1", async () => {
    const dir = tempFiles({ 'agent.js': AGENT });
    const run = await runCli([
      'submit',
      join(dir, 'agent.js'),
      '--assignment',
      REFUSING_ASSIGNMENT,
      '--server',
      base,
      '--token',
      TOKEN,
    ]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(
      /critic: submit: POST \/api\/assignments\/.*\/submissions: 422 invalid_artifact: the model outputs 3 values per observation; expected 2 .* \(field file\)/,
    );
    const unauth = await runCli([
      'submit',
      join(dir, 'agent.js'),
      '--assignment',
      ASSIGNMENT,
      '--server',
      base,
      '--token',
      'wrong',
    ]);
    expect(unauth.code).toBe(1);
    expect(unauth.stderr).toMatch(/401 unauthenticated: sign in or send an API token/);
  });

  it('a failed verdict exits 1 naming the error class; a dropped event stream is reopened', async () => {
    const dir = tempFiles({ 'agent.js': 'export function act() { throw new Error("boom"); } // flaky\n' });
    const run = await runCli([
      'submit',
      join(dir, 'agent.js'),
      '--assignment',
      ASSIGNMENT,
      '--server',
      base,
      '--token',
      TOKEN,
      '--wait',
    ]);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^failed: runtime_error: act threw: boom \(agent\.ts:1\)$/m);
    const id = /submitted ([0-9a-f-]{36})/.exec(run.stdout)![1]!;
    expect(connections.get(id)).toBe(2);
  });

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
        /a folder must hold model\.json .* found agent\.js/,
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

  it('an unreachable server is reported, exit 1', async () => {
    const dir = tempFiles({ 'agent.js': AGENT });
    const run = await runCli([
      'submit',
      join(dir, 'agent.js'),
      '--assignment',
      ASSIGNMENT,
      '--server',
      'http://127.0.0.1:1',
      '--token',
      TOKEN,
    ]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/cannot reach the server: .*ECONNREFUSED/);
  });
});
