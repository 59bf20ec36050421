// Test helper: an `ecs-twin serve` endpoint on an ephemeral port, and an SDK client pointed at it.
import { ECSClient } from '@aws-sdk/client-ecs';
import * as E from 'fp-ts/lib/Either.js';
import { startServer, type RunningServer } from '../../src/adapters/server.js';
import { TwinHost, type ClockMode } from '../../src/adapters/twinHost.js';

export interface TestEndpoint {
  readonly twin: TwinHost;
  readonly server: RunningServer;
  readonly ecs: ECSClient;
  /** A control-API call: method, path under the server, optional JSON body → status and parsed body. */
  control(method: 'GET' | 'POST', path: string, body?: unknown): Promise<{ status: number; body: Record<string, unknown> }>;
  close(): Promise<void>;
}

export const DUMMY_CREDENTIALS = { accessKeyId: 'AKIDTEST', secretAccessKey: 'secret' };

export async function startEndpoint(config: unknown = {}, clock: ClockMode = { kind: 'manual' }): Promise<TestEndpoint> {
  const created = TwinHost.create(config, clock);
  if (E.isLeft(created)) throw new Error(created.left.message);
  const twin = created.right;
  const server = await startServer(twin, { port: 0 });
  const ecs = new ECSClient({ endpoint: server.url, region: 'us-east-1', credentials: DUMMY_CREDENTIALS, maxAttempts: 1 });
  return {
    twin,
    server,
    ecs,
    async control(method, path, body) {
      const res = await fetch(`${server.url}${path}`, {
        method,
        ...(body === undefined ? {} : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
      });
      return { status: res.status, body: (await res.json()) as Record<string, unknown> };
    },
    async close() {
      ecs.destroy();
      await server.close();
    },
  };
}

/** A Fargate task definition input small enough for any test. */
export const WEB_TASK_DEFINITION = {
  family: 'web',
  requiresCompatibilities: ['FARGATE' as const],
  networkMode: 'awsvpc' as const,
  cpu: '256',
  memory: '512',
  containerDefinitions: [{ name: 'web', image: 'public.ecr.aws/nginx/nginx:latest', essential: true }],
};
