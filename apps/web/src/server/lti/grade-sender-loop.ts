import type { ApiDeps } from '../deps';
import { drainLtiGrades } from './grade-sender';

/**
 * Sends due LMS grades every `config.ltiGradeIntervalMs` in this process (a no-op pass costs one
 * indexed query). Passes never overlap; a failing pass is logged and the next one tries again.
 */
export function startLtiGradeSender(deps: ApiDeps): () => void {
  const period = deps.config.ltiGradeIntervalMs;
  if (period === 0) return () => {};
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    drainLtiGrades(deps)
      .catch((e: unknown) => deps.logger.error('lti grade sender pass failed', { error: String(e) }))
      .finally(() => {
        running = false;
      });
  }, period);
  timer.unref();
  return () => clearInterval(timer);
}
