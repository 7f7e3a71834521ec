import type { OpenAPIHono } from '@hono/zod-openapi';

/** One route's declared request body types, matched by method and path. */
interface BodyRoute {
  method: string;
  pattern: RegExp;
  mediaTypes: string[];
}

/**
 * The request body types each API route declares (from its OpenAPI definition), so a refusal of a
 * body can say what the route expects: `accepted('POST', '/api/courses')` → `['application/json']`.
 */
export function bodyMediaTypes(
  app: Pick<OpenAPIHono, 'openAPIRegistry'>,
  basePath: string,
): (method: string, path: string) => string[] {
  let routes: BodyRoute[] | undefined;
  const build = (): BodyRoute[] =>
    app.openAPIRegistry.definitions.flatMap((def) => {
      if (def.type !== 'route') return [];
      const content = def.route.request?.body?.content;
      if (content === undefined) return [];
      const source = `${basePath}${def.route.path}`
        .split(/(\{[^}]+\})/)
        .map((part) => (part.startsWith('{') ? '[^/]+' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
        .join('');
      return [
        {
          method: def.route.method.toUpperCase(),
          pattern: new RegExp(`^${source}$`),
          mediaTypes: Object.keys(content),
        },
      ];
    });
  return (method, path) => {
    routes ??= build();
    return routes.find((r) => r.method === method.toUpperCase() && r.pattern.test(path))?.mediaTypes ?? [];
  };
}
