// A small but real LTI 1.3 platform (an "LMS") for tests: an HTTP server on a free port with its own
// RSA key and JWKS, OpenID configuration and Dynamic Registration endpoint, an OIDC authorization
// endpoint that answers with an auto-posting id_token form, an OAuth2 token endpoint that verifies the
// tool's signed client assertion, AGS line items and scores, NRPS members and a deep-linking return.
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  type CryptoKey,
  createLocalJWKSet,
  exportJWK,
  generateKeyPair,
  type JSONWebKeySet,
  type JWK,
  type JWTPayload,
  jwtVerify,
  SignJWT,
} from 'jose';

const LTI = 'https://purl.imsglobal.org/spec/lti/claim/';

/** LTI role URIs the tests use. */
export const LTI_ROLES = {
  student: 'http://purl.imsglobal.org/vocab/lis/v2/membership#Learner',
  instructor: 'http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor',
  ta: 'http://purl.imsglobal.org/vocab/lis/v2/membership/Instructor#TeachingAssistant',
} as const;

/** A person of the LMS. */
export interface LmsUser {
  sub: string;
  name: string;
  email?: string;
  roles: string[];
}

/** A resource link placed in a context (by the test, or by a deep-linking response). */
export interface LmsResourceLink {
  id: string;
  title: string;
  custom: Record<string, string>;
  lineItemId?: string;
}

/** A launch the test asks for: who, in which context, from which link (or a deep-linking request). */
export interface LaunchSpec {
  user: LmsUser;
  contextId: string;
  contextTitle?: string;
  resourceLinkId?: string;
  deepLinking?: boolean;
  deploymentId?: string;
}

/** The fields an instructor enters to register `lms` by hand (named Moodle, with its one deployment). */
export function manualRegistration(lms: TestPlatform) {
  return {
    name: 'Moodle',
    issuer: lms.issuer,
    clientId: lms.clientId,
    authLoginUrl: `${lms.url}/auth`,
    authTokenUrl: `${lms.url}/token`,
    keysetUrl: `${lms.url}/jwks`,
    deploymentIds: [lms.deploymentId],
  };
}

export interface LineItem {
  id: string;
  contextId: string;
  label: string;
  scoreMaximum: number;
  resourceId?: string;
  resourceLinkId?: string;
}

export interface ReceivedScore {
  lineItemId: string;
  userId: string;
  scoreGiven: number;
  scoreMaximum: number;
  activityProgress: string;
  gradingProgress: string;
  timestamp: string;
}

export interface TestPlatform {
  issuer: string;
  url: string;
  clientId: string;
  deploymentId: string;
  /** The kid of the platform's signing key. */
  kid: string;
  privateKey: CryptoKey;
  /** Registration token the Dynamic Registration endpoint expects. */
  registrationToken: string;
  /** What the tool sent at Dynamic Registration (undefined until then). */
  registered: Record<string, unknown> | undefined;
  contexts: Map<string, { title: string; members: LmsUser[]; links: Map<string, LmsResourceLink> }>;
  lineItems: Map<string, LineItem>;
  scores: ReceivedScore[];
  /** Deep-linking responses received, verified against the tool's keys. */
  deepLinkResponses: JWTPayload[];
  /** Access tokens issued (by scope string). */
  tokensIssued: string[];
  /** While true the score endpoint answers 503 (an LMS outage). */
  down: boolean;
  addContext(id: string, title: string, members: LmsUser[]): void;
  addLink(contextId: string, link: LmsResourceLink): void;
  /** Registers a launch and returns the login-initiation URL (at `toolOrigin`) that starts it. */
  loginUrl(toolOrigin: string, spec: LaunchSpec): string;
  /** Signs an id_token for a launch with the given nonce; `override` changes claims (for refusal tests). */
  idToken(
    spec: LaunchSpec,
    nonce: string,
    override?: { claims?: Record<string, unknown>; key?: CryptoKey; kid?: string },
  ): Promise<string>;
  close(): Promise<void>;
}

/** HTML of a form that posts itself (what the LMS answers its authorization request with). */
function autoPost(action: string, fields: Record<string, string>): string {
  const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  const inputs = Object.entries(fields)
    .map(([k, v]) => `<input type="hidden" name="${esc(k)}" value="${esc(v)}">`)
    .join('');
  return `<!doctype html><html><body><form id="f" method="post" action="${esc(action)}">${inputs}</form><script>document.getElementById('f').submit()</script></body></html>`;
}

async function readBody(req: http.IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * Starts the platform. `toolKeys` returns the tool's public JWKS (verifying client assertions and deep
 * linking responses); by default it is fetched from the `jwks_uri` the tool registered.
 */
export async function startTestPlatform(
  opts: { clientId?: string; toolKeys?: () => Promise<JSONWebKeySet> } = {},
): Promise<TestPlatform> {
  const { publicKey, privateKey } = await generateKeyPair('RS256', { extractable: true });
  const kid = `lms-${randomUUID()}`;
  const publicJwk: JWK = { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' };
  const pending = new Map<string, LaunchSpec>();
  const validTokens = new Map<string, string>();
  let server: http.Server;

  const toolKeys = async (): Promise<JSONWebKeySet> => {
    if (opts.toolKeys !== undefined) return opts.toolKeys();
    const uri = p.registered?.jwks_uri;
    if (typeof uri !== 'string') throw new Error('the tool has not registered a jwks_uri');
    return (await (await fetch(uri)).json()) as JSONWebKeySet;
  };

  const p: TestPlatform = {
    issuer: '',
    url: '',
    clientId: opts.clientId ?? `critic-${randomUUID().slice(0, 8)}`,
    deploymentId: 'deployment-1',
    kid,
    privateKey,
    registrationToken: `regtok-${randomUUID()}`,
    registered: undefined,
    contexts: new Map(),
    lineItems: new Map(),
    scores: [],
    deepLinkResponses: [],
    tokensIssued: [],
    down: false,
    addContext(id, title, members) {
      p.contexts.set(id, { title, members, links: new Map() });
    },
    addLink(contextId, link) {
      p.contexts.get(contextId)?.links.set(link.id, link);
    },
    loginUrl(toolOrigin, spec) {
      const hint = randomUUID();
      pending.set(hint, spec);
      const u = new URL(`${toolOrigin}/api/lti/login`);
      u.searchParams.set('iss', p.issuer);
      u.searchParams.set('login_hint', spec.user.sub);
      u.searchParams.set('lti_message_hint', hint);
      u.searchParams.set('target_link_uri', `${toolOrigin}/api/lti/launch`);
      u.searchParams.set('client_id', p.clientId);
      u.searchParams.set('lti_deployment_id', spec.deploymentId ?? p.deploymentId);
      return u.toString();
    },
    async idToken(spec, nonce, override = {}) {
      const ctx = p.contexts.get(spec.contextId);
      const link = spec.resourceLinkId === undefined ? undefined : ctx?.links.get(spec.resourceLinkId);
      const base = `${p.url}/contexts/${encodeURIComponent(spec.contextId)}`;
      const now = Math.floor(Date.now() / 1000);
      const claims: Record<string, unknown> = {
        iss: p.issuer,
        aud: p.clientId,
        sub: spec.user.sub,
        iat: now,
        exp: now + 300,
        nonce,
        name: spec.user.name,
        ...(spec.user.email === undefined ? {} : { email: spec.user.email }),
        [`${LTI}message_type`]: spec.deepLinking ? 'LtiDeepLinkingRequest' : 'LtiResourceLinkRequest',
        [`${LTI}version`]: '1.3.0',
        [`${LTI}deployment_id`]: spec.deploymentId ?? p.deploymentId,
        [`${LTI}target_link_uri`]: `${p.registered?.initiate_login_uri ?? ''}`,
        [`${LTI}roles`]: spec.user.roles,
        [`${LTI}context`]: { id: spec.contextId, title: spec.contextTitle ?? ctx?.title ?? spec.contextId },
        'https://purl.imsglobal.org/spec/lti-nrps/claim/namesroleservice': {
          context_memberships_url: `${base}/members`,
          service_versions: ['2.0'],
        },
        'https://purl.imsglobal.org/spec/lti-ags/claim/endpoint': {
          scope: [
            'https://purl.imsglobal.org/spec/lti-ags/scope/lineitem',
            'https://purl.imsglobal.org/spec/lti-ags/scope/score',
          ],
          lineitems: `${base}/lineitems`,
          ...(link?.lineItemId === undefined ? {} : { lineitem: `${p.url}/lineitems/${link.lineItemId}` }),
        },
      };
      if (link !== undefined) {
        claims[`${LTI}resource_link`] = { id: link.id, title: link.title };
        claims[`${LTI}custom`] = link.custom;
      }
      if (spec.deepLinking) {
        claims['https://purl.imsglobal.org/spec/lti-dl/claim/deep_linking_settings'] = {
          deep_link_return_url: `${p.url}/deep-link-return?context=${encodeURIComponent(spec.contextId)}`,
          accept_types: ['ltiResourceLink'],
          accept_presentation_document_targets: ['iframe', 'window'],
          data: `dl-${spec.contextId}`,
        };
      }
      Object.assign(claims, override.claims ?? {});
      for (const [k, v] of Object.entries(claims)) if (v === undefined) delete claims[k];
      return new SignJWT(claims)
        .setProtectedHeader({ alg: 'RS256', kid: override.kid ?? kid, typ: 'JWT' })
        .sign(override.key ?? privateKey);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };

  const bearerOk = (req: http.IncomingMessage, scope: string): boolean => {
    const m = /^Bearer (.+)$/.exec(req.headers.authorization ?? '');
    return m !== null && (validTokens.get(m[1]!) ?? '').split(' ').includes(scope);
  };

  const handle = async (req: http.IncomingMessage, res: http.ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', p.url);
    const json = (status: number, body: unknown, type = 'application/json') => {
      res.writeHead(status, { 'content-type': type });
      res.end(JSON.stringify(body));
    };
    const path = url.pathname;
    if (req.method === 'GET' && path === '/jwks') return json(200, { keys: [publicJwk] });
    if (req.method === 'GET' && path === '/.well-known/openid-configuration') {
      return json(200, {
        issuer: p.issuer,
        authorization_endpoint: `${p.url}/auth`,
        token_endpoint: `${p.url}/token`,
        jwks_uri: `${p.url}/jwks`,
        registration_endpoint: `${p.url}/register`,
        scopes_supported: ['openid'],
        response_types_supported: ['id_token'],
        id_token_signing_alg_values_supported: ['RS256'],
        'https://purl.imsglobal.org/spec/lti-platform-configuration': {
          product_family_code: 'testlms',
          version: '1.0',
          messages_supported: [{ type: 'LtiResourceLinkRequest' }, { type: 'LtiDeepLinkingRequest' }],
        },
      });
    }
    if (req.method === 'POST' && path === '/register') {
      if (req.headers.authorization !== `Bearer ${p.registrationToken}`)
        return json(401, { error: 'bad registration token' });
      const body = JSON.parse(await readBody(req)) as Record<string, unknown>;
      p.registered = body;
      return json(200, {
        ...body,
        client_id: p.clientId,
        'https://purl.imsglobal.org/spec/lti-tool-configuration': {
          ...(body['https://purl.imsglobal.org/spec/lti-tool-configuration'] as object),
          deployment_id: p.deploymentId,
        },
      });
    }
    if (req.method === 'GET' && path === '/auth') {
      const q = url.searchParams;
      const hint = q.get('lti_message_hint') ?? '';
      const spec = pending.get(hint);
      if (spec === undefined || q.get('client_id') !== p.clientId || q.get('response_mode') !== 'form_post') {
        return json(400, { error: 'unknown launch or bad authorization request' });
      }
      pending.delete(hint);
      const token = await p.idToken(spec, q.get('nonce') ?? '');
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end(autoPost(q.get('redirect_uri') ?? '', { id_token: token, state: q.get('state') ?? '' }));
      return;
    }
    if (req.method === 'POST' && path === '/token') {
      const form = new URLSearchParams(await readBody(req));
      try {
        const { payload } = await jwtVerify(
          form.get('client_assertion') ?? '',
          createLocalJWKSet(await toolKeys()),
          {
            issuer: p.clientId,
            subject: p.clientId,
            audience: `${p.url}/token`,
          },
        );
        if (typeof payload.jti !== 'string') throw new Error('no jti');
      } catch (e) {
        return json(401, { error: 'invalid_client', error_description: String(e) });
      }
      const token = randomUUID();
      const scope = form.get('scope') ?? '';
      validTokens.set(token, scope);
      p.tokensIssued.push(scope);
      return json(200, { access_token: token, token_type: 'Bearer', expires_in: 3600, scope });
    }
    const ctxMatch = /^\/contexts\/([^/]+)\/(lineitems|members)$/.exec(path);
    if (ctxMatch !== null) {
      const contextId = decodeURIComponent(ctxMatch[1]!);
      const ctx = p.contexts.get(contextId);
      if (ctx === undefined) return json(404, { error: 'no such context' });
      if (ctxMatch[2] === 'members') {
        if (!bearerOk(req, 'https://purl.imsglobal.org/spec/lti-nrps/scope/contextmembership.readonly')) {
          return json(401, { error: 'bad token' });
        }
        // Two members a page, the next page named in a Link header (NRPS paging).
        const page = Number(url.searchParams.get('page') ?? '1');
        const slice = ctx.members.slice((page - 1) * 2, page * 2);
        if (page * 2 < ctx.members.length) {
          const next = new URL(url);
          next.searchParams.set('page', String(page + 1));
          res.setHeader('link', `<${next.toString()}>; rel="next"`);
        }
        return json(
          200,
          {
            id: url.toString(),
            context: { id: contextId, title: ctx.title },
            members: slice.map((m) => ({
              user_id: m.sub,
              name: m.name,
              ...(m.email === undefined ? {} : { email: m.email }),
              roles: m.roles,
              status: 'Active',
            })),
          },
          'application/vnd.ims.lti-nrps.v2.membershipcontainer+json',
        );
      }
      if (!bearerOk(req, 'https://purl.imsglobal.org/spec/lti-ags/scope/lineitem'))
        return json(401, { error: 'bad token' });
      if (req.method === 'POST') {
        const body = JSON.parse(await readBody(req)) as Omit<LineItem, 'id' | 'contextId'>;
        const id = randomUUID();
        p.lineItems.set(id, { ...body, id, contextId });
        return json(
          201,
          { ...body, id: `${p.url}/lineitems/${id}` },
          'application/vnd.ims.lis.v2.lineitem+json',
        );
      }
      return json(
        200,
        [...p.lineItems.values()].filter((l) => l.contextId === contextId),
      );
    }
    const scoreMatch = /^\/lineitems\/([^/]+)\/scores$/.exec(path);
    if (scoreMatch !== null && req.method === 'POST') {
      if (p.down) return json(503, { error: 'the LMS is down for maintenance' });
      if (!bearerOk(req, 'https://purl.imsglobal.org/spec/lti-ags/scope/score'))
        return json(401, { error: 'bad token' });
      if (req.headers['content-type'] !== 'application/vnd.ims.lis.v1.score+json')
        return json(415, { error: 'content type' });
      const lineItemId = scoreMatch[1]!;
      if (!p.lineItems.has(lineItemId)) return json(404, { error: 'no such line item' });
      const body = JSON.parse(await readBody(req)) as Omit<ReceivedScore, 'lineItemId'>;
      p.scores.push({ ...body, lineItemId });
      res.writeHead(204);
      res.end();
      return;
    }
    if (req.method === 'POST' && path === '/deep-link-return') {
      const contextId = url.searchParams.get('context') ?? '';
      const form = new URLSearchParams(await readBody(req));
      try {
        const { payload } = await jwtVerify(form.get('JWT') ?? '', createLocalJWKSet(await toolKeys()), {
          issuer: p.clientId,
          audience: p.issuer,
        });
        p.deepLinkResponses.push(payload);
        const items = (payload['https://purl.imsglobal.org/spec/lti-dl/claim/content_items'] ?? []) as {
          title: string;
          custom?: Record<string, string>;
          lineItem?: { scoreMaximum: number; label: string; resourceId?: string };
        }[];
        const created: string[] = [];
        for (const item of items) {
          const linkId = `link-${randomUUID().slice(0, 8)}`;
          let lineItemId: string | undefined;
          if (item.lineItem !== undefined) {
            lineItemId = randomUUID();
            p.lineItems.set(lineItemId, {
              ...item.lineItem,
              id: lineItemId,
              contextId,
              resourceLinkId: linkId,
            });
          }
          p.addLink(contextId, {
            id: linkId,
            title: item.title,
            custom: item.custom ?? {},
            ...(lineItemId === undefined ? {} : { lineItemId }),
          });
          created.push(linkId);
        }
        res.writeHead(200, { 'content-type': 'text/html' });
        res.end(
          `<!doctype html><html><body><h1>Added to the course</h1><p id="created">${created.join(',')}</p></body></html>`,
        );
      } catch (e) {
        json(400, { error: `deep linking response refused: ${String(e)}` });
      }
      return;
    }
    json(404, { error: `no route ${req.method} ${path}` });
  };

  server = http.createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(String(e));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.address() as AddressInfo).port;
  p.url = `http://127.0.0.1:${port}`;
  p.issuer = p.url;
  return p;
}
