/**
 * `importWorld`: read clusters, their EC2 container instances, services and standalone tasks, and the task
 * definitions they use from any {@link EcsBackend} (AWS, `ecs-twin serve`) and rebuild them in a new twin, so that
 * the twin's Describe* answers equal the source's for the imported resources — except for what the twin derives
 * from its own seed (task, deployment, container instance and ENI ids, IP addresses, timestamps), which
 * {@link ImportResult.taskArns} and {@link ImportResult.containerInstanceArns} map.
 *
 * The rebuild goes through the ECS API of the new twin (RegisterTaskDefinition, CreateCluster,
 * RegisterContainerInstance, CreateService, RunTask): the imported World is exactly what a user would get by
 * issuing those calls, journal included.
 *
 * @module
 */
import type * as Ecs from '@aws-sdk/client-ecs';
import * as E from 'fp-ts/lib/Either.js';
import type { World } from '../../domain/world.js';
import { TwinHost } from '../twinHost.js';
import type { BackendError, BackendResult, EcsBackend } from './ecsBackend.js';
import { clientTokenFor } from './applyOperations.js';
import { readContainerInstances, rebuildContainerInstances } from './importContainerInstances.js';
import { chunk, collectPages } from './paginate.js';
import { twinBackend } from './twinBackend.js';
import { registerInputOf, clusterInputOf, serviceInputOf, runTaskInputOf, familyRevision } from './importInputs.js';

/** Options of {@link importWorld}. */
export interface ImportOptions {
  /** Names or ARNs of the clusters to import. */
  readonly clusters: readonly string[];
  /**
   * The new twin's World config (default `{}`). Its region, account and subnets should be the source's: services
   * and tasks are created with the source's subnets, which must exist in the twin's network.
   */
  readonly config?: unknown;
  /**
   * Virtual time to advance the twin after the rebuild, so new tasks reach RUNNING and services their steady state
   * as at the source (default 5 minutes).
   */
  readonly settleMs?: number;
}

/** What {@link importWorld} built. */
export interface ImportResult {
  /** The twin holding the imported World (manual clock). */
  readonly host: TwinHost;
  /** The imported World (`host.world` at the end of the import). */
  readonly world: World;
  /** Source ARN → twin ARN of every standalone task re-run in the twin (task ids derive from the twin's seed). */
  readonly taskArns: Readonly<Record<string, string>>;
  /** Source ARN → twin ARN of every container instance registered in the twin (ids derive from the twin's seed). */
  readonly containerInstanceArns: Readonly<Record<string, string>>;
  /** What could not be reproduced exactly, one sentence each. */
  readonly notes: readonly string[];
}

/** How often a throttled call to the new twin is retried, one virtual second apart. */
const TARGET_THROTTLE_RETRIES = 120;

/**
 * Imports `options.clusters` from `source` into a new twin. Fails with the first source error (a missing
 * cluster is `ClusterNotFoundException`) or the first call the twin rejects, naming the resource.
 *
 * @example
 * ```ts
 * const imported = await importWorld(awsBackend(new ECSClient({ region: 'us-east-1' })), { clusters: ['prod'], config });
 * if (E.isRight(imported)) console.log(imported.right.notes);
 * ```
 */
export async function importWorld(source: EcsBackend, options: ImportOptions): Promise<BackendResult<ImportResult>> {
  const created = TwinHost.create(options.config ?? {}, { kind: 'manual' });
  if (E.isLeft(created)) return created;
  const host = created.right;
  const target = twinBackend(host);
  const notes: string[] = [];
  // The twin's API rate limits apply to the import too; its clock is ours, so a throttled call waits a virtual second.
  const onTarget = async <O>(what: string, call: () => Promise<BackendResult<O>>): Promise<BackendResult<O>> => {
    for (let attempt = 0; ; attempt++) {
      const answer = await call();
      if (E.isRight(answer) || answer.left.name !== 'ThrottlingException' || attempt >= TARGET_THROTTLE_RETRIES) {
        return E.mapLeft((e: BackendError) => ({ name: e.name, message: `${what}: ${e.message}` }))(answer);
      }
      host.advance(1_000);
    }
  };

  const read = await readSource(source, options.clusters);
  if (E.isLeft(read)) return read;
  const { clusters, services, tasks } = read.right;

  const definitions = await importTaskDefinitions(source, [...services.map((s) => s.taskDefinition), ...tasks.map((t) => t.taskDefinitionArn)], notes);
  if (E.isLeft(definitions)) return definitions;
  // Source `family:revision` → the twin's: equal unless the source has lost revisions.
  const definitionNames: Record<string, string> = {};
  for (const td of definitions.right) {
    const registered = await onTarget(`RegisterTaskDefinition ${familyRevision(td.taskDefinitionArn)}`, () => target.RegisterTaskDefinition(registerInputOf(td)));
    if (E.isLeft(registered)) return registered;
    const twinName = familyRevision(registered.right.taskDefinition?.taskDefinitionArn);
    definitionNames[familyRevision(td.taskDefinitionArn)] = twinName;
    if (twinName !== familyRevision(td.taskDefinitionArn)) notes.push(`Task definition ${familyRevision(td.taskDefinitionArn)} is ${twinName} in the twin.`);
    if (td.status === 'INACTIVE') {
      const deregistered = await onTarget(`DeregisterTaskDefinition ${familyRevision(td.taskDefinitionArn)}`, () => target.DeregisterTaskDefinition({ taskDefinition: twinName }));
      if (E.isLeft(deregistered)) return deregistered;
    }
  }

  const containerInstanceArns: Record<string, string> = {};
  for (const cluster of clusters) {
    const made = await onTarget(`CreateCluster ${String(cluster.clusterName)}`, () => target.CreateCluster(clusterInputOf(cluster)));
    if (E.isLeft(made)) return made;
    if ((cluster.registeredContainerInstancesCount ?? 0) > 0) {
      const instances = await readContainerInstances(source, cluster.clusterArn);
      if (E.isLeft(instances)) return instances;
      const rebuilt = await rebuildContainerInstances(target, onTarget, String(cluster.clusterName), instances.right, notes);
      if (E.isLeft(rebuilt)) return rebuilt;
      Object.assign(containerInstanceArns, rebuilt.right);
    }
  }
  for (const service of services) {
    const made = await onTarget(`CreateService ${String(service.serviceName)}`, () => target.CreateService(serviceInputOf(service, definitionNames, notes)));
    if (E.isLeft(made)) return made;
  }
  const taskArns: Record<string, string> = {};
  for (const [index, task] of tasks.entries()) {
    const input = runTaskInputOf(task, definitionNames, notes);
    // The SDK fills a missing RunTask token with a random UUID (an idempotencyToken in the ECS model), which would
    // make the journal, and so the imported World's snapshot, differ from one import to the next.
    const withToken = { ...input, clientToken: clientTokenFor(index, { operation: 'RunTask', input: { ...input, source: task.taskArn } }) };
    const ran = await onTarget(`RunTask ${String(task.taskArn)}`, () => target.RunTask(withToken));
    if (E.isLeft(ran)) return ran;
    const failure = ran.right.failures?.[0];
    const arn = ran.right.tasks?.[0]?.taskArn;
    if (failure !== undefined || arn === undefined) {
      return E.left({ name: 'ClientException', message: `RunTask ${String(task.taskArn)}: ${String(failure?.reason ?? 'no task started')}` });
    }
    if (task.taskArn !== undefined) taskArns[task.taskArn] = arn;
  }
  if (tasks.length > 0 || services.length > 0) {
    notes.push('Task, deployment and ENI ids, IP addresses and timestamps are the twin\'s own (derived from its seed and clock); taskArns maps the standalone tasks.');
  }
  const settled = host.advance(options.settleMs ?? 300_000);
  if (E.isLeft(settled)) return settled;
  return E.right({ host, world: host.world, taskArns, containerInstanceArns, notes });
}

interface SourceResources {
  readonly clusters: readonly Ecs.Cluster[];
  readonly services: readonly Ecs.Service[];
  /** Standalone tasks that should be running (not started by a service). */
  readonly tasks: readonly Ecs.Task[];
}

async function readSource(source: EcsBackend, names: readonly string[]): Promise<BackendResult<SourceResources>> {
  const clusters: Ecs.Cluster[] = [];
  const services: Ecs.Service[] = [];
  const tasks: Ecs.Task[] = [];
  for (const names10 of chunk(names, 100)) {
    const described = await source.DescribeClusters({ clusters: names10, include: ['SETTINGS', 'CONFIGURATIONS', 'TAGS'] });
    if (E.isLeft(described)) return described;
    const failure = described.right.failures?.[0];
    if (failure !== undefined) return E.left({ name: 'ClusterNotFoundException', message: `Cluster ${String(failure.arn)}: ${String(failure.reason)}` });
    clusters.push(...(described.right.clusters ?? []).filter((c) => c.status === 'ACTIVE'));
  }
  for (const cluster of clusters) {
    const arns = await collectPages(source.ListServices, { cluster: cluster.clusterArn }, (p) => p.serviceArns);
    if (E.isLeft(arns)) return arns;
    for (const batch of chunk(arns.right, 10)) {
      const described = await source.DescribeServices({ cluster: cluster.clusterArn, services: batch, include: ['TAGS'] });
      if (E.isLeft(described)) return described;
      services.push(...(described.right.services ?? []).filter((s) => s.status === 'ACTIVE'));
    }
    const taskArns = await collectPages(source.ListTasks, { cluster: cluster.clusterArn, desiredStatus: 'RUNNING' }, (p) => p.taskArns);
    if (E.isLeft(taskArns)) return taskArns;
    for (const batch of chunk(taskArns.right, 100)) {
      const described = await source.DescribeTasks({ cluster: cluster.clusterArn, tasks: batch, include: ['TAGS'] });
      if (E.isLeft(described)) return described;
      // Service tasks are the service's to start: the twin's scheduler starts them from desiredCount.
      tasks.push(...(described.right.tasks ?? []).filter((t) => t.desiredStatus === 'RUNNING' && !(t.group ?? '').startsWith('service:')));
    }
  }
  return E.right({ clusters, services, tasks });
}

/**
 * The task definitions to register, in registration order: every revision (ACTIVE and INACTIVE) of each family
 * that an imported service or task uses, so revision numbers come out as at the source.
 */
async function importTaskDefinitions(source: EcsBackend, used: readonly (string | undefined)[], notes: string[]): Promise<BackendResult<readonly Ecs.TaskDefinition[]>> {
  const families = [...new Set(used.flatMap((arn) => (arn === undefined ? [] : [familyRevision(arn).split(':')[0] ?? ''])))].sort();
  const out: Ecs.TaskDefinition[] = [];
  for (const family of families) {
    const arns: string[] = [];
    for (const status of ['ACTIVE', 'INACTIVE'] as const) {
      const listed = await collectPages(source.ListTaskDefinitions, { familyPrefix: family, status }, (p) => p.taskDefinitionArns);
      if (E.isLeft(listed)) return listed;
      arns.push(...listed.right.filter((arn) => familyRevision(arn).split(':')[0] === family));
    }
    const byRevision = arns.map((arn) => ({ arn, revision: Number(familyRevision(arn).split(':')[1]) })).sort((a, b) => a.revision - b.revision);
    let expected = 1;
    for (const { arn, revision } of byRevision) {
      if (revision !== expected) notes.push(`Task definition family ${family}: revisions ${expected}..${revision - 1} no longer exist at the source; the twin numbers from ${expected}.`);
      const described = await source.DescribeTaskDefinition({ taskDefinition: arn, include: ['TAGS'] });
      if (E.isLeft(described)) return described;
      if (described.right.taskDefinition !== undefined) out.push({ ...described.right.taskDefinition, ...(described.right.tags === undefined ? {} : { tags: described.right.tags }) } as Ecs.TaskDefinition);
      expected = revision + 1;
    }
  }
  return E.right(out);
}
