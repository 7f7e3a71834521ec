import { type GraderLogger, silentGraderLogger } from '../logger';

/**
 * Keeps the worker's task from being stopped by a scale-in while it runs jobs: `hold()` when a job
 * starts, the returned release when it ends. Protection is on while at least one job runs.
 */
export interface ScaleInProtection {
  /** Marks one more running job (protecting the task on the first); resolves once the request is answered. */
  hold(): Promise<() => Promise<void>>;
}

/** No protection (outside ECS, or in tests). */
export const noScaleInProtection: ScaleInProtection = {
  hold: async () => async () => {},
};

/** Options of `ecsTaskProtection`. */
export interface EcsTaskProtectionOptions {
  /** `ECS_AGENT_URI` of the task (ECS sets it in every container). */
  agentUri: string;
  /** How long one protection lasts if the worker dies without lifting it (ECS: 1…2880 minutes). */
  expiresInMinutes: number;
  /** Diagnostics: a failed request is logged, never fatal (the job's lease still covers a stopped task). */
  logger?: GraderLogger;
  /** For tests: the HTTP client (default: global fetch). */
  fetch?: typeof fetch;
}

/** What the ECS agent answers (`protection` on success; `error` or `failure` otherwise). */
interface AgentAnswer {
  protection?: { ProtectionEnabled?: boolean; ExpirationDate?: string | null; TaskArn?: string };
  error?: { Code?: string; Message?: string };
  failure?: { Reason?: string; Detail?: string };
}

/**
 * ECS task scale-in protection through the task's agent endpoint:
 * `PUT $ECS_AGENT_URI/task-protection/v1/state` with `{ ProtectionEnabled, ExpiresInMinutes }` (the
 * task role needs `ecs:UpdateTaskProtection`). Protected while any job runs, renewed at half its expiry
 * so a long job stays protected, lifted when the last job ends.
 */
export function ecsTaskProtection(options: EcsTaskProtectionOptions): ScaleInProtection {
  const logger = options.logger ?? silentGraderLogger;
  const doFetch = options.fetch ?? fetch;
  const url = `${options.agentUri.replace(/\/+$/, '')}/task-protection/v1/state`;
  let running = 0;
  let renew: NodeJS.Timeout | undefined;
  // Requests go out one at a time, in order, so the last state asked for is the one ECS keeps.
  let chain: Promise<void> = Promise.resolve();

  const put = (enabled: boolean): Promise<void> => {
    chain = chain.then(async () => {
      const body = enabled
        ? { ProtectionEnabled: true, ExpiresInMinutes: options.expiresInMinutes }
        : { ProtectionEnabled: false };
      try {
        const res = await doFetch(url, {
          method: 'PUT',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
          signal: AbortSignal.timeout(10_000),
        });
        const answer = (await res.json().catch(() => ({}))) as AgentAnswer;
        if (!res.ok || answer.protection?.ProtectionEnabled !== enabled) {
          const why = answer.error?.Message ?? answer.failure?.Reason ?? `HTTP ${res.status}`;
          logger.warn('ECS task protection request failed', { enabled, status: res.status, why });
        }
      } catch (e) {
        logger.warn('ECS task protection request failed', { enabled, error: String(e) });
      }
    });
    return chain;
  };

  return {
    async hold() {
      running++;
      if (running === 1) {
        renew = setInterval(() => void put(true), (options.expiresInMinutes * 60_000) / 2);
        renew.unref();
        await put(true);
      } else {
        await chain;
      }
      let released = false;
      return async () => {
        if (released) return;
        released = true;
        running--;
        if (running === 0) {
          clearInterval(renew);
          await put(false);
        }
      };
    },
  };
}
