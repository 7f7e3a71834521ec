import { createApiToken, listApiTokens, revokeApiToken } from '@critic/db';
import { OpenAPIHono, z } from '@hono/zod-openapi';
import { errorResponses, jsonBody, jsonResponse, uuidParam } from '../accounts/schemas';
import { requireViewer } from '../auth/require';
import type { ApiEnv } from '../context';
import { taggedRoutes } from '../tagged-routes';

export const TokenSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    prefix: z.string(),
    createdAt: z.iso.datetime(),
    lastUsedAt: z.iso.datetime().nullable(),
  })
  .openapi('ApiToken');

/** The answer to creating a token: the only time the secret itself is shown. */
export const CreatedTokenSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  prefix: z.string(),
  token: z.string(),
});

const route = taggedRoutes('auth');

const createToken = route.post('/tokens', {
  summary: 'Create an API token for the CLI (the token is shown once)',
  request: { body: jsonBody(z.object({ name: z.string().trim().min(1).max(100) })) },
  responses: {
    201: jsonResponse('The new token; store it now, it is not shown again', CreatedTokenSchema),
    ...errorResponses(400, 401, 403),
  },
});

const listTokens = route.get('/tokens', {
  summary: "The viewer's active API tokens",
  responses: { 200: jsonResponse('Tokens, newest first', z.array(TokenSchema)), ...errorResponses(401) },
});

const revokeToken = route.delete('/tokens/{tokenId}', {
  summary: 'Revoke one of the viewer’s API tokens',
  request: { params: uuidParam('tokenId') },
  responses: { 204: { description: 'Revoked' }, ...errorResponses(401, 403, 404) },
});

/** `POST/GET /api/tokens`, `DELETE /api/tokens/:tokenId`: API tokens for the CLI. */
export function tokenRoutes() {
  return new OpenAPIHono<ApiEnv>()
    .openapi(createToken, async (c) => {
      const viewer = requireViewer(c);
      const { token, record } = await createApiToken(c.get('deps').db, {
        userId: viewer.id,
        name: c.req.valid('json').name,
      });
      return c.json({ id: record.id, name: record.name, prefix: record.prefix, token }, 201);
    })
    .openapi(listTokens, async (c) => {
      const viewer = requireViewer(c);
      const tokens = await listApiTokens(c.get('deps').db, viewer.id);
      return c.json(
        tokens
          .filter((t) => t.revokedAt === null)
          .map((t) => ({
            id: t.id,
            name: t.name,
            prefix: t.prefix,
            createdAt: t.createdAt.toISOString(),
            lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
          })),
        200,
      );
    })
    .openapi(revokeToken, async (c) => {
      const viewer = requireViewer(c);
      await revokeApiToken(c.get('deps').db, { userId: viewer.id, tokenId: c.req.valid('param').tokenId });
      // The cache is keyed by the plain token, which is not known here: drop every cached token viewer.
      c.get('caches').viewers.deleteWhere((k) => k.startsWith('token:'));
      return c.body(null, 204);
    });
}
