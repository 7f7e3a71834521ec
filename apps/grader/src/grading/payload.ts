import { z } from 'zod';

const payloadSchema = z.object({
  /** The submission to grade. */
  submissionId: z.uuid(),
  /** The judge attempt (1 = first judge; rejudges count up). */
  attempt: z.number().int().min(1),
});

/** A grading job's payload (what `createSubmission` / `rejudgeSubmission` enqueue). */
export type GradePayload = z.infer<typeof payloadSchema>;

/** A payload that can never be graded: the job is dead-lettered at once, not retried. */
export class InvalidPayloadError extends Error {
  override readonly name = 'InvalidPayloadError';
}

/** Validates a job payload; names the bad field. */
export function parseGradePayload(payload: unknown): GradePayload {
  const r = payloadSchema.safeParse(payload);
  if (!r.success) {
    const i = r.error.issues[0]!;
    throw new InvalidPayloadError(
      `grading job payload: field "${i.path.join('.') || '(root)'}": ${i.message}`,
    );
  }
  return r.data;
}
