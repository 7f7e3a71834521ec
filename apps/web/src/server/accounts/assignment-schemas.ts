import { z } from '@hono/zod-openapi';
import { AssignmentSchema } from './assignment-json';
import { SpaceSchema } from './env-catalogue';
import { HomeworkSchema } from './homework-catalogue';
import { RoleSchema } from './schemas';

const isoDate = z.iso.datetime({ offset: true }).openapi({ example: '2026-12-01T23:59:00Z' });
const positive = z.number().int().positive();

/** Which baseline rows to train for a board (kinds, training budget), as an assignment or a project asks for them. */
export const BaselineRequest = z.object({
  kinds: z
    .array(z.enum(['random', 'ppo', 'dqn']))
    .min(1)
    .optional(),
  budgetSteps: z.number().int().min(1).max(2_000_000).optional(),
});

const CheckSpecInput = z.object({
  name: z.string().min(1),
  cases: z.number().int().min(1).max(1000),
  visibleCases: z.number().int().min(0),
  points: z.number().min(0),
});

/** Body of `POST /api/courses/:courseId/assignments`. */
export const NewAssignment = z
  .object({
    slug: z.string().regex(/^[a-z0-9][a-z0-9-]{1,62}$/, 'lower-case letters, digits and dashes, 2-63 chars'),
    title: z.string().trim().min(1).max(200),
    description: z
      .string()
      .max(20_000)
      .optional()
      .openapi({ description: 'Plain text shown on the assignment page' }),
    kind: z.enum(['agent', 'checks']),
    envId: z.string().min(1).optional(),
    envOptions: z.object({ atariPreprocessing: z.boolean().optional() }).strict().optional().openapi({
      description:
        'Options of a Python-backed env: atariPreprocessing (Atari only) grades through AtariPreprocessing (84×84 grey, frame skip 4, 30 no-ops) + FrameStackObservation(4)',
    }),
    publicEpisodes: z.number().int().min(0).max(100_000).optional(),
    privateEpisodes: z.number().int().min(0).max(100_000).optional(),
    homework: z
      .string()
      .min(1)
      .optional()
      .openapi({ description: 'A core homework id; expands into its checks' }),
    checks: z.array(CheckSpecInput).optional(),
    maxArtifactBytes: positive.optional(),
    maxDailySubmissions: positive.optional(),
    wallTimeMs: positive.optional(),
    actTimeMs: positive.optional(),
    memoryMb: positive.optional(),
    opensAt: isoDate,
    dueAt: isoDate,
    lateUntil: isoDate.optional(),
    latePenalty: z.number().min(0).max(1).optional(),
    leaderboardVisibility: z.enum(['public', 'after_due', 'hidden']).optional(),
    baselines: BaselineRequest.optional().openapi({
      description:
        'Agent assignments: baseline rows to make for the board (default kinds random + PPO, 50,000 training steps); omitted: none',
    }),
  })
  .strict()
  .openapi('NewAssignment');

/** Body of `PATCH /api/assignments/:assignmentId`. */
export const AssignmentPatch = z
  .object({
    title: z.string().trim().min(1).max(200),
    description: z.string().max(20_000),
    opensAt: isoDate,
    dueAt: isoDate,
    lateUntil: isoDate.nullable(),
    latePenalty: z.number().min(0).max(1),
    maxArtifactBytes: positive,
    maxDailySubmissions: positive,
    wallTimeMs: positive,
    actTimeMs: positive,
    memoryMb: positive,
    leaderboardVisibility: z.enum(['public', 'after_due', 'hidden']),
  })
  .partial()
  .strict()
  .openapi('AssignmentPatch');

/** `GET /api/assignments/:assignmentId`: the assignment with what a submitter needs. */
export const AssignmentDetail = AssignmentSchema.extend({
  env: z
    .object({
      id: z.string(),
      observationSpace: SpaceSchema,
      actionSpace: SpaceSchema,
      maxEpisodeSteps: z.number().int().nullable(),
    })
    .nullable(),
  publicSeeds: z.array(z.number().int()),
  homework: HomeworkSchema.nullable(),
  window: z.enum(['early', 'on_time', 'late', 'closed']),
  viewerRole: RoleSchema,
}).openapi('AssignmentDetail');

/** A new assignment's body, parsed. */
export type NewAssignmentBody = z.infer<typeof NewAssignment>;
