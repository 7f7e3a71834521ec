import { createRoute, type RouteConfig } from '@hono/zod-openapi';

/** What a route definition states besides its method, path and tag: summary, request, responses… */
export type RouteSpec = Omit<RouteConfig, 'method' | 'path' | 'tags'>;

/**
 * Route definitions under one OpenAPI tag: `routes.get(path, spec)` is `createRoute` with that method,
 * path and tag, so a route file names its tag once and each definition starts with its method and path.
 */
export function taggedRoutes(tag: string) {
  const define =
    <M extends RouteConfig['method']>(method: M) =>
    <P extends string, S extends RouteSpec>(path: P, spec: S) =>
      createRoute({ method, path, tags: [tag], ...spec });
  return {
    get: define('get'),
    put: define('put'),
    post: define('post'),
    patch: define('patch'),
    delete: define('delete'),
  };
}
