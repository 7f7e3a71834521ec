import type { SubmissionStatus } from '@critic/contract';
import { describe, expect, it } from 'vitest';
import { ServerError } from './server-error';
import { parseSubmissionStatus } from './status-answer';
import { phaseLine, verdictLines } from './status-lines';

/** A queued agent submission as the API sends it, with `patch` applied. */
function status(patch: Partial<SubmissionStatus> = {}): SubmissionStatus {
  return {
    id: '6f1c0f43-5f0e-4c39-9d0c-2f6f1d1b7a10',
    assignmentId: '0b8f7a6e-2a53-4f0f-8d8e-3c8f1f7c2b11',
    team: null,
    submittedBy: { id: '00000000-0000-4000-8000-000000000001', name: 'Ada' },
    format: 'js-agent',
    size: 70,
    sha256: '0'.repeat(64),
    status: 'queued',
    queuePosition: 3,
    progress: { done: 0, total: 8 },
    timestamps: {
      submittedAt: '2026-12-04T12:00:00.000Z',
      queuedAt: null,
      startedAt: null,
      finishedAt: null,
    },
    attempt: 1,
    error: null,
    isLate: false,
    selected: false,
    scores: { public: null, private: null },
    ...patch,
  };
}

/** The error `parseSubmissionStatus` throws for `body`. */
function refusal(body: string): ServerError {
  try {
    parseSubmissionStatus('GET /api/submissions/x', 200, body);
  } catch (e) {
    if (e instanceof ServerError) return e;
    throw e;
  }
  throw new Error(`accepted ${body}`);
}

describe('parseSubmissionStatus', () => {
  it('reads an answer that fits the contract', () => {
    const s = status({ status: 'running', progress: { done: 4, total: 8 } });
    expect(parseSubmissionStatus('GET /api/submissions/x', 200, JSON.stringify(s))).toEqual(s);
  });

  it.each([
    ['a renamed field', { ...status(), progress: undefined, done: 0 }, /: progress: /],
    ['a status the CLI does not know', { ...status(), status: 'paused' }, /: status: /],
    [
      'a score of another type',
      { ...status(), scores: { public: { mean: '500' }, private: null } },
      /: scores\.public\.n: /,
    ],
  ])('names the first field that does not fit: %s', (_, body, message) => {
    const e = refusal(JSON.stringify(body));
    expect(e.code).toBe('bad_answer');
    expect(e.message).toMatch(
      /^GET \/api\/submissions\/x: the answer is not a submission status as this critic reads it/,
    );
    expect(e.message).toMatch(message);
  });

  it('says when the answer is not JSON at all', () => {
    expect(refusal('<html>502 Bad Gateway</html>').message).toBe(
      'GET /api/submissions/x: the answer is not JSON: <html>502 Bad Gateway</html>',
    );
  });
});

describe('status lines', () => {
  it('words the pending phases: queue position, then progress', () => {
    expect(
      [
        status({ queuePosition: 2 }),
        status({ queuePosition: null }),
        status({ status: 'running', progress: { done: 0, total: 8 } }),
        status({ status: 'running', progress: { done: 4, total: 8 } }),
        status({ status: 'running', progress: { done: 0, total: 0 } }),
      ].map(phaseLine),
    ).toEqual([
      'queued (position 2 in the queue)',
      'queued',
      'running: 0/8 (0%)',
      'running: 4/8 (50%)',
      'running',
    ]);
  });

  it('words a failed verdict with its error class and message', () => {
    const failed = status({
      status: 'failed',
      error: { class: 'runtime_error', message: 'act threw: boom' },
    });
    expect(verdictLines(failed)).toEqual(['failed: runtime_error: act threw: boom']);
  });
});
