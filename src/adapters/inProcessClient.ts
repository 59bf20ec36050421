/**
 * A real `ECSClient` from `@aws-sdk/client-ecs` whose request handler calls the twin directly: the SDK serializes
 * the request, signs it and parses the answer (errors become the SDK's exception classes) exactly as against AWS,
 * but no socket is opened. For users' unit tests of code that takes an `ECSClient`.
 *
 * @module
 */
import { ECSClient, type ECSClientConfig } from '@aws-sdk/client-ecs';
import { randomUUID } from 'node:crypto';
import { handleHttp } from './ecsHttp.js';
import { TwinHost } from './twinHost.js';
import { TwinPool } from './twinPool.js';

/** The parts of the SDK's `HttpRequest` the handler reads. */
interface SdkHttpRequest {
  readonly method: string;
  readonly path: string;
  readonly query?: Record<string, string | readonly string[] | null>;
  readonly headers: Record<string, string>;
  readonly body?: unknown;
}

function bodyBytes(body: unknown): Uint8Array {
  if (body === undefined || body === null) return new Uint8Array();
  if (typeof body === 'string') return new TextEncoder().encode(body);
  if (body instanceof Uint8Array) return body;
  // The JSON protocol always sends a string; anything else (a stream) is not an ECS request.
  return new TextEncoder().encode(String(body));
}

/**
 * The SDK request handler that answers from `twin` (an `HttpHandler` in smithy's terms: `handle(request)` resolves
 * to `{ response }`).
 */
export class TwinRequestHandler {
  readonly #twin: TwinHost | TwinPool;

  /** @param twin one World, or a pool: then the SDK's SigV4 region and access key pick the (account, Region) World. */
  constructor(twin: TwinHost | TwinPool) {
    this.#twin = twin;
  }

  /** Answers one SDK request through the same HTTP layer as `ecs-twin serve`. */
  async handle(request: SdkHttpRequest): Promise<{ response: { statusCode: number; headers: Record<string, string>; body: Uint8Array } }> {
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(request.headers)) headers[name.toLowerCase()] = value;
    const req = { method: request.method, path: request.path, headers, body: bodyBytes(request.body) };
    const answer = this.#twin instanceof TwinPool ? this.#twin.handle(req, randomUUID()) : handleHttp(this.#twin, req, randomUUID());
    return { response: { statusCode: answer.statusCode, headers: { ...answer.headers }, body: new TextEncoder().encode(answer.body) } };
  }

  /** Part of the SDK's handler contract; the twin has no connections to configure. */
  updateHttpClientConfig(): void {}

  /** Part of the SDK's handler contract. */
  httpHandlerConfigs(): Record<string, never> {
    return {};
  }

  /** Part of the SDK's handler contract; nothing to release. */
  destroy(): void {}
}

/**
 * An `ECSClient` bound to `twin` (default: a new twin of the default World with a manual clock). Region and
 * credentials default to the World's region and dummy keys (the twin does not check signatures); any other
 * client option may be given in `config`. With a {@link TwinPool}, each client's `region` and access key choose its
 * (account, Region) World as on `ecs-twin serve` (`--accounts`, and `auth: 'strict'` verifies the SDK's signature).
 *
 * @example
 * ```ts
 * const twin = TwinHost.create({ seed: 1 }, { kind: 'manual' });
 * const ecs = createInProcessEcsClient(E.getOrElseW(() => undefined)(twin));
 * await ecs.send(new CreateClusterCommand({ clusterName: 'demo' }));
 * ```
 */
export function createInProcessEcsClient(twin?: TwinHost | TwinPool, config: ECSClientConfig = {}): ECSClient {
  const host = twin ?? defaultTwin();
  return new ECSClient({
    region: host instanceof TwinPool ? host.defaultRegion : host.world.config.region,
    credentials: { accessKeyId: 'AKIDECSTWIN', secretAccessKey: 'ecs-twin' },
    endpoint: 'http://ecs-twin.invalid',
    ...config,
    requestHandler: new TwinRequestHandler(host),
  });
}

function defaultTwin(): TwinHost {
  const created = TwinHost.create({}, { kind: 'manual' });
  if (created._tag === 'Left') throw new Error(created.left.message); // the default config is valid
  return created.right;
}
