/**
 * fast-check arbitraries for RegisterTaskDefinition requests that ECS accepts: Fargate (Linux and Windows) and
 * EC2 (bridge, host, awsvpc). Every generated request passes the twin's validation, so they serve property tests
 * of anything downstream of task definitions (RunTask, services, placement) as well as of registration itself.
 *
 * The requests are plain JSON in the API shape (`cpu`/`memory` as strings, sometimes in the `"0.5 vCPU"` /
 * `"1 GB"` text forms), without `null`s or `undefined` members.
 *
 * @module
 */
import fc from 'fast-check';
import { LINUX_FARGATE_SIZES, WINDOWS_FARGATE_SIZES, type FargateSize } from '../../fargate/taskSizes.js';

/** A RegisterTaskDefinition request body (JSON). */
export type TaskDefinitionRequest = Record<string, unknown>;

type Json = Record<string, unknown>;

const chars = (ranges: string): string[] => {
  const out: string[] = [];
  for (const part of ranges.match(/.-.|./gu) ?? []) {
    if (part.length === 3) {
      for (let c = part.charCodeAt(0); c <= part.charCodeAt(2); c++) out.push(String.fromCharCode(c));
    } else out.push(part);
  }
  return out;
};
// Character-set strings built from a unit arbitrary: much cheaper to generate than `fc.stringMatching`.
const stringOf = (alphabet: string, minLength: number, maxLength: number): fc.Arbitrary<string> =>
  fc.string({ unit: fc.constantFrom(...chars(alphabet)), minLength, maxLength });

/** Names of families and containers: 1–`maxLength` letters, digits, `_` and `-`. */
export const nameArb = (maxLength = 32): fc.Arbitrary<string> => stringOf('A-Za-z0-9_-', 1, maxLength);

const imageArb = fc.constantFrom(
  'nginx:latest',
  'public.ecr.aws/docker/library/redis:7',
  '123456789012.dkr.ecr.us-east-1.amazonaws.com/app:1.2.3',
  'busybox',
  'ghcr.io/example/worker@sha256:' + 'a'.repeat(64),
);

const tagsArb = fc
  .uniqueArray(stringOf('A-Za-z0-9_.:/=+@-', 1, 20), { maxLength: 5 })
  .chain((keys) =>
    fc
      .tuple(...keys.map(() => stringOf('A-Za-z0-9 _.:/=+@-', 0, 20)))
      .map((values) => keys.filter((k) => !k.toLowerCase().startsWith('aws:')).map((key, i) => ({ key, value: values[i]! }))),
  );

const healthCheckArb: fc.Arbitrary<Json> = fc
  .record(
    {
      command: fc.constantFrom(['CMD-SHELL', 'curl -f http://localhost/ || exit 1'], ['CMD', '/bin/true']),
      interval: fc.integer({ min: 5, max: 300 }),
      timeout: fc.integer({ min: 2, max: 60 }),
      retries: fc.integer({ min: 1, max: 10 }),
      startPeriod: fc.integer({ min: 0, max: 300 }),
    },
    { requiredKeys: ['command'] },
  )
  .map((hc) => ({ ...hc }));

const environmentArb = fc.array(
  fc.record({ name: stringOf('A-Z_', 1, 12), value: fc.string({ maxLength: 20 }) }),
  { maxLength: 3 },
);

/** `cpu` in one of ECS's accepted text forms: `"256"`, `"0.25 vCPU"`, `"0.25 vcpu"`. */
const cpuTextArb = (units: number): fc.Arbitrary<string> =>
  fc.constantFrom(String(units), `${units / 1024} vCPU`, `${units / 1024} vcpu`);

/** `memory` in one of ECS's accepted text forms: `"1024"`, `"1GB"`, `"1 GB"`. */
const memoryTextArb = (mib: number): fc.Arbitrary<string> =>
  fc.constantFrom(String(mib), `${mib / 1024}GB`, `${mib / 1024} GB`);

interface ContainerPlan {
  readonly name: string;
  readonly essential: boolean;
}

type NetworkMode = 'awsvpc' | 'bridge' | 'host';

/**
 * Containers for a task: unique names, the first one essential, `cpu` shares that fit `taskCpu`, memory limits
 * that fit `taskMemory` (or, without task memory, a memory limit or reservation on every container), unique
 * ports valid for `networkMode`, acyclic dependencies (only on earlier containers; COMPLETE/SUCCESS only on
 * non-essential ones).
 */
function containersArb(opts: {
  readonly networkMode: NetworkMode;
  readonly taskCpu?: number;
  readonly taskMemory?: number;
  readonly windows: boolean;
  readonly maxContainers: number;
}): fc.Arbitrary<Json[]> {
  return fc
    .uniqueArray(nameArb(24), { minLength: 1, maxLength: opts.maxContainers })
    .chain((names) => {
      const n = names.length;
      // Two candidate ports per container, unique across the task, so no host port is bound twice.
      const portsArb = fc.uniqueArray(fc.integer({ min: 1, max: 65535 }), { minLength: 2 * n, maxLength: 2 * n });
      const essentialsArb = fc.array(fc.boolean(), { minLength: n, maxLength: n });
      return fc.tuple(essentialsArb, portsArb).chain(([essentials, ports]) => {
        const plans: ContainerPlan[] = names.map((name, i) => ({ name, essential: i === 0 || essentials[i]! }));
        return fc.tuple(...plans.map((p, i) => containerArb(p, i, plans, ports.slice(2 * i, 2 * i + 2), opts)));
      });
    });
}

function containerArb(
  plan: ContainerPlan,
  index: number,
  plans: readonly ContainerPlan[],
  ports: readonly number[],
  opts: Parameters<typeof containersArb>[0],
): fc.Arbitrary<Json> {
  const n = plans.length;
  const cpuShare = opts.taskCpu === undefined ? 1024 : Math.floor(opts.taskCpu / n);
  const memoryCap = opts.taskMemory ?? 4096;
  const needsMemory = opts.taskMemory === undefined;
  const earlier = plans.slice(0, index);
  const dependsOnArb: fc.Arbitrary<Json[]> =
    earlier.length === 0
      ? fc.constant([])
      : fc.uniqueArray(fc.constantFrom(...earlier), { maxLength: 2, selector: (p) => p.name }).chain((targets) =>
          fc.tuple(
            ...targets.map((t) =>
              fc
                .constantFrom(...(t.essential ? ['START', 'HEALTHY'] : ['START', 'HEALTHY', 'COMPLETE', 'SUCCESS']))
                .map((condition) => ({ containerName: t.name, condition })),
            ),
          ),
        );
  const portMappingsArb: fc.Arbitrary<Json[]> = fc.subarray([...ports], { maxLength: 2 }).chain((ps) =>
    fc.tuple(
      ...ps.map((containerPort) =>
        fc
          .record(
            {
              protocol: fc.constantFrom('tcp', 'udp'),
              hostPort:
                opts.networkMode === 'bridge' ? fc.constantFrom(0, containerPort) : fc.constant(containerPort),
              name: fc.constant(`${plan.name.toLowerCase().replace(/^-+/, 'p')}-${containerPort}`),
              appProtocol: fc.constantFrom('http', 'http2', 'grpc'),
            },
            { requiredKeys: [] },
          )
          .map((pm) => ({ containerPort, ...pm })),
      ),
    ),
  );
  const memoryArb = fc
    .tuple(fc.option(fc.integer({ min: 6, max: memoryCap }), { nil: undefined }), fc.boolean())
    .map(([memory, withReservation]) => {
      if (memory === undefined) return needsMemory ? { memoryReservation: Math.min(memoryCap, 128) } : {};
      return withReservation ? { memory, memoryReservation: Math.max(6, Math.floor(memory / 2)) } : { memory };
    });
  return fc
    .record(
      {
        image: imageArb,
        cpu: fc.integer({ min: 0, max: cpuShare }),
        resources: memoryArb,
        portMappings: portMappingsArb,
        healthCheck: healthCheckArb,
        dependsOn: dependsOnArb,
        environment: environmentArb,
        stopTimeout: fc.integer({ min: 2, max: 120 }),
        startTimeout: fc.integer({ min: 2, max: 120 }),
        logs: fc.constant(true),
        readonlyRootFilesystem: fc.boolean(),
        command: fc.array(fc.string({ maxLength: 10 }), { maxLength: 3 }),
        ulimits: fc.constant([{ name: 'nofile', softLimit: 65535, hardLimit: 65535 }]),
      },
      { requiredKeys: ['image', 'resources'] },
    )
    .map(({ resources, logs, ulimits, dependsOn, ...rest }) => {
      const c: Json = { name: plan.name, ...rest, ...resources, essential: plan.essential };
      if (dependsOn !== undefined && dependsOn.length > 0) c.dependsOn = dependsOn;
      if (logs) {
        c.logConfiguration = {
          logDriver: 'awslogs',
          options: { 'awslogs-group': `/ecs/${plan.name}`, 'awslogs-region': 'us-east-1', 'awslogs-stream-prefix': 'ecs' },
        };
      }
      if (ulimits && !opts.windows) c.ulimits = ulimits;
      return c;
    });
}

const sizeWithTextArb = (sizes: readonly FargateSize[]): fc.Arbitrary<{ size: FargateSize; cpu: string; memory: string }> =>
  fc
    .constantFrom(...sizes)
    .chain((size) => fc.record({ size: fc.constant(size), cpu: cpuTextArb(size.cpuUnits), memory: memoryTextArb(size.memoryMiB) }));

/**
 * Valid Fargate RegisterTaskDefinition requests: a size from the table (in any accepted text form), `awsvpc`,
 * `requiresCompatibilities` with `FARGATE` (sometimes also `EC2`), 1–`maxContainers` containers, optional
 * ephemeral storage, runtime platform (Linux x86/ARM, or Windows Server 2019/2022 with a Windows size) and tags.
 *
 * @example
 * ```ts
 * fc.assert(fc.property(fargateTaskDefinitionArb(), (req) => E.isRight(execute(world, 'RegisterTaskDefinition', req))));
 * ```
 */
export function fargateTaskDefinitionArb(opts: { readonly maxContainers?: number } = {}): fc.Arbitrary<TaskDefinitionRequest> {
  const maxContainers = opts.maxContainers ?? 4;
  const platformArb = fc.oneof(
    { weight: 4, arbitrary: fc.constant({ windows: false, runtimePlatform: undefined as Json | undefined }) },
    {
      weight: 3,
      arbitrary: fc
        .constantFrom('X86_64', 'ARM64')
        .map((cpuArchitecture) => ({ windows: false, runtimePlatform: { cpuArchitecture, operatingSystemFamily: 'LINUX' } as Json | undefined })),
    },
    {
      weight: 1,
      arbitrary: fc
        .constantFrom('WINDOWS_SERVER_2019_FULL', 'WINDOWS_SERVER_2019_CORE', 'WINDOWS_SERVER_2022_FULL', 'WINDOWS_SERVER_2022_CORE')
        .map((operatingSystemFamily) => ({
          windows: true,
          runtimePlatform: { cpuArchitecture: 'X86_64', operatingSystemFamily } as Json | undefined,
        })),
    },
  );
  return platformArb.chain(({ windows, runtimePlatform }) =>
    sizeWithTextArb(windows ? WINDOWS_FARGATE_SIZES : LINUX_FARGATE_SIZES).chain(({ size, cpu, memory }) =>
      fc
        .record(
          {
            family: nameArb(),
            containerDefinitions: containersArb({
              networkMode: 'awsvpc',
              taskCpu: size.cpuUnits,
              taskMemory: size.memoryMiB,
              windows,
              maxContainers,
            }),
            requiresCompatibilities: fc.constantFrom(['FARGATE'], ['FARGATE', 'EC2'], ['EC2', 'FARGATE']),
            ephemeralStorage: fc.integer({ min: 21, max: 200 }).map((sizeInGiB) => ({ sizeInGiB })),
            taskRoleArn: fc.constant('arn:aws:iam::123456789012:role/app'),
            tags: tagsArb,
          },
          { requiredKeys: ['family', 'containerDefinitions', 'requiresCompatibilities'] },
        )
        .map((r) => ({
          ...r,
          networkMode: 'awsvpc',
          cpu,
          memory,
          executionRoleArn: 'arn:aws:iam::123456789012:role/ecsTaskExecutionRole',
          ...(runtimePlatform ? { runtimePlatform } : {}),
        })),
    ),
  );
}

/**
 * Valid EC2 RegisterTaskDefinition requests: `bridge` (dynamic or fixed host ports), `host` or `awsvpc`;
 * `requiresCompatibilities` `['EC2']` or absent; task `cpu`/`memory` optional (every container then has a memory
 * limit or reservation).
 */
export function ec2TaskDefinitionArb(opts: { readonly maxContainers?: number } = {}): fc.Arbitrary<TaskDefinitionRequest> {
  const maxContainers = opts.maxContainers ?? 4;
  return fc
    .record({
      networkMode: fc.constantFrom<NetworkMode | undefined>('bridge', 'host', 'awsvpc', undefined),
      taskCpu: fc.option(fc.integer({ min: 128, max: 8192 }), { nil: undefined }),
      taskMemory: fc.option(fc.integer({ min: 128, max: 16384 }), { nil: undefined }),
    })
    .chain(({ networkMode, taskCpu, taskMemory }) =>
      fc
        .record(
          {
            family: nameArb(),
            containerDefinitions: containersArb({
              networkMode: networkMode ?? 'bridge',
              ...(taskCpu !== undefined ? { taskCpu } : {}),
              ...(taskMemory !== undefined ? { taskMemory } : {}),
              windows: false,
              maxContainers,
            }),
            requiresCompatibilities: fc.constant(['EC2']),
            tags: tagsArb,
          },
          { requiredKeys: ['family', 'containerDefinitions'] },
        )
        .map((r) => ({
          ...r,
          ...(networkMode !== undefined ? { networkMode } : {}),
          ...(taskCpu !== undefined ? { cpu: String(taskCpu) } : {}),
          ...(taskMemory !== undefined ? { memory: String(taskMemory) } : {}),
        })),
    );
}

/** Any valid RegisterTaskDefinition request (Fargate or EC2). */
export const taskDefinitionRequestArb = (opts: { readonly maxContainers?: number } = {}): fc.Arbitrary<TaskDefinitionRequest> =>
  fc.oneof(fargateTaskDefinitionArb(opts), ec2TaskDefinitionArb(opts));
