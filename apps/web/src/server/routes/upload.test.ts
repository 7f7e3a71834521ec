import { createApiToken, schema } from '@critic/db';
import { strToU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { authed, expectJson } from '../../../test/support/accounts';
import {
  createGradingWorld,
  type ErrorBody,
  gradingWorldPerFile,
  jsAgentSource,
  onnxPolicy,
  tfjsPolicyFiles,
  tfjsPolicyZip,
  uploadForm,
} from '../../../test/support/grading';
import { createApiHarness } from '../../../test/support/harness';
import type { SubmissionStatusView } from './submissions';

const t = gradingWorldPerFile({ CRITIC_UPLOAD_LIMIT: '40' });

const upload = (cookie: string, assignmentId: string, form: FormData, headers: Record<string, string> = {}) =>
  authed(t.h, cookie, `/api/assignments/${assignmentId}/submissions`, {
    method: 'POST',
    body: form,
    headers,
  });

const submissionCount = async () => (await t.h.deps.db.select().from(schema.submissions)).length;

/** Uploads, expects a refusal with `status`, and checks that no submission row appeared. */
async function expectRefused(cookie: string, assignmentId: string, form: FormData, status: number) {
  const before = await submissionCount();
  const body = await expectJson<ErrorBody>(await upload(cookie, assignmentId, form), status);
  expect(await submissionCount()).toBe(before);
  return body.error;
}

describe('upload: accepted formats', () => {
  it('stores a TypeScript js-agent as its source and answers a queued SubmissionStatus of the own team', async () => {
    const a = await t.w.assignment();
    const me = t.w.teams[0]!.members[0]!;
    const src = jsAgentSource(1);
    const s = await expectJson<SubmissionStatusView>(
      await upload(me.cookie, a.id, uploadForm({ 'agent.ts': src })),
      201,
    );
    expect(s).toMatchObject({
      assignmentId: a.id,
      team: { id: t.w.teams[0]!.team.id, name: 'Team A' },
      submittedBy: { id: me.user.id },
      format: 'js-agent',
      status: 'queued',
      queuePosition: 1,
      attempt: 1,
      size: Buffer.byteLength(src),
      scores: { public: null, private: null },
    });
    const stored = await new Response(
      (await import('node:stream')).Readable.toWeb(await t.h.deps.blobs.get(s.sha256)) as ReadableStream,
    ).text();
    expect(stored).toBe(src);
  });

  it('zips model.json and its shards server-side into one tfjs-layers artifact', async () => {
    const a = await t.w.assignment();
    const files = tfjsPolicyFiles(4, 2);
    const s = await expectJson<SubmissionStatusView>(
      await upload(t.w.teams[0]!.members[1]!.cookie, a.id, uploadForm(files)),
      201,
    );
    expect(s.format).toBe('tfjs-layers');
    const chunks: Buffer[] = [];
    for await (const c of await t.h.deps.blobs.get(s.sha256)) chunks.push(c as Buffer);
    const unzipped = unzipSync(new Uint8Array(Buffer.concat(chunks)));
    expect(Object.keys(unzipped).sort()).toEqual(['group1-shard1of1.bin', 'model.json']);
  });

  it('accepts a tfjs zip and an ONNX file, detecting the format from names and contents', async () => {
    const a = await t.w.assignment();
    const me = t.w.teams[1]!.members[0]!;
    const zip = await expectJson<SubmissionStatusView>(
      await upload(me.cookie, a.id, uploadForm({ 'policy.zip': tfjsPolicyZip(4, 2) })),
      201,
    );
    expect(zip.format).toBe('tfjs-layers');
    const onnx = await expectJson<SubmissionStatusView>(
      await upload(me.cookie, a.id, uploadForm({ 'policy.onnx': onnxPolicy(4, 2) }, { format: 'onnx' })),
      201,
    );
    expect(onnx.format).toBe('onnx');
  });

  it('ignores any team parameter: the submission belongs to the uploader’s own team', async () => {
    const a = await t.w.assignment();
    const me = t.w.teams[0]!.members[0]!;
    const other = t.w.teams[1]!.team.id;
    const form = uploadForm(
      { 'agent.js': 'export function act(obs) {\n  return 0;\n}\n' },
      { teamId: other, team: other },
    );
    const s = await expectJson<SubmissionStatusView>(
      await authed(t.h, me.cookie, `/api/assignments/${a.id}/submissions?teamId=${other}`, {
        method: 'POST',
        body: form,
      }),
      201,
    );
    expect(s.team?.id).toBe(t.w.teams[0]!.team.id);
  });

  it('accepts a homework module that exports the checks’ functions', async () => {
    const a = await t.w.homework([{ name: 'discountedReturn', cases: 3, visibleCases: 1, points: 2 }]);
    const src =
      'export function discountedReturn(rewards: number[], gamma: number): number[] { return rewards; }\n';
    const s = await expectJson<SubmissionStatusView>(
      await upload(t.w.loner.cookie, a.id, uploadForm({ 'homework.ts': src })),
      201,
    );
    expect(s).toMatchObject({ format: 'checks', team: null, submittedBy: { id: t.w.loner.user.id } });
  });

  it('accepts a Python homework module (.py) defining the snake_case functions; refuses one that lacks them, naming them', async () => {
    const a = await t.w.homework([
      { name: 'discountedReturn', cases: 3, visibleCases: 1, points: 2 },
      { name: 'gae', cases: 3, visibleCases: 1, points: 2 },
    ]);
    const src =
      'import numpy as np\n\ndef discounted_returns(rewards, dones, gamma):\n    return rewards\n\ndef gae(*args):\n    return args[0]\n';
    const s = await expectJson<SubmissionStatusView>(
      await upload(t.w.loner.cookie, a.id, uploadForm({ 'hw.py': src })),
      201,
    );
    expect(s).toMatchObject({ format: 'python-checks', size: src.length });
    const missing = await expectRefused(
      t.w.loner.cookie,
      a.id,
      uploadForm({ 'hw.py': 'def discounted_returns(r, d, g):\n    return r\n' }),
      422,
    );
    expect(missing).toMatchObject({ code: 'invalid_artifact', field: 'file' });
    expect(missing.message).toMatch(/homework\.py does not define gae\(\)/);
    const unknownImport = await expectRefused(
      t.w.loner.cookie,
      a.id,
      uploadForm({ 'hw.py': `import sklearn\n${src}` }),
      422,
    );
    expect(unknownImport.message).toMatch(/imports `sklearn`/);
  });
});

describe('upload from the CLI', () => {
  it('accepts an API token instead of the session cookie (no Origin needed)', async () => {
    const a = await t.w.assignment();
    const me = t.w.teams[1]!.members[0]!;
    const { token } = await createApiToken(t.h.deps.db, { userId: me.user.id, name: 'laptop' });
    const res = await t.h.app.request(`/api/assignments/${a.id}/submissions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
      body: uploadForm({ 'policy.onnx': onnxPolicy(4, 2) }),
    });
    const s = await expectJson<SubmissionStatusView>(res, 201);
    expect(s).toMatchObject({ format: 'onnx', submittedBy: { id: me.user.id }, team: { name: 'Team B' } });
  });
});

describe('upload: refused before anything is stored', () => {
  it('413 when the declared body is larger than the assignment allows, naming the limit', async () => {
    const a = await t.w.assignment({ maxArtifactBytes: 2000 });
    const before = await submissionCount();
    const res = await upload(
      t.w.teams[0]!.members[0]!.cookie,
      a.id,
      uploadForm({ 'agent.ts': jsAgentSource() }),
      {
        'content-length': String(10_000_000),
      },
    );
    const body = await expectJson<ErrorBody>(res, 413);
    expect(body.error.message).toMatch(/10000000 bytes.*limit of 2000 bytes/);
    expect(await submissionCount()).toBe(before);
  });

  it('413 when the real files exceed the assignment limit, whatever the headers say', async () => {
    const a = await t.w.assignment({ maxArtifactBytes: 1000 });
    const big = `${jsAgentSource()}// ${'x'.repeat(5000)}\n`;
    const err = await expectRefused(
      t.w.teams[0]!.members[0]!.cookie,
      a.id,
      uploadForm({ 'agent.ts': big }),
      413,
    );
    expect(err.message).toMatch(/limit/);
    expect(err.message).toMatch(/1000 bytes|at most/);
  });

  it('415 for a body that is not multipart/form-data, saying what to send', async () => {
    const a = await t.w.assignment();
    const res = await authed(t.h, t.w.teams[0]!.members[0]!.cookie, `/api/assignments/${a.id}/submissions`, {
      method: 'POST',
      json: { file: 'export function act() { return 0; }' },
    });
    const err = (await expectJson<ErrorBody>(res, 415)).error;
    expect(err.message).toMatch(
      /send the upload as multipart\/form-data with one or more "file" parts; got Content-Type application\/json/,
    );
  });

  it('415 for a file type no format accepts, naming the accepted formats', async () => {
    const a = await t.w.assignment();
    const err = await expectRefused(
      t.w.teams[0]!.members[0]!.cookie,
      a.id,
      uploadForm({ 'weights.pkl': 'not a model' }),
      415,
    );
    expect(err.code).toBe('unsupported_format');
    expect(err.message).toMatch(/weights\.pkl/);
    expect(err.message).toMatch(/js-agent.*onnx.*tfjs-layers/);
  });

  it('400 for an unknown format field; 415 for a model on a homework or a format that contradicts the file', async () => {
    const agent = await t.w.assignment();
    const me = t.w.teams[0]!.members[0]!;
    const unknown = await expectRefused(
      me.cookie,
      agent.id,
      uploadForm({ 'agent.ts': jsAgentSource() }, { format: 'pytorch' }),
      400,
    );
    expect(unknown).toMatchObject({ field: 'format' });
    expect(unknown.message).toMatch(/tfjs-layers, onnx, js-agent, checks.*pytorch/);
    const contradict = await expectRefused(
      me.cookie,
      agent.id,
      uploadForm({ 'p.onnx': onnxPolicy(4, 2) }, { format: 'tfjs-layers' }),
      415,
    );
    expect(contradict.message).toMatch(/"tfjs-layers" was given, but the upload is onnx/);
    const hw = await t.w.homework([{ name: 'discountedReturn', cases: 2, visibleCases: 1, points: 1 }]);
    const model = await expectRefused(
      t.w.loner.cookie,
      hw.id,
      uploadForm({ 'p.onnx': onnxPolicy(4, 2) }),
      415,
    );
    expect(model.message).toMatch(/checks \(one \.js or \.ts module/);
  });

  it('422 for an ONNX model that does not fit the env, naming expected and found shapes', async () => {
    const a = await t.w.assignment();
    const me = t.w.teams[0]!.members[0]!;
    const input = await expectRefused(me.cookie, a.id, uploadForm({ 'p.onnx': onnxPolicy(3, 2) }), 422);
    expect(input.code).toBe('invalid_artifact');
    expect(input.message).toMatch(/^p\.onnx: input .* shape \[batch, 3\]; expected \[batch, 4\]/);
    const output = await expectRefused(me.cookie, a.id, uploadForm({ 'p.onnx': onnxPolicy(4, 3) }), 422);
    expect(output.message).toMatch(/expected \[batch, 2\]/);
    // The message names the file by its own name, also beside critic.json.
    const named = await expectRefused(
      me.cookie,
      a.id,
      uploadForm({ 'cartpole-ppo.onnx': onnxPolicy(4, 3), 'critic.json': '{"policy":"argmax"}' }),
      422,
    );
    expect(named.message).toMatch(/^cartpole-ppo\.onnx: output /);
    expect(named.message).not.toContain('model.onnx');
  });

  it('422 for a tfjs model whose input or output does not fit, with expected vs found', async () => {
    const a = await t.w.assignment();
    const me = t.w.teams[0]!.members[0]!;
    const input = await expectRefused(me.cookie, a.id, uploadForm(tfjsPolicyFiles(6, 2)), 422);
    expect(input.message).toMatch(/6 features; the env's observation has 4/);
    expect(input.message).toMatch(/expected \[batch, 4\], found \[batch, 6\]/);
    const output = await expectRefused(me.cookie, a.id, uploadForm({ 'm.zip': tfjsPolicyZip(4, 5) }), 422);
    expect(output.message).toMatch(/expected \[batch, 2\], found \[batch, 5\]/);
    const files = tfjsPolicyFiles(4, 2);
    const noShard = await expectRefused(
      me.cookie,
      a.id,
      uploadForm({ 'model.json': files['model.json']! }),
      422,
    );
    expect(noShard.message).toMatch(/group1-shard1of1\.bin/);
  });

  it('422 for TypeScript that does not compile, naming the file and line; and for a missing act export', async () => {
    const a = await t.w.assignment();
    const me = t.w.teams[0]!.members[0]!;
    const broken = 'export function act(obs: number[]): number {\n  return obs[0] >\n}\n';
    const syntax = await expectRefused(me.cookie, a.id, uploadForm({ 'agent.ts': broken }), 422);
    expect(syntax.message).toMatch(/agent\.ts does not compile/);
    expect(syntax.message).toMatch(/agent\.ts:3:\d+/);
    const noAct = await expectRefused(
      me.cookie,
      a.id,
      uploadForm({ 'agent.ts': 'export const x = 1;\n' }),
      422,
    );
    expect(noAct.message).toMatch(/must export `act`/);
    const imports = await expectRefused(
      me.cookie,
      a.id,
      uploadForm({ 'agent.ts': `import fs from 'node:fs';\n${jsAgentSource()}` }),
      422,
    );
    expect(imports.message).toMatch(/import of "node:fs" is not allowed/);
  });

  it('a Python agent is stored as its source; one that does not compile or imports what the runtime lacks is a 422', async () => {
    const a = await t.w.assignment();
    const me = t.w.teams[0]!.members[0]!;
    const good = 'import numpy as np\n\ndef act(obs):\n    return int(np.asarray(obs)[2] > 0)\n';
    const s = await expectJson<SubmissionStatusView>(
      await upload(me.cookie, a.id, uploadForm({ 'agent.py': good })),
      201,
    );
    expect(s).toMatchObject({ format: 'python-agent', size: Buffer.byteLength(good), status: 'queued' });
    const syntax = await expectRefused(
      me.cookie,
      a.id,
      uploadForm({ 'agent.py': 'def act(obs)\n    return 0\n' }),
      422,
    );
    expect(syntax.message).toMatch(/agent\.py does not compile: .*\(line 1\)/);
    const missing = await expectRefused(
      me.cookie,
      a.id,
      uploadForm({ 'agent.py': 'import sklearn\ndef act(obs):\n    return 0\n' }),
      422,
    );
    expect(missing.message).toMatch(/imports `sklearn`, which the Python runtime does not provide/);
    const noAct = await expectRefused(me.cookie, a.id, uploadForm({ 'agent.py': 'x = 1\n' }), 422);
    expect(noAct.message).toMatch(/agent\.py does not define act\(\) at module level/);
  }, 60_000);

  it('a homework missing one of the functions is refused naming it', async () => {
    const a = await t.w.homework([{ name: 'discountedReturn', cases: 2, visibleCases: 1, points: 1 }]);
    const err = await expectRefused(
      t.w.loner.cookie,
      a.id,
      uploadForm({ 'hw.ts': 'export function other() { return 1; }\n' }),
      422,
    );
    expect(err.message).toMatch(/must export `discountedReturn`/);
  });

  it('400 without a file part, 415 when the body is not multipart', async () => {
    const a = await t.w.assignment();
    const me = t.w.teams[0]!.members[0]!;
    const form = new FormData();
    form.append('format', 'onnx');
    const none = await expectRefused(me.cookie, a.id, form, 400);
    expect(none.message).toMatch(/no "file" part/);
    const before = await submissionCount();
    const json = await authed(t.h, me.cookie, `/api/assignments/${a.id}/submissions`, {
      method: 'POST',
      json: { file: 'x' },
    });
    expect((await expectJson<ErrorBody>(json, 415)).error.message).toMatch(/multipart\/form-data/);
    expect(await submissionCount()).toBe(before);
  });
});

describe('upload: who and when', () => {
  it('401 when signed out, 404 outside the course, 403 when the window is closed', async () => {
    const a = await t.w.assignment();
    const anon = await t.h.app.request(`/api/assignments/${a.id}/submissions`, {
      method: 'POST',
      body: uploadForm({ 'agent.ts': jsAgentSource() }),
      headers: { origin: 'http://critic.test' },
    });
    expect((await expectJson<ErrorBody>(anon, 401)).error.message).toMatch(/sign in/);
    await expectRefused(t.w.outsider.cookie, a.id, uploadForm({ 'agent.ts': jsAgentSource() }), 404);
    const closed = await t.w.assignment({
      opensAt: new Date(Date.now() - 72 * 3_600_000),
      dueAt: new Date(Date.now() - 48 * 3_600_000),
    });
    const err = await expectRefused(
      t.w.teams[0]!.members[0]!.cookie,
      closed.id,
      uploadForm({ 'agent.ts': jsAgentSource() }),
      403,
    );
    expect(err.message).toMatch(/closed at/);
  });

  it('a student without a team cannot submit team work (400 naming the team)', async () => {
    const a = await t.w.assignment();
    const err = await expectRefused(t.w.loner.cookie, a.id, uploadForm({ 'agent.ts': jsAgentSource() }), 400);
    expect(err.message).toMatch(/join or create a team/);
  });

  it('429 at the daily limit: the blob may stay, but no submission row is created', async () => {
    const a = await t.w.assignment({ maxDailySubmissions: 2 });
    const me = t.w.teams[1]!.members[1]!;
    for (let i = 0; i < 2; i++) {
      await expectJson(await upload(me.cookie, a.id, uploadForm({ 'agent.ts': jsAgentSource(i) })), 201);
    }
    const source = `${jsAgentSource(1)}// third\n`;
    const before = await submissionCount();
    const res = await upload(me.cookie, a.id, uploadForm({ 'agent.ts': source }));
    // The limit resets at midnight in the course's time zone (UTC here).
    const retryAfter = Number(res.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(86_400);
    const err = await expectJson<ErrorBody>(res, 429);
    expect(err.error.message).toMatch(/daily limit reached \(2 of 2 today, per team\)/);
    expect(err.error.code).toBe('daily_limit');
    expect(await submissionCount()).toBe(before);
    const sha = (await import('node:crypto')).createHash('sha256').update(strToU8(source)).digest('hex');
    expect(await t.h.deps.blobs.has(sha)).toBe(true);
  });
});

describe('upload: per-user rate limit', () => {
  it('429 with Retry-After once a user exceeds the upload limit of the window', async () => {
    const limited = await createApiHarness({ CRITIC_UPLOAD_LIMIT: '2', CRITIC_UPLOAD_WINDOW_S: '600' });
    try {
      const lw = await createGradingWorld(limited);
      const a = await lw.assignment();
      const me = lw.teams[0]!.members[0]!;
      const send = () =>
        authed(limited, me.cookie, `/api/assignments/${a.id}/submissions`, {
          method: 'POST',
          body: uploadForm({ 'weights.pkl': 'x' }),
        });
      expect((await send()).status).toBe(415);
      expect((await send()).status).toBe(415);
      const res = await send();
      expect(res.status).toBe(429);
      expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(((await res.json()) as ErrorBody).error.message).toMatch(/at most 2 per 10 minutes/);
      // Another student is not affected.
      const other = await authed(
        limited,
        lw.teams[1]!.members[0]!.cookie,
        `/api/assignments/${a.id}/submissions`,
        {
          method: 'POST',
          body: uploadForm({ 'agent.ts': jsAgentSource() }),
        },
      );
      expect(other.status).toBe(201);
    } finally {
      await limited.close();
    }
  });
});
