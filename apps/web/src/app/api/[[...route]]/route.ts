import { createApi } from '~/server/app';
import { serverDeps } from '~/server/server-deps';

// The REST API: one Hono app behind every method of /api/*.
export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

let api: Promise<ReturnType<typeof createApi>> | undefined;
async function handle(req: Request): Promise<Response> {
  api ??= serverDeps().then(createApi);
  return (await api).fetch(req);
}

export const GET = handle;
export const POST = handle;
export const PUT = handle;
export const PATCH = handle;
export const DELETE = handle;
export const HEAD = handle;
export const OPTIONS = handle;
