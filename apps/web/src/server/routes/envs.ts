import { OpenAPIHono, z } from '@hono/zod-openapi';
import { EnvInfoSchema, envCatalogue } from '../accounts/env-catalogue';
import { jsonResponse } from '../accounts/schemas';
import type { ApiEnv } from '../context';
import { taggedRoutes } from '../tagged-routes';

const route = taggedRoutes('catalogue');

const listEnvsRoute = route.get('/envs', {
  summary: 'Registered environments with their spaces, time limit and reward threshold',
  responses: { 200: jsonResponse('Environments in registration order', z.array(EnvInfoSchema)) },
});

/** `GET /api/envs`: what an agent assignment can be graded in. */
export function envRoutes() {
  return new OpenAPIHono<ApiEnv>().openapi(listEnvsRoute, (c) => c.json(envCatalogue(), 200));
}
