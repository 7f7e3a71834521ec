import { z } from 'zod';

const positiveInt = z.coerce.number().int().positive();

const schema = z.object({
  /** Shared secret that `POST /jobs/:id` callers present as `Authorization: Bearer <secret>`; unset → the endpoint is refused. */
  CRITIC_GRADER_SECRET: z.string().min(16, 'must be at least 16 characters').optional(),
  /** Queue the worker pulls from. */
  CRITIC_GRADER_QUEUE: z
    .string()
    .regex(/^[a-z][a-z0-9_.-]{0,62}$/, 'a queue name ([a-z][a-z0-9_.-]*)')
    .default('grade'),
  /** Jobs graded in parallel by one `work` process (each in its own sandbox child). */
  CRITIC_GRADER_CONCURRENCY: positiveInt.max(64).default(2),
  /** Lease of a claimed job, renewed every third of it while grading; a dead worker's job is retried after it. */
  CRITIC_GRADER_LEASE_MS: positiveInt.min(1000).default(30_000),
  /** `work` mode: parallel `baseline` jobs (training reference agents); 0 → this worker takes none. */
  CRITIC_GRADER_BASELINE_SLOTS: z.coerce.number().int().min(0).max(8).default(1),
  /** Sleep between empty polls of the queue. */
  CRITIC_GRADER_POLL_MS: positiveInt.default(500),
  /** After SIGTERM, how long running jobs may finish before they are returned to the queue. */
  CRITIC_GRADER_SHUTDOWN_GRACE_MS: positiveInt.default(90_000),
  /** HTTP port of `serve` mode. */
  PORT: positiveInt.max(65535).default(8080),
  /** `work` mode: also serve GET /healthz and /metrics on this port (pushes stay refused); unset → no listener. */
  CRITIC_GRADER_METRICS_PORT: positiveInt.max(65535).optional(),
  /**
   * Address the HTTP listener binds: loopback unless configured (a deployment that receives pushes or
   * health checks from other machines sets 0.0.0.0, as the infra's push-mode task does).
   */
  CRITIC_GRADER_HOST: z.string().min(1).default('127.0.0.1'),
  /** Written into every evaluation: which grader produced it (a rejudge after an upgrade shows the change). */
  CRITIC_GRADER_VERSION: z.string().min(1).optional(),
  /** Set by ECS in every task: the agent endpoint through which a task protects itself from scale-in while it runs a job. */
  ECS_AGENT_URI: z.url({ protocol: /^https?$/ }).optional(),
  /** How long one scale-in protection lasts if the worker dies holding it (renewed at half while jobs run). */
  CRITIC_GRADER_PROTECTION_MINUTES: positiveInt.max(2880).default(60),
});

/** The grader's validated configuration (database and blob settings are read by @critic/db). */
export interface GraderEnv {
  /** Bearer secret of `POST /jobs/:id`; undefined disables the endpoint. */
  secret: string | undefined;
  /** Queue name. */
  queue: string;
  /** Parallel jobs per `work` process. */
  concurrency: number;
  /** Parallel baseline jobs per `work` process (0: none). */
  baselineSlots: number;
  /** Job lease in milliseconds. */
  leaseMs: number;
  /** Poll interval in milliseconds. */
  pollMs: number;
  /** Grace period after SIGTERM in milliseconds. */
  shutdownGraceMs: number;
  /** HTTP port. */
  port: number;
  /** HTTP host. */
  host: string;
  /** Port of the metrics listener in `work` mode, if any. */
  metricsPort: number | undefined;
  /** Grader version override. */
  version: string | undefined;
  /** ECS agent endpoint (ECS task protection while a job runs); undefined outside ECS. */
  ecsAgentUri: string | undefined;
  /** Expiry of one scale-in protection, in minutes. */
  protectionMinutes: number;
}

/** Reads and validates the environment; throws one error naming every bad variable. */
export function readGraderEnv(source: NodeJS.ProcessEnv = process.env): GraderEnv {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = schema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`invalid grader configuration in the environment:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  return {
    secret: e.CRITIC_GRADER_SECRET,
    queue: e.CRITIC_GRADER_QUEUE,
    concurrency: e.CRITIC_GRADER_CONCURRENCY,
    baselineSlots: e.CRITIC_GRADER_BASELINE_SLOTS,
    leaseMs: e.CRITIC_GRADER_LEASE_MS,
    pollMs: e.CRITIC_GRADER_POLL_MS,
    shutdownGraceMs: e.CRITIC_GRADER_SHUTDOWN_GRACE_MS,
    port: e.PORT,
    host: e.CRITIC_GRADER_HOST,
    metricsPort: e.CRITIC_GRADER_METRICS_PORT,
    version: e.CRITIC_GRADER_VERSION,
    ecsAgentUri: e.ECS_AGENT_URI,
    protectionMinutes: e.CRITIC_GRADER_PROTECTION_MINUTES,
  };
}
