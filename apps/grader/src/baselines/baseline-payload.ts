import { BASELINE_KINDS, type BaselineJobPayload, MAX_BASELINE_BUDGET_STEPS } from '@critic/db';
import { z } from 'zod';
import { InvalidPayloadError } from '../grading/payload';

const payloadSchema = z.object({
  assignmentId: z.uuid(),
  kind: z.enum(BASELINE_KINDS),
  budgetSteps: z.number().int().min(1).max(MAX_BASELINE_BUDGET_STEPS),
  seed: z.number().int().min(0).max(0xffffffff),
  requestedBy: z.uuid(),
});

/** Validates a baseline job's payload (what `enqueueBaselineJobs` writes); names the bad field. */
export function parseBaselinePayload(payload: unknown): BaselineJobPayload {
  const r = payloadSchema.safeParse(payload);
  if (!r.success) {
    const i = r.error.issues[0]!;
    throw new InvalidPayloadError(
      `baseline job payload: field "${i.path.join('.') || '(root)'}": ${i.message}`,
    );
  }
  return r.data;
}
