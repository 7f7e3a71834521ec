import type { Assignment } from '@critic/db';
import { z } from '@hono/zod-openapi';

const CheckSpecSchema = z.object({
  name: z.string().openapi({ description: 'Function the module exports', example: 'discountedReturn' }),
  cases: z.number().int(),
  visibleCases: z.number().int(),
  points: z.number(),
});

/** An assignment as the API shows it (never its seed salt). */
export const AssignmentSchema = z
  .object({
    id: z.uuid(),
    courseId: z.uuid(),
    slug: z.string(),
    title: z.string(),
    description: z.string(),
    kind: z.enum(['agent', 'checks']),
    envId: z.string().nullable(),
    envOptions: z
      .object({ atariPreprocessing: z.boolean().optional() })
      .openapi({ description: 'Options of a Python-backed env ({} for none)' }),
    scoreDirection: z.enum(['maximize', 'minimize']),
    publicEpisodes: z.number().int(),
    privateEpisodes: z.number().int(),
    checks: z.array(CheckSpecSchema),
    maxArtifactBytes: z.number().int(),
    maxDailySubmissions: z.number().int(),
    wallTimeMs: z.number().int(),
    actTimeMs: z.number().int(),
    memoryMb: z.number().int(),
    opensAt: z.iso.datetime(),
    dueAt: z.iso.datetime(),
    lateUntil: z.iso.datetime().nullable(),
    latePenalty: z.number(),
    leaderboardVisibility: z.enum(['public', 'after_due', 'hidden']),
    privateReleasedAt: z.iso.datetime().nullable(),
    createdAt: z.iso.datetime(),
  })
  .openapi('Assignment');

/** An assignment as JSON; fields are picked one by one so a secret column can never slip through. */
export function assignmentJson(a: Assignment): z.infer<typeof AssignmentSchema> {
  return {
    id: a.id,
    courseId: a.courseId,
    slug: a.slug,
    title: a.title,
    description: a.description,
    kind: a.kind,
    envId: a.envId,
    envOptions: a.envOptions,
    scoreDirection: a.scoreDirection,
    publicEpisodes: a.publicEpisodes,
    privateEpisodes: a.privateEpisodes,
    checks: a.checks.map((c) => ({
      name: c.name,
      cases: c.cases,
      visibleCases: c.visibleCases,
      points: c.points,
    })),
    maxArtifactBytes: a.maxArtifactBytes,
    maxDailySubmissions: a.maxDailySubmissions,
    wallTimeMs: a.wallTimeMs,
    actTimeMs: a.actTimeMs,
    memoryMb: a.memoryMb,
    opensAt: a.opensAt.toISOString(),
    dueAt: a.dueAt.toISOString(),
    lateUntil: a.lateUntil?.toISOString() ?? null,
    latePenalty: a.latePenalty,
    leaderboardVisibility: a.leaderboardVisibility,
    privateReleasedAt: a.privateReleasedAt?.toISOString() ?? null,
    createdAt: a.createdAt.toISOString(),
  };
}
