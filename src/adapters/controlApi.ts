/**
 * The control API of a running twin, under `/_twin/`: JSON in, JSON out, AWS-style errors. It moves the clock,
 * changes behaviours, injects faults, reads events by cursor, and snapshots, restores and resets the World.
 * Every route is listed in {@link CONTROL_ROUTES}; docs/guides/endpoint.md shows each with curl.
 *
 * @module
 */
import { createHash } from 'node:crypto';
import * as E from 'fp-ts/lib/Either.js';
import type { World } from '../domain/world.js';
import type { EcsError } from '../domain/errors.js';
import {
  CONTROL_PREFIX,
  ecsErrorResponse,
  errorResponse,
  jsonResponse,
  parseJsonBody,
  shown,
  type HttpRequestData,
  type HttpResponseData,
} from './httpMessages.js';
import { explainPlacement } from '../engine/explainPlacement.js';
import type { TwinHost } from './twinHost.js';

/** The routes of the control API: `METHOD path` → what it does. */
export const CONTROL_ROUTES = {
  'GET /_twin/state': 'the clock, region, account, default subnets and security groups, journal length, event cursor',
  'POST /_twin/advance': 'body {"ms": N}: moves virtual time forward by N ms; returns nowMs and the events',
  'POST /_twin/behaviors': 'body {"rules": [BehaviorRule…]}: replaces the container behaviour rules',
  'POST /_twin/faults': 'body {"fault": "interruptSpotTasks" | "injectCapacityShortage" | "setSubnetAvailability" | "setAgentConnected" | "stopTask", …}',
  'GET /_twin/events': 'query cursor=N&limit=M: EventBridge-shaped events from cursor N on',
  'GET /_twin/snapshot': 'the config and input journal of the World',
  'GET /_twin/digest': 'the SHA-256 of the World serialized as JSON: equal digests, equal Worlds',
  'POST /_twin/restore': 'body {"config", "journal"} (a snapshot): replays it into the World',
  'POST /_twin/reset': 'body {} or {"config": {…}}: a new, empty World',
  'POST /_twin/explain-placement': 'body: a RunTask request (EC2): where its tasks would go and why the rest would not (explainPlacement)',
} as const;

type Handler = (host: TwinHost, body: Record<string, unknown>, query: URLSearchParams) => E.Either<EcsError, unknown>;

const handlers: Readonly<Record<keyof typeof CONTROL_ROUTES, Handler>> = {
  'GET /_twin/state': (host) => E.right(stateOf(host)),
  'POST /_twin/advance': (host, body) => host.advance(body.ms as number),
  'POST /_twin/behaviors': (host, body) => host.fault({ fault: 'setBehaviors', rules: body.rules }),
  'POST /_twin/faults': (host, body) => (body.fault === 'stopTask' ? stopTask(host, body) : host.fault(body)),
  'GET /_twin/events': (host, _body, query) => E.right(host.eventsSince(intParam(query, 'cursor', 0), intParam(query, 'limit', 100))),
  'GET /_twin/snapshot': (host) => E.right(host.snapshot()),
  'GET /_twin/digest': (host) => E.right({ sha256: worldDigest(host.world), journalLength: host.journalLength }),
  'POST /_twin/restore': (host, body) => E.map(() => stateOf(host))(host.restore(body)),
  'POST /_twin/reset': (host, body) => E.map(() => stateOf(host))(host.reset('config' in body ? body.config : undefined)),
  'POST /_twin/explain-placement': (host, body) => explainPlacement(host.world, body),
};

/** What `GET /_twin/state` answers. */
function stateOf(host: TwinHost) {
  const w = host.world;
  return {
    nowMs: w.nowMs,
    now: new Date(w.nowMs).toISOString(),
    clock: host.clock.kind === 'realtime' ? { mode: 'realtime', speed: host.clock.speed } : { mode: 'manual' },
    region: w.config.region,
    accountId: w.config.accountId,
    subnets: w.config.network.subnets.map((s) => ({ subnetId: s.subnetId, availabilityZone: s.availabilityZone, cidrBlock: s.cidrBlock, vpcId: s.vpcId })),
    securityGroups: w.config.network.securityGroups.map((g) => g.groupId),
    journalLength: host.journalLength,
    eventCursor: host.eventCursor,
  };
}

/** SHA-256 (hex) of `JSON.stringify(world)`: the World's serialization is deterministic, so equal Worlds hash alike. */
export function worldDigest(world: World): string {
  return createHash('sha256').update(JSON.stringify(world)).digest('hex');
}

/** "Stop a task" as a fault: StopTask as ECS receives it (charged and journaled like any request). */
function stopTask(host: TwinHost, body: Record<string, unknown>): E.Either<EcsError, unknown> {
  const { fault: _fault, ...input } = body;
  return host.ecs('StopTask', { reason: 'Stopped by ecs-twin fault injection', ...input });
}

function intParam(query: URLSearchParams, name: string, fallback: number): number {
  const v = query.get(name);
  const n = v === null ? fallback : Number(v);
  return Number.isSafeInteger(n) && n >= 0 ? n : fallback;
}

/** Answers one control request (the path starts with `/_twin/`). Never throws. */
export function handleControl(host: TwinHost, req: HttpRequestData, requestId: string): HttpResponseData {
  const [path = '', queryText = ''] = req.path.split('?', 2);
  const key = `${req.method} ${path}`;
  const handler = (handlers as Readonly<Record<string, Handler>>)[key];
  if (handler === undefined || !Object.hasOwn(handlers, key)) {
    return errorResponse(
      404,
      'ResourceNotFoundException',
      `No control route ${shown(key)}. Routes: ${Object.keys(CONTROL_ROUTES).join(', ')}.`,
      requestId,
    );
  }
  let body: Record<string, unknown> = {};
  if (req.method === 'POST') {
    const parsed = parseJsonBody(req.body);
    if (E.isLeft(parsed)) return errorResponse(400, 'SerializationException', parsed.left, requestId);
    if (typeof parsed.right !== 'object' || parsed.right === null || Array.isArray(parsed.right)) {
      return errorResponse(400, 'SerializationException', `The body of ${key} must be a JSON object.`, requestId);
    }
    body = parsed.right as Record<string, unknown>;
  }
  const r = handler(host, body, new URLSearchParams(queryText));
  return E.isRight(r) ? jsonResponse(200, r.right, requestId, { 'content-type': 'application/json' }) : ecsErrorResponse(r.left, requestId);
}

export { CONTROL_PREFIX };
