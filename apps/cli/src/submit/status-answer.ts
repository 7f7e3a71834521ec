import { type SubmissionStatus, SubmissionStatusSchema } from '@critic/contract';
import { ServerError } from './server-error';

/**
 * Reads a submission status the server sent (`what` names the request, `status` its HTTP status),
 * checked against the contract's schema at run time: an answer of another shape (a server older or
 * newer than this CLI) is a ServerError naming the first field that does not fit.
 */
export function parseSubmissionStatus(what: string, status: number, body: string): SubmissionStatus {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    throw new ServerError(
      status,
      'bad_answer',
      `${what}: the answer is not JSON: ${body.trim().slice(0, 200)}`,
    );
  }
  const parsed = SubmissionStatusSchema.safeParse(json);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const field = issue?.path.join('.') || '(the whole answer)';
  throw new ServerError(
    status,
    'bad_answer',
    `${what}: the answer is not a submission status as this critic reads it: ${field}: ${issue?.message ?? 'invalid'} (is the server a different version?)`,
  );
}
