import type { CustomEnv, Project } from '@critic/db';
import { z } from '@hono/zod-openapi';

/** A final project as the API shows it. */
export const ProjectSchema = z
  .object({
    id: z.uuid(),
    courseId: z.uuid(),
    team: z.object({ id: z.uuid(), name: z.string() }),
    title: z.string(),
    description: z.string(),
    envId: z.string(),
    customEnvId: z.uuid().nullable(),
    direction: z.enum(['maximize', 'minimize']),
    status: z.enum(['pending', 'approved', 'rejected']),
    reviewNote: z.string().nullable(),
    reviewedAt: z.string().nullable(),
    assignmentId: z.uuid().nullable(),
    createdAt: z.string(),
  })
  .openapi('Project');

/** The JSON of a project row with its team's name. */
export function projectJson(p: Project, teamName: string): z.infer<typeof ProjectSchema> {
  return {
    id: p.id,
    courseId: p.courseId,
    team: { id: p.teamId, name: teamName },
    title: p.title,
    description: p.description,
    envId: p.envId,
    customEnvId: p.customEnvId,
    direction: p.direction,
    status: p.status,
    reviewNote: p.reviewNote,
    reviewedAt: p.reviewedAt?.toISOString() ?? null,
    assignmentId: p.assignmentId,
    createdAt: p.createdAt.toISOString(),
  };
}

/** One check of a custom env's report. */
const CheckSchema = z.object({ name: z.string(), passed: z.boolean(), message: z.string().optional() });

/** A custom env as the API shows it, with the sandboxed checker's report. */
export const CustomEnvSchema = z
  .object({
    id: z.uuid(),
    courseId: z.uuid(),
    teamId: z.uuid().nullable(),
    envId: z.string(),
    sourceSha256: z.string(),
    language: z
      .enum(['js', 'python'])
      .openapi({ description: 'js: a createEnv module; python: env.py (a gymnasium.Env) with its assets' }),
    status: z.enum(['queued', 'running', 'checking', 'accepted', 'rejected']),
    maxEpisodeSteps: z.number().int().nullable(),
    report: z
      .object({ checks: z.array(CheckSchema), observationSpace: z.unknown(), actionSpace: z.unknown() })
      .nullable(),
    createdAt: z.string(),
  })
  .openapi('CustomEnv');

/** The JSON of a custom env row. */
export function customEnvJson(e: CustomEnv): z.infer<typeof CustomEnvSchema> {
  return {
    id: e.id,
    courseId: e.courseId,
    teamId: e.teamId,
    envId: e.envId,
    sourceSha256: e.sourceSha256,
    language: e.language,
    status: e.status,
    maxEpisodeSteps: e.maxEpisodeSteps,
    report: e.report
      ? {
          checks: e.report.checks,
          observationSpace: e.report.observationSpace,
          actionSpace: e.report.actionSpace,
        }
      : null,
    createdAt: e.createdAt.toISOString(),
  };
}
