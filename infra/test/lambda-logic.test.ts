// The logic of the push dispatcher and of the migration step's completion check, without AWS clients.
// The dispatcher talks to a real HTTP server standing in for the grader's POST /jobs/:id.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatchRecords } from '../lambda/push-dispatch/dispatch.mjs';
import { taskOutcome } from '../lambda/run-task/outcome.mjs';

const TOKEN = 'shared-secret-token';
const received: { method: string; url: string; auth: string | undefined }[] = [];
let server: http.Server;
let graderUrl: string;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    received.push({ method: req.method ?? '', url: req.url ?? '', auth: req.headers.authorization });
    if (req.headers.authorization !== `Bearer ${TOKEN}`) {
      res.writeHead(401).end('unauthorized');
    } else if (req.url === '/jobs/13') {
      res.writeHead(500).end('worker lost');
    } else {
      res.writeHead(202).end('accepted');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  graderUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const record = (messageId: string, body: string) => ({ messageId, body });

describe('dispatchRecords', () => {
  it('POSTs each job with the bearer token and fails only the messages the grader refused', async () => {
    received.length = 0;
    const logged: string[] = [];
    const out = await dispatchRecords(
      [record('m1', '{"jobId":"42"}'), record('m2', '{"jobId":13}'), record('m3', '{"jobId":7}')],
      { graderUrl, token: TOKEN, log: (line: string) => logged.push(line) },
    );
    expect(received).toEqual([
      { method: 'POST', url: '/jobs/42', auth: `Bearer ${TOKEN}` },
      { method: 'POST', url: '/jobs/13', auth: `Bearer ${TOKEN}` },
      { method: 'POST', url: '/jobs/7', auth: `Bearer ${TOKEN}` },
    ]);
    expect(out).toEqual({ batchItemFailures: [{ itemIdentifier: 'm2' }] });
    expect(logged.join('\n')).toMatch(/grader answered 500 for job 13: worker lost/);
  });

  it('fails every message when the token is wrong', async () => {
    const out = await dispatchRecords([record('a', '{"jobId":"1"}')], {
      graderUrl,
      token: 'nope',
      log: () => {},
    });
    expect(out.batchItemFailures).toEqual([{ itemIdentifier: 'a' }]);
  });

  it('fails malformed messages without calling the grader, naming what was expected', async () => {
    received.length = 0;
    const logged: string[] = [];
    const out = await dispatchRecords([record('x', 'not json'), record('y', '{"job":1}')], {
      graderUrl,
      token: TOKEN,
      log: (line: string) => logged.push(line),
    });
    expect(received).toEqual([]);
    expect(out.batchItemFailures).toEqual([{ itemIdentifier: 'x' }, { itemIdentifier: 'y' }]);
    expect(logged[0]).toMatch(/body is not JSON/);
    expect(logged[1]).toMatch(/expected \{\\"jobId\\": string \| integer\}/);
  });
});

describe('taskOutcome (migration step)', () => {
  it('waits while the task runs and completes on exit code 0', () => {
    expect(taskOutcome({ lastStatus: 'RUNNING', containers: [{}] }, 'arn:t')).toEqual({ IsComplete: false });
    expect(taskOutcome({ lastStatus: 'STOPPED', containers: [{ exitCode: 0 }] }, 'arn:t')).toEqual({
      IsComplete: true,
    });
  });

  it('fails the deploy with the exit code and the reasons otherwise', () => {
    expect(() =>
      taskOutcome(
        {
          lastStatus: 'STOPPED',
          stoppedReason: 'Essential container in task exited',
          containers: [{ exitCode: 1 }],
        },
        'arn:t',
      ),
    ).toThrow('migration task arn:t failed: exit code 1, Essential container in task exited');
    expect(() =>
      taskOutcome(
        {
          lastStatus: 'STOPPED',
          stoppedReason: 'CannotPullContainerError',
          containers: [{ reason: 'no image' }],
        },
        'arn:t',
      ),
    ).toThrow(/exit code none, CannotPullContainerError; no image/);
    expect(() => taskOutcome(undefined, 'arn:gone')).toThrow('task arn:gone not found');
  });
});
