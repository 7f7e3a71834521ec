// `@critic/contract`: the REST API's response schemas that more than one app reads. apps/web serves
// them (and generates /api/openapi.json from them); apps/cli types its client with them, so a change
// to a schema fails the CLI's typecheck as well as the web's.
import { z } from '@hono/zod-openapi';

/** The pieces the submission schemas share (a summary line in apps/web uses them too). */
export const iso = z.string().openapi({ format: 'date-time' });
export const teamRef = z.object({ id: z.uuid(), name: z.string() }).nullable();
export const userRef = z.object({ id: z.uuid(), name: z.string() });
export const formatEnum = z.enum([
  'tfjs-layers',
  'onnx',
  'js-agent',
  'checks',
  'python-agent',
  'python-checks',
]);
export const statusEnum = z.enum(['queued', 'running', 'succeeded', 'failed', 'cancelled']);
export const verdict = z.object({ class: z.string(), message: z.string() }).nullable();

/** Statistics of one split (mean return, 95% CI, IQM…; points for checks). */
export const StatSchema = z
  .object({
    n: z.number().int(),
    mean: z.number(),
    std: z.number(),
    ciLow: z.number(),
    ciHigh: z.number(),
    iqm: z.number(),
    min: z.number(),
    max: z.number(),
    points: z.number().nullable(),
    maxPoints: z.number().nullable(),
  })
  .openapi('Stat');

/** The live state of one submission, as the status page and the CLI poll it. */
export const SubmissionStatusSchema = z
  .object({
    id: z.uuid(),
    assignmentId: z.uuid(),
    team: teamRef,
    submittedBy: userRef,
    format: formatEnum,
    size: z.number().int(),
    sha256: z.string(),
    status: statusEnum,
    queuePosition: z.number().int().nullable(),
    progress: z.object({ done: z.number().int(), total: z.number().int() }),
    timestamps: z.object({
      submittedAt: iso,
      queuedAt: iso.nullable(),
      startedAt: iso.nullable(),
      finishedAt: iso.nullable(),
    }),
    attempt: z.number().int(),
    error: verdict,
    isLate: z.boolean(),
    selected: z.boolean(),
    scores: z.object({ public: StatSchema.nullable(), private: StatSchema.nullable() }),
  })
  .openapi('SubmissionStatus');

/** The live state of one submission. */
export type SubmissionStatus = z.infer<typeof SubmissionStatusSchema>;
/** Statistics of one split. */
export type Stat = z.infer<typeof StatSchema>;
