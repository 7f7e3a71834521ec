import type { MiddlewareHandler } from 'hono';
import { ApiError } from './api-error';
import type { ApiEnv } from './context';

const JSON_TYPE = /^application\/([\w.-]+\+)?json\s*(;|$)/i;

/** The path (`a.b.0`) of the first string or key holding U+0000 in a parsed JSON value, if any. */
function nulPath(value: unknown, path: string[] = []): string[] | undefined {
  if (typeof value === 'string') return value.includes('\u0000') ? path : undefined;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = nulPath(value[i], [...path, String(i)]);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (k.includes('\u0000')) return [...path, k.replaceAll('\u0000', '\\u0000')];
      const found = nulPath(v, [...path, k]);
      if (found !== undefined) return found;
    }
  }
  return undefined;
}

/**
 * Refuses a JSON body with a NUL character (U+0000) in any string: PostgreSQL cannot store one in text,
 * so it would otherwise fail deep in a query as a 500. Only routes that declare a JSON body (`accepted`)
 * are read here (others read their body raw); a body that does not parse is left to the route's
 * validator (which answers 400 "body must be JSON"), and the parsed body stays cached for it. Query
 * parameters are held to the same rule.
 */
export function nulTextGuard(
  accepted: (method: string, path: string) => readonly string[],
): MiddlewareHandler<ApiEnv> {
  return async (c, next) => {
    const type = c.req.header('content-type');
    if (
      type !== undefined &&
      JSON_TYPE.test(type) &&
      accepted(c.req.method, c.req.path).some((t) => JSON_TYPE.test(t))
    ) {
      const body: unknown = await c.req.json().catch(() => undefined);
      const path = nulPath(body);
      if (path !== undefined) {
        const field = path.join('.') || 'body';
        throw new ApiError(400, 'invalid', `${field}: text must not contain the NUL character (U+0000)`, {
          field,
        });
      }
    }
    for (const [k, values] of Object.entries(c.req.queries())) {
      if (values.some((v) => v.includes('\u0000')))
        throw new ApiError(400, 'invalid', `${k}: text must not contain the NUL character (U+0000)`, {
          field: k,
        });
    }
    await next();
  };
}
