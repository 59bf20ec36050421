/**
 * A World as text and back: the snapshot half of durable state (`--data-dir` keeps a snapshot plus the journal of
 * inputs since). `deserializeWorld(serializeWorld(w))` is a World that behaves exactly as `w` — the same answers,
 * events and later states, byte for byte — without replaying the inputs that built `w`.
 *
 * - Tables ({@link PMap}s, nested ones too) are written as `[key, value]` rows in key order and read back by bulk
 *   load (`PMap.fromSorted`, O(n)); the timer queue as its timers in `(atMs, seq)` order; a task's `spec`, shared
 *   by the tasks one call launched, once in a spec list.
 * - The World's fields and each object's members keep their order, and `undefined` members are kept (see
 *   `snapshotJson.ts`), so later spreads and `JSON.stringify` see the same objects as in the original World.
 * - Reading is strict: the text is untrusted, and anything malformed — bad JSON, a missing or unknown field, a key
 *   out of order, a wrong type, a task whose `seq` is not its key — is a `SerializationException` naming the path,
 *   never a throw.
 *
 * @module
 */
import * as E from 'fp-ts/lib/Either.js';
import type * as t from 'io-ts';
import { ecsError, type EcsError } from '../domain/errors.js';
import { PMap, compareNumbers, compareStrings } from '../domain/pmap.js';
import { ipToNumber } from '../domain/network.js';
import { RNG_STREAMS } from '../domain/rng.js';
import { MAX_TIME_MS } from '../domain/time.js';
import type { ContainerInstance } from '../domain/containerInstance.js';
import type { Service } from '../domain/service.js';
import { type Ec2Placement, hasEni, packIpv4, poolOf, privateIpOf, type Task, taskMs, taskMsOpt, taskSite, type TaskSpec, type TaskStop, type TaskStopCode, taskTime, type TaskTime } from '../domain/task.js';
import { TimerQueue } from '../domain/timerQueue.js';
import type { ScheduledTimer } from '../domain/timers.js';
import { instantLess, type ServiceRoster } from '../domain/serviceRoster.js';
import type { World } from '../domain/world.js';
import type { SubnetIps } from '../domain/ledgers.js';
import { isListedThroughService, rebuildDeploymentTasks } from '../domain/deploymentTasks.js';
import { describeIssues, describeValue } from './reporter.js';
import { BehaviorRulesCodec } from './simInputs.js';
import {
  aCount,
  aNumber,
  aString,
  aUint32,
  aWord32,
  anInteger,
  anObject,
  exactly,
  listOf,
  numberLess,
  oneOf,
  optional,
  readNumberSet,
  readRows,
  recordOf,
  stringLess,
  timeSeqLess,
  type Check,
  type Problem,
} from './snapshotChecks.js';
import { checkEc2Books } from './ec2SnapshotChecks.js';
import { isRecord } from './isRecord.js';
import { reviveSnapshotJson, snapshotReplacer } from './snapshotJson.js';
import {
  ContainerInstancesConfigCodec,
  QuotasConfigCodec,
  RetentionConfigCodec,
  TargetGroupsConfigCodec,
  TimingsConfigCodec,
} from './worldConfig.js';

/** The `format` member of a World snapshot, and the version this code writes and reads. */
export const WORLD_SNAPSHOT_FORMAT = 'ecs-twin/world';
export const WORLD_SNAPSHOT_VERSION = 1;

// ---------------------------------------------------------------------------------------------------------------
// checks of the World's fields
// ---------------------------------------------------------------------------------------------------------------

/** A check by an io-ts codec of the twin's own inputs (the resolved config sections have the same shapes). */
const byCodec =
  (codec: t.Mixed): Check =>
  (u, at) => {
    const r = codec.decode(u);
    return r._tag === 'Right' ? undefined : `${describeIssues(r.left, at).join('; ')}.`;
  };

const TIMER_FIELDS = {
  TaskLifecycle: ['taskSeq', anInteger],
  ClientTokenExpiry: ['tokenKey', aString],
  TaskDefinitionDeletion: ['taskDefinitionKey', aString],
  ServicePass: ['serviceKey', aString],
} as const satisfies Record<ScheduledTimer['_tag'], readonly [string, Check]>;
const timerChecks = Object.fromEntries(
  Object.entries(TIMER_FIELDS).map(([tag, [field, check]]) => [tag, exactly({ _tag: aString, atMs: anInteger, seq: aCount, [field]: check })]),
) as Readonly<Record<string, Check>>;

const aTimer: Check = (u, at) => {
  if (!isRecord(u)) return anObject(u, at);
  const tag = oneOf(Object.keys(TIMER_FIELDS))(u._tag, `${at}._tag`);
  return tag ?? timerChecks[u._tag as string]!(u, at);
};

const aConfig = exactly({
  region: aString,
  accountId: aString,
  seed: anInteger,
  startTimeMs: anInteger,
  network: exactly({
    subnets: listOf(
      exactly({
        subnetId: aString,
        cidrBlock: aString,
        availabilityZone: aString,
        vpcId: aString,
        firstAddress: aUint32,
        prefixLength: aCount,
        usableIpCount: aCount,
      }),
    ),
    securityGroups: listOf(exactly({ groupId: aString, vpcId: aString, groupName: aString })),
    defaultSecurityGroupByVpc: recordOf(aString),
  }),
  quotas: byCodec(QuotasConfigCodec),
  timings: byCodec(TimingsConfigCodec),
  behaviors: byCodec(BehaviorRulesCodec),
  retention: byCodec(RetentionConfigCodec),
  targetGroups: byCodec(TargetGroupsConfigCodec),
  containerInstances: byCodec(ContainerInstancesConfigCodec),
});

const aRngState: Check = (u, at) => listOf(aWord32)(u, at) ?? ((u as unknown[]).length === 4 ? undefined : `${at}: expected 4 state words, got ${(u as unknown[]).length}.`);

const aFaultState = exactly({
  capacityShortages: listOf(
    exactly({ capacityProvider: oneOf(['FARGATE', 'FARGATE_SPOT']), availabilityZone: aString, fromMs: anInteger, untilMs: anInteger }),
  ),
  unavailableSubnets: listOf(aString),
  zoneOutages: listOf(exactly({ availabilityZone: aString, fromMs: anInteger, untilMs: anInteger })),
}, ['zoneOutages']);

/** A field of the World that is not a table: written as it is, checked on the way back. */
const PLAIN_FIELDS: Readonly<Record<string, Check>> = {
  config: aConfig,
  nowMs: anInteger,
  seq: aCount,
  rng: exactly(Object.fromEntries(RNG_STREAMS.map((s) => [s, aRngState]))),
  behaviors: byCodec(BehaviorRulesCodec),
  faults: aFaultState,
};

// ---------------------------------------------------------------------------------------------------------------
// tables
// ---------------------------------------------------------------------------------------------------------------

/* eslint-disable-next-line @typescript-eslint/no-explicit-any -- PMap is invariant in K and V; each codec knows its own. */
type AnyTable = PMap<any, any> | TimerQueue;

/** How one table is written and read back. */
interface TableCodec {
  encode(table: AnyTable): unknown;
  /** Left: what is wrong; Right: the table. */
  decode(u: unknown, at: string): E.Either<string, AnyTable>;
}

const rowsOf = (m: AnyTable): Array<[unknown, unknown]> => Array.from<[unknown, unknown]>(m.entries());

/** A table keyed by strings whose values pass `value` and are stored as read. */
function stringTable(value: Check): TableCodec {
  return {
    encode: rowsOf,
    decode: (u, at) => {
      const rows = readRows(u, at, aString, stringLess, value);
      return typeof rows === 'string' ? E.left(rows) : E.right(PMap.fromSorted(compareStrings, rows.keys as string[], rows.values));
    },
  };
}

const aService: Check = (u, at) =>
  anObject(u, at) ??
  aString((u as Record<string, unknown>).key, `${at}.key`) ??
  optional(aTimer)((u as Record<string, unknown>).passTimer, `${at}.passTimer`) ??
  listOf(aDeployment)((u as Record<string, unknown>).deployments, `${at}.deployments`);

/**
 * An instant the World set to its clock — a spec's origin, a deployment's start: an integer from 0 to the largest a
 * `Date` holds. A task's times count from its spec's origin (`TaskSpec.originMs`): an infinite or huge origin would
 * turn every time of its tasks into NaN or 0.
 */
const anInstant: Check = (u, at) =>
  Number.isSafeInteger(u) && (u as number) >= 0 && (u as number) <= MAX_TIME_MS
    ? undefined
    : `${at}: expected an integer epoch time in ms from 0 to ${MAX_TIME_MS}, got ${describeValue(u)}.`;

/**
 * A task's time in epoch ms: an integer from 0, which may lie past {@link MAX_TIME_MS} — the engine plans a pull's
 * end or a container's last stop ahead of the clock, and a World started near the largest instant does that too.
 * (`TaskTime` is exact for any safe integer.)
 */
const aTaskInstant: Check = (u, at) =>
  Number.isSafeInteger(u) && (u as number) >= 0 ? undefined : `${at}: expected an integer epoch time in ms ≥ 0, got ${describeValue(u)}.`;

/** A non-empty string: a capacity provider's name, a subnet id. */
const aName: Check = (u, at) => (typeof u === 'string' && u !== '' ? undefined : `${at}: expected a non-empty string, got ${describeValue(u)}.`);

/** A deployment: what reading it uses (its spec's origin, else its start) has its type. */
const aDeployment: Check = (u, at) =>
  anObject(u, at) ??
  anInstant((u as Record<string, unknown>).createdAtMs, `${at}.createdAtMs`) ??
  aTaskSpec((u as Record<string, unknown>).taskSpec, `${at}.taskSpec`);

const aBoolean: Check = (u, at) => (typeof u === 'boolean' ? undefined : `${at}: expected true or false, got ${JSON.stringify(u) ?? 'nothing'}.`);

const aRosterShape = exactly({
  graceMs: aCount,
  deployments: listOf(
    exactly({ id: aString, live: aCount, running: aCount, healthy: aCount, unhealthy: aCount, zones: recordOf(aCount), providers: recordOf(aCount) }),
  ),
  queue: listOf(exactly({ atMs: anInteger, seq: aCount, deploymentId: aString, kind: oneOf(['healthy', 'failing']), wasHealthy: aBoolean })),
});

const sumOf = (r: Readonly<Record<string, number>>): number => Object.values(r).reduce((a, b) => a + b, 0);

/**
 * A service roster (`src/domain/serviceRoster.ts`): derived counts, read strictly — each count an integer ≥ 0, and
 * the counts consistent with each other (healthy + failing ≤ RUNNING ≤ live, zones adding up to live, every health
 * instant of a listed deployment, in order) — so that a snapshot cannot give the scheduler counts it could not
 * have kept, or a roster it would trip on.
 */
const aServiceRoster: Check = (u, at) => {
  const shape = aRosterShape(u, at);
  if (shape !== undefined) return shape;
  const r = u as ServiceRoster;
  const ids = new Set<string>();
  for (const [i, d] of r.deployments.entries()) {
    const where = `${at}.deployments[${i}]`;
    if (ids.has(d.id)) return `${where}.id: deployment '${d.id}' is listed twice.`;
    ids.add(d.id);
    if (d.healthy + d.unhealthy > d.running || d.running > d.live) return `${where}: expected healthy + unhealthy ≤ running ≤ live.`;
    if (sumOf(d.zones) !== d.live) return `${where}.zones: expected the tasks per zone to add up to live (${d.live}).`;
    if (sumOf(d.providers) > d.live) return `${where}.providers: expected at most live (${d.live}) tasks in all.`;
  }
  for (const [i, x] of r.queue.entries()) {
    if (!ids.has(x.deploymentId)) return `${at}.queue[${i}].deploymentId: '${x.deploymentId}' is not one of the roster's deployments.`;
    const prev = r.queue[i - 1];
    if (prev !== undefined && !instantLess(prev, x)) return `${at}.queue[${i}]: health instants must be in increasing (atMs, seq) order.`;
  }
  return undefined;
};
const aResources = exactly({ cpu: aCount, memory: aCount, ports: listOf(aString), portsUdp: listOf(aString) });
const aContainerInstance = exactly({
  cluster: aString,
  id: aString,
  arn: aString,
  ec2InstanceId: aString,
  status: oneOf(['ACTIVE', 'DRAINING', 'INACTIVE']),
  agentConnected: aBoolean,
  version: aCount,
  versionInfo: exactly({ agentVersion: aString, agentHash: aString, dockerVersion: aString }),
  registeredResources: aResources,
  remainingResources: aResources,
  attributes: listOf(exactly({ name: aString, value: aString }, ['value'])),
  registeredAt: anInteger,
  runningTasksCount: aCount,
  pendingTasksCount: aCount,
  tags: listOf(exactly({ key: aString, value: aString })),
  taskGroups: recordOf(aCount),
  taskEnisInUse: aCount,
  autoScalingGroup: aString,
}, ['taskGroups', 'taskEnisInUse', 'autoScalingGroup']);

const aTaskRow = (specCount: number): Check => (u, at) => {
  if (!isRecord(u)) return anObject(u, at);
  const spec = u.spec;
  const p: Problem =
    anInteger(u.seq, `${at}.seq`) ??
    aString(u.taskId, `${at}.taskId`) ??
    aString(u.lastStatus, `${at}.lastStatus`) ??
    aString(u.desiredStatus, `${at}.desiredStatus`) ??
    listOf(anObject)(u.containers, `${at}.containers`) ??
    optional(aTimer)(u.timer, `${at}.timer`) ??
    optional(anIpv4)(u.privateIp, `${at}.privateIp`) ??
    optional(aString)(u.stopCode, `${at}.stopCode`) ??
    optional(aString)(u.stoppedReason, `${at}.stoppedReason`) ??
    optional(aString)(u.launchFailure, `${at}.launchFailure`) ??
    aTaskInstant(u.createdAtMs, `${at}.createdAtMs`) ??
    aTaskInstant(u.updatedAtMs, `${at}.updatedAtMs`) ??
    OPTIONAL_TIMES.reduce<Problem>((p, name) => p ?? optional(aTaskInstant)(u[name], `${at}.${name}`), undefined) ??
    optional(aName)(u.capacityProviderName, `${at}.capacityProviderName`) ??
    aString(u.availabilityZone, `${at}.availabilityZone`) ??
    optional(aName)(u.subnetId, `${at}.subnetId`);
  if (p !== undefined) return p;
  return Number.isSafeInteger(spec) && (spec as number) >= 0 && (spec as number) < specCount
    ? undefined
    : `${at}.spec: expected the index of one of the ${specCount} task specs, got ${JSON.stringify(spec) ?? 'nothing'}.`;
};

/**
 * A task spec: an object whose members that reading the snapshot uses (to rebuild `deploymentTasks` and clean the
 * index, `src/domain/deploymentTasks.ts`) have their types.
 */
const aTaskSpec: Check = (u, at) => {
  if (!isRecord(u)) return anObject(u, at);
  return (
    optional(anInstant)(u.originMs, `${at}.originMs`) ??
    aString(u.clusterName, `${at}.clusterName`) ??
    aString(u.group, `${at}.group`) ??
    optional(aString)(u.startedBy, `${at}.startedBy`) ??
    optional(aString)(u.serviceKey, `${at}.serviceKey`) ??
    optional(aString)(u.deploymentId, `${at}.deploymentId`)
  );
};

/** An IPv4 address in dotted-quad form. */
const anIpv4: Check = (u, at) =>
  typeof u === 'string' && ipToNumber(u) !== undefined ? undefined : `${at}: expected an IPv4 address, got ${JSON.stringify(u) ?? 'nothing'}.`;

/** A task's optional times, as a snapshot names them. */
const OPTIONAL_TIMES = [
  'connectivityAtMs',
  'pullStartedAtMs',
  'pullStoppedAtMs',
  'startedAtMs',
  'stoppingAtMs',
  'executionStoppedAtMs',
  'stoppedAtMs',
] as const;

/**
 * A task as a snapshot writes it: its fields in the order the engine makes them, `spec` as the index of the
 * tasks' spec list, and its times in epoch milliseconds (`…AtMs`) rather than the engine's {@link TaskTime}s, as
 * snapshots held them before tasks counted their times from their spec's `originMs` (which the spec holds).
 */
function taskRow(t: Task, spec: number): Record<string, unknown> {
  return {
    seq: t.seq,
    taskId: t.taskId,
    spec,
    capacityProviderName: t.site.capacityProviderName,
    pool: poolOf(t),
    availabilityZone: t.site.availabilityZone,
    subnetId: t.site.subnetId,
    privateIp: privateIpOf(t),
    hasEni: hasEni(t),
    ec2: t.site.ec2,
    lastStatus: t.lastStatus,
    desiredStatus: t.desiredStatus,
    version: t.version,
    createdAtMs: taskMs(t, t.createdAt),
    updatedAtMs: taskMs(t, t.updatedAt),
    connectivityAtMs: taskMsOpt(t, t.connectivityAt),
    pullStartedAtMs: taskMsOpt(t, t.pullStartedAt),
    pullStoppedAtMs: taskMsOpt(t, t.pullStoppedAt),
    startedAtMs: taskMsOpt(t, t.startedAt),
    stoppingAtMs: taskMsOpt(t, t.stop?.stoppingAt),
    executionStoppedAtMs: taskMsOpt(t, t.stop?.executionStoppedAt),
    stoppedAtMs: taskMsOpt(t, t.stop?.stoppedAt),
    stopCode: t.stop?.stopCode,
    stoppedReason: t.stop?.stoppedReason,
    launchFailure: t.stop?.launchFailure,
    containers: t.containers,
    timer: t.timer,
  };
}

/** The {@link TaskStop} of a snapshot row: `undefined` when the row has none of its six members. */
function stopOfRow(r: Record<string, unknown>, time: (ms: unknown) => TaskTime | undefined): TaskStop | undefined {
  if (
    r.stopCode === undefined &&
    r.stoppedReason === undefined &&
    r.stoppingAtMs === undefined &&
    r.executionStoppedAtMs === undefined &&
    r.stoppedAtMs === undefined &&
    r.launchFailure === undefined
  ) {
    return undefined;
  }
  return {
    stopCode: r.stopCode as TaskStopCode | undefined,
    stoppedReason: r.stoppedReason as string | undefined,
    stoppingAt: time(r.stoppingAtMs),
    executionStoppedAt: time(r.executionStoppedAtMs),
    stoppedAt: time(r.stoppedAtMs),
    launchFailure: r.launchFailure as string | undefined,
  };
}

/** The task a checked snapshot row holds, with its spec (whose `originMs` is set) and its times as TaskTimes. */
function taskOfRow(r: Record<string, unknown>, spec: TaskSpec): Task {
  const time = (ms: unknown): TaskTime | undefined => (ms === undefined ? undefined : taskTime(spec, ms as number));
  const row = r as unknown as Task & Record<(typeof OPTIONAL_TIMES)[number] | 'createdAtMs' | 'updatedAtMs', number | undefined>;
  return {
    seq: row.seq,
    taskId: row.taskId,
    spec,
    site: taskSite(
      r.capacityProviderName as string | undefined,
      r.availabilityZone as string,
      r.subnetId as string | undefined,
      r.ec2 as Ec2Placement | undefined,
    ),
    ipv4: r.privateIp === undefined ? undefined : packIpv4(ipToNumber(r.privateIp as string)!),
    lastStatus: row.lastStatus,
    desiredStatus: row.desiredStatus,
    version: row.version,
    createdAt: taskTime(spec, row.createdAtMs!),
    updatedAt: taskTime(spec, row.updatedAtMs!),
    connectivityAt: time(row.connectivityAtMs),
    pullStartedAt: time(row.pullStartedAtMs),
    pullStoppedAt: time(row.pullStoppedAtMs),
    startedAt: time(row.startedAtMs),
    stop: stopOfRow(r, time),
    containers: row.containers,
    timer: row.timer,
  };
}

/** Tasks: `{ specs: [TaskSpec…], rows: [[seq, task with spec = index]…] }`. */
const tasksCodec: TableCodec = {
  encode: (table) => {
    const specs: TaskSpec[] = [];
    const index = new Map<TaskSpec, number>();
    const rows = Array.from((table as PMap<number, Task>).entries(), ([seq, task]) => {
      let i = index.get(task.spec);
      if (i === undefined) {
        i = specs.length;
        index.set(task.spec, i);
        specs.push(task.spec);
      }
      return [seq, taskRow(task, i)];
    });
    return { specs, rows };
  },
  decode: (u, at) => {
    const shape = exactly({ specs: listOf(aTaskSpec), rows: (v, a) => (Array.isArray(v) ? undefined : `${a}: expected a list.`) })(u, at);
    if (shape !== undefined) return E.left(shape);
    const { specs, rows: raw } = u as { specs: object[]; rows: unknown[] };
    const rows = readRows(raw, `${at}.rows`, anInteger, numberLess, aTaskRow(specs.length));
    if (typeof rows === 'string') return E.left(rows);
    const tasks: Task[] = [];
    for (let i = 0; i < rows.values.length; i++) {
      const row = rows.values[i] as Record<string, unknown>;
      if (row.seq !== rows.keys[i]) return E.left(`${at}.rows[${i}][1].seq: expected ${String(rows.keys[i])} (its key), got ${String(row.seq)}.`);
      const spec = specs[row.spec as number] as { originMs?: number } & TaskSpec;
      // A snapshot written before specs had an origin: count from its first task's creation (any instant would do).
      spec.originMs ??= row.createdAtMs as number;
      tasks.push(taskOfRow(row, spec));
    }
    return E.right(PMap.fromSorted(compareNumbers, rows.keys as number[], tasks));
  },
};

/** A set of numbers (a nested `PMap<number, true>`) as its increasing members. */
const numberSetOf = (set: PMap<number, true>): number[] => Array.from(set.keys());
const numberSetFrom = (members: number[]): PMap<number, true> =>
  PMap.fromSorted(
    compareNumbers,
    members,
    members.map(() => true as const),
  );

/** Task index: range key → the set of its tasks' `seq`s. */
const taskIndexCodec: TableCodec = {
  encode: (table) => Array.from((table as PMap<string, PMap<number, true>>).entries(), ([k, set]) => [k, numberSetOf(set)]),
  decode: (u, at) => {
    const rows = readRows(u, at, aString, stringLess, (v, a) => {
      const r = readNumberSet(v, a);
      return typeof r === 'string' ? r : undefined;
    });
    if (typeof rows === 'string') return E.left(rows);
    return E.right(PMap.fromSorted(compareStrings, rows.keys as string[], rows.values.map((v) => numberSetFrom(v as number[]))));
  },
};

const aSubnetIps = exactly({ inUse: aCount, nextOffset: aCount, freed: (v, a) => { const r = readNumberSet(v, a); return typeof r === 'string' ? r : undefined; }, reservedCount: aCount });

/** Subnet IP ledgers: their `freed` set written as its members. */
const subnetIpsCodec: TableCodec = {
  encode: (table) => Array.from((table as PMap<string, SubnetIps>).entries(), ([k, v]) => [k, { ...v, freed: numberSetOf(v.freed) }]),
  decode: (u, at) => {
    const rows = readRows(u, at, aString, stringLess, aSubnetIps);
    if (typeof rows === 'string') return E.left(rows);
    for (const v of rows.values) (v as { freed: unknown }).freed = numberSetFrom((v as { freed: number[] }).freed);
    return E.right(PMap.fromSorted(compareStrings, rows.keys as string[], rows.values));
  },
};

/** The timer queue: each timer is its own key, so only the timers are written. */
const timersCodec: TableCodec = {
  encode: (table) => Array.from((table as TimerQueue).values()),
  decode: (u, at) => {
    const p = listOf(aTimer)(u, at);
    if (p !== undefined) return E.left(p);
    const timers = u as ScheduledTimer[];
    for (let i = 1; i < timers.length; i++) {
      if (!timeSeqLess(timers[i - 1]!, timers[i]!)) return E.left(`${at}[${i}]: timers must be in strictly increasing (atMs, seq) order.`);
    }
    return E.right(TimerQueue.fromSorted(timers));
  },
};

const TABLES: Readonly<Record<string, TableCodec>> = {
  clusters: stringTable(anObject),
  taskDefinitions: stringTable(anObject),
  families: stringTable(anObject),
  taskDefinitionUse: stringTable(aCount),
  taskDefinitionIndex: stringTable(aString),
  tasks: tasksCodec,
  taskIndex: taskIndexCodec,
  placementCounts: stringTable(recordOf(recordOf(aCount))),
  subnetIps: subnetIpsCodec,
  fargateUsage: stringTable(exactly({ cpuUnits: aNumber, tasks: aCount })),
  rateLimits: stringTable(exactly({ capacity: aNumber, refillPerSecond: aNumber, milliTokens: aNumber, updatedAtMs: anInteger })),
  services: stringTable(aService),
  serviceRosters: stringTable(aServiceRoster),
  containerInstances: stringTable(aContainerInstance),
  clientTokens: stringTable(exactly({ fingerprint: aString, taskSeqs: listOf(anInteger), failures: listOf(anObject) })),
  capacityProviders: stringTable(anObject),
  timers: timersCodec,
};

/** Fields a snapshot may lack: derived tables the scheduler rebuilds (`src/scheduler/service/serviceRoster.ts`). */
const OPTIONAL_FIELDS: ReadonlySet<string> = new Set(['serviceRosters', 'capacityProviders']);

/**
 * Derived tables a snapshot never holds, by the field they follow in a World: rebuilt from the tasks when it is
 * read (`deploymentTasks`, `src/scheduler/deploymentTasks.ts`), so a snapshot cannot give them counts its tasks
 * contradict; put back in their place, so the World read back has its fields in the original's order.
 */
const UNWRITTEN_AFTER: ReadonlyMap<string, string> = new Map([['services', 'deploymentTasks']]);
const UNWRITTEN_FIELDS: ReadonlySet<string> = new Set(UNWRITTEN_AFTER.values());

const FIELD_NAMES = [...Object.keys(PLAIN_FIELDS), ...Object.keys(TABLES)];

// ---------------------------------------------------------------------------------------------------------------
// serialize / deserialize
// ---------------------------------------------------------------------------------------------------------------

/**
 * The World as snapshot text (JSON in the dialect of `snapshotJson.ts`). Deterministic: equal Worlds give equal
 * text. O(size of the World).
 *
 * @example
 * ```ts
 * const text = serializeWorld(world);
 * const back = deserializeWorld(text); // Right: a World that behaves exactly like `world`
 * ```
 */
export function serializeWorld(world: World): string {
  const fields: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(world)) {
    if (UNWRITTEN_FIELDS.has(name)) continue;
    const table = Object.hasOwn(TABLES, name) ? TABLES[name] : undefined;
    fields[name] = table !== undefined ? table.encode(value as AnyTable) : value;
  }
  const doc = { format: WORLD_SNAPSHOT_FORMAT, version: WORLD_SNAPSHOT_VERSION, world: fields };
  // A PMap reached outside the tables above would come out as bare rows and not come back as a PMap.
  return JSON.stringify(doc, snapshotReplacer((original) => original instanceof PMap));
}

const serializationError = (message: string): EcsError => ecsError('SerializationException', `Invalid World snapshot: ${message}`);

/**
 * Reads {@link serializeWorld}'s text back into a World. The text is untrusted: anything that is not a snapshot
 * of this version is a `SerializationException` naming the path (`snapshot.world.timers[4]: …`), never a throw.
 */
export function deserializeWorld(text: string): E.Either<EcsError, World> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text) as unknown;
  } catch (e) {
    return E.left(serializationError(`not JSON (${e instanceof Error ? e.message : String(e)}).`));
  }
  const revived = reviveSnapshotJson(parsed, 'snapshot');
  if (E.isLeft(revived)) return E.left(serializationError(revived.left));
  const doc = revived.right;
  if (!isRecord(doc)) return E.left(serializationError('snapshot: expected an object.'));
  if (doc.format !== WORLD_SNAPSHOT_FORMAT) return E.left(serializationError(`snapshot.format: expected '${WORLD_SNAPSHOT_FORMAT}', got ${JSON.stringify(doc.format) ?? 'nothing'}.`));
  if (doc.version !== WORLD_SNAPSHOT_VERSION) {
    return E.left(serializationError(`snapshot.version: this ecs-twin reads version ${WORLD_SNAPSHOT_VERSION}, got ${JSON.stringify(doc.version) ?? 'nothing'}.`));
  }
  const extra = Object.keys(doc).find((k) => k !== 'format' && k !== 'version' && k !== 'world');
  if (extra !== undefined) return E.left(serializationError(`snapshot.${extra}: unknown member.`));
  const fields = doc.world;
  if (!isRecord(fields)) return E.left(serializationError(`snapshot.world: expected an object.`));
  const unknown = Object.keys(fields).find((k) => !FIELD_NAMES.includes(k));
  if (unknown !== undefined) return E.left(serializationError(`snapshot.world.${unknown}: unknown member.`));
  // Snapshots written before the service rosters (derived data) existed are read without them: passes rebuild them.
  const missing = FIELD_NAMES.find((k) => !Object.hasOwn(fields, k) && !OPTIONAL_FIELDS.has(k));
  if (missing !== undefined) return E.left(serializationError(`snapshot.world.${missing}: missing.`));
  const world: Record<string, unknown> = {};
  // The World's fields in the order they were written, which is the order the engine made them in.
  for (const name of Object.keys(fields)) {
    const at = `snapshot.world.${name}`;
    const table = Object.hasOwn(TABLES, name) ? TABLES[name] : undefined;
    if (table !== undefined) {
      const decoded = table.decode(fields[name], at);
      if (E.isLeft(decoded)) return E.left(serializationError(decoded.left));
      world[name] = decoded.right;
    } else {
      const p = PLAIN_FIELDS[name]!(fields[name], at);
      if (p !== undefined) return E.left(serializationError(p));
      world[name] = fields[name];
    }
    const derived = UNWRITTEN_AFTER.get(name);
    if (derived !== undefined) world[derived] = undefined; // its place; rebuilt below
  }
  relinkDeploymentSpecs(world);
  restoreDeploymentSpecOrigins(world);
  // The instances' ledgers and the index by instance are derived from the EC2 tasks: checked (or, for the index of
  // an older snapshot, built) here.
  const books = checkEc2Books(
    world.tasks as PMap<number, Task>,
    world.containerInstances as PMap<string, ContainerInstance>,
    world.taskIndex as PMap<string, PMap<number, true>>,
    'snapshot.world',
  );
  if (E.isLeft(books)) return E.left(serializationError(books.left));
  world.taskIndex = books.right;
  if (!Object.hasOwn(world, 'serviceRosters')) world.serviceRosters = PMap.empty(compareStrings);
  if (!Object.hasOwn(world, 'capacityProviders')) world.capacityProviders = PMap.empty(compareStrings);
  const tasks = world.tasks as PMap<number, Task>;
  world.deploymentTasks = rebuildDeploymentTasks(tasks.values());
  world.taskIndex = withoutServiceStartedByEntries(world.taskIndex as PMap<string, PMap<number, true>>, tasks);
  return E.right(world as unknown as World);
}

/**
 * `index` without `S` (startedBy) entries of service tasks: snapshots written before service tasks were listed
 * through their services hold one per task, which no later change of the task would remove (the index keeps no
 * such entry now) and which ListTasks would list twice.
 */
function withoutServiceStartedByEntries(index: PMap<string, PMap<number, true>>, tasks: PMap<number, Task>): PMap<string, PMap<number, true>> {
  let next = index;
  for (const [range, seqs] of index.entries('S')) {
    if (!range.startsWith('S')) break;
    let kept = seqs;
    for (const seq of seqs.keys()) {
      const t = tasks.get(seq);
      if (t !== undefined && isListedThroughService(t)) kept = kept.delete(seq);
    }
    if (kept !== seqs) next = kept.size === 0 ? next.delete(range) : next.set(range, kept);
  }
  return next;
}

/** A spec's snapshot text without its `originMs`, to find a deployment's spec among its tasks'. */
function specText(spec: TaskSpec): string {
  const replace = snapshotReplacer(() => false);
  return JSON.stringify(spec, function withoutOrigin(this: unknown, key: string, value: unknown) {
    return key === 'originMs' ? undefined : replace.call(this, key, value);
  });
}

/**
 * Gives each deployment's spec an origin where the snapshot has none (written before specs had one), after
 * {@link relinkDeploymentSpecs}: a spec no task shares counts its future tasks' times from the deployment's start,
 * as the engine does when it makes the deployment.
 */
function restoreDeploymentSpecOrigins(world: Record<string, unknown>): void {
  for (const service of (world.services as PMap<string, Service>).values()) {
    for (const d of service.deployments) {
      const spec = d.taskSpec as { originMs?: number } & TaskSpec;
      spec.originMs ??= d.createdAtMs;
    }
  }
}

/**
 * A service deployment launches its tasks with its own `taskSpec` object, so in a running World the deployment and
 * its tasks share one spec. The snapshot writes the tasks' specs once in the tasks table and the deployments' within
 * the services, so read back they would be two equal objects — and tasks launched later would carry a second spec,
 * which `tasksCodec` (sharing by identity) writes as a second entry: the same inputs would no longer give the same
 * bytes. Each deployment gets back the tasks' spec object equal to its own — equal but for `originMs`, which a snapshot
 * written before specs had one gives the tasks' spec only (`tasksCodec`).
 */
function relinkDeploymentSpecs(world: Record<string, unknown>): void {
  const tasks = world.tasks as PMap<number, Task>;
  const services = world.services as PMap<string, Service>;
  if (tasks.size === 0 || services.size === 0) return;
  const byText = new Map<string, TaskSpec>();
  // The tasks of one deployment share a spec object: its text is made once, not once per task.
  const seen = new Set<TaskSpec>();
  for (const task of tasks.values()) {
    if (task.spec.serviceKey === undefined || seen.has(task.spec)) continue;
    seen.add(task.spec);
    const text = specText(task.spec);
    if (!byText.has(text)) byText.set(text, task.spec);
  }
  if (byText.size === 0) return;
  let next = services;
  for (const [key, service] of services.entries()) {
    let changed = false;
    const deployments = service.deployments.map((d) => {
      const shared = byText.get(specText(d.taskSpec));
      if (shared === undefined || shared === d.taskSpec) return d;
      changed = true;
      return { ...d, taskSpec: shared };
    });
    if (changed) next = next.set(key, { ...service, deployments });
  }
  world.services = next;
}
