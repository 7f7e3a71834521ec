import { OpenAPIHono, z } from '@hono/zod-openapi';
import { HomeworkSchema, homeworkCatalogue } from '../accounts/homework-catalogue';
import { jsonResponse } from '../accounts/schemas';
import type { ApiEnv } from '../context';
import { taggedRoutes } from '../tagged-routes';

const route = taggedRoutes('catalogue');

const listHomeworksRoute = route.get('/homeworks', {
  summary: 'The homework catalogue (checks, points, case counts) for the assignment form',
  responses: { 200: jsonResponse('Homeworks in lecture order', z.array(HomeworkSchema)) },
});

/** `GET /api/homeworks`: the core catalogue's homeworks. */
export function homeworkRoutes() {
  return new OpenAPIHono<ApiEnv>().openapi(listHomeworksRoute, (c) => c.json(homeworkCatalogue(), 200));
}
