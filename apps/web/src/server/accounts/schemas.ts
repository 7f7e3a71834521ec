import { z } from '@hono/zod-openapi';

/** Error body of every failed request. */
export const ErrorSchema = z
  .object({
    error: z.object({
      code: z.string().openapi({ example: 'invalid' }),
      message: z.string(),
      field: z.string().optional(),
    }),
  })
  .openapi('Error');

/** OpenAPI entries for the error statuses a route answers with. */
export function errorResponses<S extends number>(...statuses: S[]) {
  const descriptions: Record<number, string> = {
    400: 'Invalid input; `field` names what was wrong',
    401: 'Not signed in (or bad credentials)',
    403: 'Signed in, but not allowed',
    404: 'Not found, or not visible to you',
    409: 'Conflicts with the current state',
    413: 'Too large; the message names the limit',
    415: 'Unsupported media type; the message names the accepted ones',
    422: 'Well-formed but refused; the message says what was expected and what was found',
    429: 'Too many attempts; see Retry-After',
    503: 'A service it needs (the database, the LMS) does not answer; try again later',
  };
  return Object.fromEntries(
    statuses.map((s) => [
      s,
      { description: descriptions[s] ?? 'Error', content: { 'application/json': { schema: ErrorSchema } } },
    ]),
  ) as Record<S, { description: string; content: { 'application/json': { schema: typeof ErrorSchema } } }>;
}

/** A user as the API shows them. */
export const UserSchema = z.object({ id: z.uuid(), email: z.email(), name: z.string() }).openapi('User');

/** A course role. */
export const RoleSchema = z.enum(['student', 'ta', 'instructor']).openapi('CourseRole');

/** `{ id, name }` of a team. */
export const TeamRefSchema = z.object({ id: z.uuid(), name: z.string() }).openapi('TeamRef');

/** A uuid path parameter named `name`. */
export function uuidParam<N extends string>(name: N) {
  return z.object({ [name]: z.uuid().openapi({ param: { name, in: 'path' } }) } as {
    [K in N]: z.ZodUUID;
  });
}

/** A JSON request body with `schema`. */
export function jsonBody<T extends z.ZodType>(schema: T) {
  return { required: true, content: { 'application/json': { schema } } } as const;
}

/** A JSON request body with `schema` that may also be left out (the route then takes the schema's defaults). */
export function optionalJsonBody<T extends z.ZodType>(schema: T) {
  return { required: false, content: { 'application/json': { schema } } } as const;
}

/** A JSON response with `schema`. */
export function jsonResponse<T extends z.ZodType>(description: string, schema: T) {
  return { description, content: { 'application/json': { schema } } } as const;
}
