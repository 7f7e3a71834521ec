// Bad input is a 4xx: malformed, mistyped and oddly typed bodies sent to every JSON route of the API
// (enumerated from its OpenAPI document), anonymously and as signed-in users, never get a 5xx.
import { randomUUID } from 'node:crypto';
import { createApiToken } from '@critic/db';
import { createDatabase } from '@critic/db/client';
import postgres from 'postgres';
import { beforeAll, describe, expect, it } from 'vitest';
import { createGradingWorld, type GradingWorld, storedSubmission } from '../../test/support/grading';
import { apiHarnessPerFile, TEST_ORIGIN } from '../../test/support/harness';
import { createApi } from './app';

/** A JSON schema node of the OpenAPI document (only what the generator reads). */
interface SchemaNode {
  $ref?: string;
  type?: string | string[];
  format?: string;
  enum?: unknown[];
  const?: unknown;
  properties?: Record<string, SchemaNode>;
  required?: string[];
  items?: SchemaNode;
  anyOf?: SchemaNode[];
  oneOf?: SchemaNode[];
  minimum?: number;
  minLength?: number;
  default?: unknown;
}

interface JsonRoute {
  method: string;
  path: string;
  schema: SchemaNode;
}

interface OpenApiDoc {
  paths: Record<
    string,
    Record<string, { requestBody?: { content: Record<string, { schema: SchemaNode }> } }>
  >;
  components?: { schemas?: Record<string, SchemaNode> };
}

// Generous sign-in/sign-up limits: the fuzz signs in hundreds of times (429s would hide nothing, but
// a hashed password per valid attempt is what the fuzz should exercise).
const h = apiHarnessPerFile({ CRITIC_SIGNIN_LIMIT: '100000', CRITIC_SIGNUP_LIMIT: '100000' });
let w: GradingWorld;
let doc: OpenApiDoc;
let routes: JsonRoute[];
/** Real ids for path parameters, so valid-looking bodies reach the handlers too. */
let ids: Record<string, string>;
/** Callers: anonymous, a student (session), the instructor (session) and the instructor's API token. */
let callers: { label: string; headers: Record<string, string> }[];

function resolve(node: SchemaNode | undefined): SchemaNode {
  if (node?.$ref === undefined) return node ?? {};
  const name = node.$ref.replace('#/components/schemas/', '');
  return resolve(doc.components?.schemas?.[name]);
}

/** A value the schema accepts (best effort: the fuzz then breaks it field by field). */
function sample(raw: SchemaNode | undefined, key = ''): unknown {
  const node = resolve(raw);
  if (node.const !== undefined) return node.const;
  if (node.default !== undefined) return node.default;
  if (node.enum !== undefined) return node.enum[0];
  const alt = node.anyOf ?? node.oneOf;
  if (alt !== undefined) return sample(alt.find((a) => resolve(a).type !== 'null') ?? alt[0], key);
  const type = Array.isArray(node.type) ? node.type.find((t) => t !== 'null') : node.type;
  switch (type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(node.properties ?? {})) {
        if (node.required?.includes(k)) out[k] = sample(v, k);
      }
      return out;
    }
    case 'array':
      return [];
    case 'integer':
    case 'number':
      return Math.max(1, node.minimum ?? 1);
    case 'boolean':
      return true;
    case 'string':
      if (node.format === 'email') return `fuzz-${randomUUID().slice(0, 8)}@uni.test`;
      if (node.format === 'uuid') return randomUUID();
      if (node.format === 'date-time') return new Date(Date.now() + 3_600_000).toISOString();
      if (key === 'password') return 'correct horse battery';
      return 'x'.repeat(Math.max(node.minLength ?? 1, 3));
    default:
      return 'x';
  }
}

/** Top-level property names of a body schema. */
function propertiesOf(schema: SchemaNode): string[] {
  return Object.keys(resolve(schema).properties ?? {});
}

function fillPath(path: string): string {
  return path.replace(/\{(\w+)\}/g, (_, name: string) => ids[name] ?? randomUUID());
}

/** Hundreds of requests each: generous, so that a busy machine cannot fail them (no speed is asserted). */
const FUZZ_TIMEOUT_MS = 300_000;

/** Bodies that are not JSON at all, or not the JSON any route takes. */
const MALFORMED = [
  '',
  '{',
  '}',
  '{"',
  '{"a":',
  '{"a":1,}',
  "{'a': 1}",
  '{a: 1}',
  '[',
  '[1,2',
  'nul',
  'undefined',
  'NaN',
  '{"a":NaN}',
  '\u0000',
  '{"a":1}}',
  '{"a":"\\x"}',
  '<xml/>',
  'email=a@b.c&password=x',
  '['.repeat(2000),
];

/** Raw bodies that do parse (a byte-order mark is skipped; 1e999999 is Infinity), oddly. */
const ODD_BUT_JSON = ['\ufeff{}', '{"a":1e999999}', '1e999999', '{"__proto__":{"x":1}}', '{"a":1,"a":2}'];

/** JSON that parses but is the wrong shape for every route. */
const WRONG_SHAPE: unknown[] = [null, true, 0, -1, 1e308, 'text', [], [{}], [null], {}, { '': null }];

/** Replacements for one field. */
const FIELD_VALUES: unknown[] = [
  null,
  true,
  [],
  {},
  '',
  -1,
  0,
  1.5,
  1e308,
  -1e308,
  2 ** 53 + 1,
  Number.MAX_SAFE_INTEGER,
  '9'.repeat(400),
  'x'.repeat(20_000),
  '1970-01-01T00:00:00Z',
  '9999-12-31T23:59:59Z',
  '\u0000',
  { nested: { deeper: [1, 2, 3] } },
  ['a', 'b'],
];

const WRONG_TYPES = [
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=xyz',
  'application/xml',
  'application/octet-stream',
];

beforeAll(async () => {
  w = await createGradingWorld(h);
  doc = (await (await h.app.request('/api/openapi.json')).json()) as OpenApiDoc;
  routes = [];
  for (const [path, ops] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(ops)) {
      const json = op.requestBody?.content['application/json'];
      if (json !== undefined) routes.push({ method: method.toUpperCase(), path, schema: json.schema });
    }
  }
  const assignment = await w.assignment();
  const submissionId = await storedSubmission(h, assignment, w.teams[0]!.members[0]!.user.id);
  const { token } = await createApiToken(h.deps.db, { userId: w.instructor.user.id, name: 'fuzz' });
  ids = {
    courseId: w.course.id,
    assignmentId: assignment.id,
    submissionId,
    tokenId: randomUUID(),
  };
  callers = [
    { label: 'anonymous', headers: { origin: TEST_ORIGIN } },
    { label: 'student', headers: { origin: TEST_ORIGIN, cookie: w.teams[0]!.members[0]!.cookie } },
    { label: 'instructor', headers: { origin: TEST_ORIGIN, cookie: w.instructor.cookie } },
    { label: 'token', headers: { authorization: `Bearer ${token}` } },
  ];
  // A real project, so its PATCH/approve/reject routes reach their handlers.
  const projects = routes.find((r) => r.method === 'POST' && r.path === '/api/courses/{courseId}/projects');
  if (projects !== undefined) {
    const res = await h.app.request(fillPath(projects.path), {
      method: 'POST',
      headers: { ...callers[1]!.headers, 'content-type': 'application/json' },
      body: JSON.stringify(sample(projects.schema)),
    });
    if (res.status === 201) ids.projectId = ((await res.json()) as { id: string }).id;
  }
});

interface Sent {
  caller: string;
  route: string;
  contentType: string | undefined;
  body: string;
  status: number;
  answer: string;
}

async function send(
  caller: (typeof callers)[number],
  route: JsonRoute,
  contentType: string | undefined,
  body: string,
): Promise<Sent> {
  const headers: Record<string, string> = { ...caller.headers };
  if (contentType !== undefined) headers['content-type'] = contentType;
  const res = await h.app.request(fillPath(route.path), { method: route.method, headers, body });
  return {
    caller: caller.label,
    route: `${route.method} ${route.path}`,
    contentType,
    body: body.slice(0, 60),
    status: res.status,
    answer: (await res.text()).slice(0, 200),
  };
}

/** A body to send and its Content-Type (undefined: no Content-Type header at all). */
type TypedBody = [contentType: string | undefined, body: string];

/** Sends, one at a time, every body `bodiesFor` lists for each caller on each JSON route; returns the answers. */
async function sendToEveryRoute(
  bodiesFor: (caller: (typeof callers)[number], route: JsonRoute) => TypedBody[],
): Promise<Sent[]> {
  const sent: Sent[] = [];
  for (const caller of callers) {
    for (const route of routes) {
      for (const [contentType, body] of bodiesFor(caller, route))
        sent.push(await send(caller, route, contentType, body));
    }
  }
  return sent;
}

/** `bodies` as JSON requests. */
const asJson = (bodies: readonly string[]): TypedBody[] => bodies.map((body) => ['application/json', body]);

describe('malformed request bodies', () => {
  it('enumerates the JSON routes from the OpenAPI document', () => {
    expect(routes.length).toBeGreaterThanOrEqual(10);
    expect(routes.map((r) => `${r.method} ${r.path}`)).toContain('POST /api/auth/signup');
  });

  it(
    'answers JSON that does not parse with 400 "body must be JSON" on every JSON route, for every caller',
    async () => {
      const sent = await sendToEveryRoute(() => asJson(MALFORMED));
      expect(sent.length).toBeGreaterThan(500);
      expect(sent.filter((s) => s.status >= 500)).toEqual([]);
      const notParsed = sent.filter((s) => s.status !== 400);
      expect(notParsed).toEqual([]);
      const one = sent.find((s) => s.body === '{"a":');
      expect(JSON.parse(one!.answer)).toMatchObject({
        error: { code: 'invalid', field: 'body', message: expect.stringMatching(/^body must be JSON/) },
      });
    },
    FUZZ_TIMEOUT_MS,
  );

  it(
    'answers a body of another content type with 415 naming the type the route takes',
    async () => {
      const sent = await sendToEveryRoute((_, route) => [
        ...WRONG_TYPES.map((type): TypedBody => [type, '{"a":1}']),
        // A body without any content type is refused the same way.
        [undefined, JSON.stringify(sample(route.schema))],
      ]);
      expect(sent.filter((s) => s.status !== 415)).toEqual([]);
      const one = sent.find((s) => s.contentType === 'text/plain');
      expect(JSON.parse(one!.answer)).toEqual({
        error: {
          code: 'unsupported_media_type',
          field: 'body',
          message: 'Content-Type "text/plain" is not accepted here; send application/json',
        },
      });
    },
    FUZZ_TIMEOUT_MS,
  );

  it(
    'answers JSON of the wrong shape, or with any field broken, with a 4xx (never a 5xx)',
    async () => {
      const sent = await sendToEveryRoute((caller, route) => {
        const valid = sample(route.schema) as Record<string, unknown>;
        const bodies = [
          ...WRONG_SHAPE.map((body) => JSON.stringify(body)),
          ...ODD_BUT_JSON,
          JSON.stringify([valid]),
        ];
        // Field-by-field breakage as the instructor, who reaches every handler (others stop at 401/403
        // or at validation, which the shapes above already cover for them).
        if (caller.label === 'instructor') {
          for (const field of propertiesOf(route.schema)) {
            for (const value of FIELD_VALUES) bodies.push(JSON.stringify({ ...valid, [field]: value }));
          }
        }
        return asJson(bodies);
      });
      expect(sent.length).toBeGreaterThan(900);
      expect(sent.filter((s) => s.status >= 500)).toEqual([]);
      // Every refusal of a wrong shape is the API's JSON error naming what was wrong.
      const shapeRefusals = sent.filter((s) => s.body === 'null' && s.status === 400);
      expect(shapeRefusals.length).toBeGreaterThan(0);
      for (const s of shapeRefusals)
        expect(JSON.parse(s.answer)).toMatchObject({ error: { code: 'invalid' } });
    },
    FUZZ_TIMEOUT_MS,
  );
});

describe('health', () => {
  it('answers 503 (not 500) while the database is unreachable', async () => {
    // Port 1 on loopback: nothing listens, so every query fails to connect.
    const down = postgres('postgres://postgres@127.0.0.1:1/critic', {
      max: 1,
      connect_timeout: 5,
      onnotice: () => {},
    });
    const app = createApi({ ...h.deps, db: createDatabase(down) });
    try {
      const res = await app.request('/api/health');
      expect(res.status).toBe(503);
      expect(await res.json()).toEqual({
        error: { code: 'unavailable', message: 'the database is unreachable' },
      });
    } finally {
      await down.end({ timeout: 1 });
    }
  });
});
