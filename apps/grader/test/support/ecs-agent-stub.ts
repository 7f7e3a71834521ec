import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A local HTTP server standing in for the ECS agent's task-protection endpoint. */
export interface EcsAgentStub {
  /** The `ECS_AGENT_URI` to give the grader. */
  uri: string;
  /** Every PUT body received, in order. */
  requests: { ProtectionEnabled: boolean; ExpiresInMinutes?: number }[];
  /** Whether the task is protected now (as the agent would report it). */
  protected(): boolean;
  /** Make the next answers fail as the agent does when the role lacks ecs:UpdateTaskProtection. */
  failWith(status: number | undefined): void;
  close(): Promise<void>;
}

export async function startEcsAgentStub(): Promise<EcsAgentStub> {
  let state = false;
  let failure: number | undefined;
  const requests: EcsAgentStub['requests'] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => {
      body += c;
    });
    req.on('end', () => {
      res.setHeader('content-type', 'application/json');
      if (req.method !== 'PUT' || !req.url?.endsWith('/task-protection/v1/state')) {
        res.statusCode = 404;
        res.end(JSON.stringify({ error: { Code: 'NotFound', Message: `${req.method} ${req.url}` } }));
        return;
      }
      const parsed = JSON.parse(body) as EcsAgentStub['requests'][number];
      requests.push(parsed);
      if (failure !== undefined) {
        res.statusCode = failure;
        res.end(JSON.stringify({ error: { Code: 'AccessDeniedException', Message: 'not authorized' } }));
        return;
      }
      state = parsed.ProtectionEnabled === true;
      res.end(
        JSON.stringify({
          protection: {
            ExpirationDate: state
              ? new Date(Date.now() + (parsed.ExpiresInMinutes ?? 120) * 60_000).toISOString()
              : null,
            ProtectionEnabled: state,
            TaskArn: 'arn:aws:ecs:eu-west-1:123456789012:task/critic/abc',
          },
        }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    uri: `http://127.0.0.1:${port}/api/task-1234`,
    requests,
    protected: () => state,
    failWith: (status) => {
      failure = status;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
