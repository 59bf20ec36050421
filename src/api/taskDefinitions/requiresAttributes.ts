/**
 * `requiresAttributes`: the container-instance attributes ECS derives from a task definition at registration.
 * EC2 placement reads them (an instance lacking one fails with `ATTRIBUTE`); DescribeTaskDefinition returns them.
 *
 * One rule table. Each rule is a predicate on the task, on one container or on one volume, the attribute it adds
 * and the source that backs it. The rules were derived from the 149 `described` files of the public corpus
 * (`shared/corpus/task-definitions`, which hold the lists AWS returned), read together with the Docker Engine API
 * version history (the API version that introduced each `HostConfig` member) and the ECS documentation of
 * container-instance attributes (DG/ecs-agent-versions.html, DG/task_definition_parameters.html); the corpus test
 * (test/corpus/corpus.test.ts) checks them against every file. "Present" below means the member was given, even as
 * an empty list: ECS tests for presence (corpus 0093: an empty `ulimits` alone adds API 1.18).
 *
 * ECS evaluates the task's network mode first, then each container in order, then volumes and the remaining task
 * members; the evaluation order only matters for attributes that share a hash bucket (see `attributeOrder.ts`).
 *
 * @module
 */
import type { ContainerDefinitionInput, VolumeInput } from '../../codecs/taskDefinition.js';
import type { RequiredAttribute } from '../../domain/taskDefinition.js';
import { attributeHash, inHashSetOrder } from './attributeOrder.js';
import type { RegistrationContext } from './registrationContext.js';
import type { TaskSize } from './validateSizes.js';

/** A rule: when `when` holds for its subject, the definition requires attribute `name`. */
export interface AttributeRule<S> {
  /** The attribute name, or a function of the subject for names that carry a value (a log or volume driver). */
  readonly name: string | ((subject: S) => string);
  readonly when: (subject: S) => boolean;
  /** What backs the rule: corpus files and documentation. */
  readonly source: string;
}

/** A container, with the task it belongs to. */
export interface ContainerSubject {
  readonly ctx: RegistrationContext;
  readonly container: ContainerDefinitionInput;
}

const CAP = 'com.amazonaws.ecs.capability.';
const ECS_CAP = 'ecs.capability.';
/** `com.amazonaws.ecs.capability.docker-remote-api.1.N`: the instance's Docker daemon speaks API version 1.N. */
export const dockerRemoteApi = (minor: number): string => `${CAP}docker-remote-api.1.${minor}`;

/** A private ECR repository (`<account>.dkr.ecr.<region>.amazonaws.com/…`), which the agent pulls with ECR auth. */
const ECR_IMAGE = /^\d{12}\.dkr\.ecr(-fips)?\.[a-z0-9-]+\.amazonaws\.com(\.cn)?\//;
const isEcrImage = (c: ContainerDefinitionInput): boolean => ECR_IMAGE.test(c.image ?? '');
const logOption = (c: ContainerDefinitionInput, key: string): string | undefined => c.logConfiguration?.options?.[key];
const usesLogDriver = (c: ContainerDefinitionInput, driver: string): boolean => c.logConfiguration?.logDriver === driver;
const secretsFrom = (c: ContainerDefinitionInput, asm: boolean): boolean =>
  (c.secrets ?? []).some((s) => s.valueFrom.includes(':secretsmanager:') === asm);

/** The task, with its parsed size. */
export interface TaskSubject {
  readonly ctx: RegistrationContext;
  readonly size: TaskSize;
}

/** Rules on the task evaluated before its containers. */
export const TASK_RULES_FIRST: readonly AttributeRule<TaskSubject>[] = [
  {
    name: dockerRemoteApi(18),
    when: ({ ctx }) => ctx.networkMode === 'awsvpc',
    source: 'corpus: every awsvpc definition (118 of 118 unedited lists; 0048 has only this and task-eni)',
  },
  {
    name: `${ECS_CAP}task-eni`,
    when: ({ ctx }) => ctx.networkMode === 'awsvpc',
    source: 'corpus: every awsvpc definition; DG/task-networking-awsvpc.html (task ENIs need the task-eni capability)',
  },
];

/** Rules on each container, in ECS's evaluation order. */
export const CONTAINER_RULES: readonly AttributeRule<ContainerSubject>[] = [
  {
    name: `${CAP}ecr-auth`,
    when: ({ container }) => isEcrImage(container),
    source: 'corpus: private ECR images (0360 shows it is added per container, after an earlier container\'s log driver)',
  },
  {
    name: `${ECS_CAP}execution-role-ecr-pull`,
    when: ({ ctx, container }) => isEcrImage(container) && ctx.request.executionRoleArn !== undefined,
    source: 'corpus: ECR image with an executionRoleArn; DG/task_execution_IAM_role.html',
  },
  {
    name: dockerRemoteApi(21),
    when: ({ container }) => (container.image ?? '').includes('@sha256:'),
    source: 'corpus 0060, 0142, 0223, 0345: an image pinned by digest',
  },
  {
    name: dockerRemoteApi(21),
    when: ({ container }) => container.memoryReservation !== undefined,
    source: 'corpus (32 of 32 with memoryReservation); Docker API 1.21 added HostConfig.MemoryReservation',
  },
  {
    // The health check needs the API that introduced what it uses: 1.24 without a start period, else 1.29 alone.
    name: dockerRemoteApi(24),
    when: ({ container }) => container.healthCheck !== undefined && container.healthCheck.startPeriod === undefined,
    source: 'corpus 0202, 0291, 0351 (and not 0133, 0166, 0241, 0363, which set startPeriod); Docker API 1.24 added Healthcheck',
  },
  {
    name: `${ECS_CAP}container-health-check`,
    when: ({ container }) => container.healthCheck !== undefined,
    source: 'corpus (7 of 7 with a healthCheck); DG/healthcheck.html',
  },
  {
    name: dockerRemoteApi(29),
    when: ({ container }) => container.healthCheck?.startPeriod !== undefined,
    source: 'corpus 0133, 0166, 0241, 0363; Docker API 1.29 added Healthcheck.StartPeriod',
  },
  {
    name: dockerRemoteApi(17),
    when: ({ container }) => container.readonlyRootFilesystem === true,
    source: 'corpus 0140, 0241; Docker API 1.17 added HostConfig.ReadonlyRootfs',
  },
  {
    name: dockerRemoteApi(17),
    when: ({ container }) => container.dockerSecurityOptions !== undefined,
    source:
      'corpus 0089, 0223, 0232, 0343, 0361, 0368 (empty lists from the console; 0 of 134 lists without 1.17 have one); ' +
      'Docker API 1.17 added HostConfig.SecurityOpt',
  },
  {
    name: dockerRemoteApi(17),
    when: ({ container }) => container.workingDirectory !== undefined,
    source: 'corpus 0124, 0230 (0 of 134 lists without 1.17 have a workingDirectory)',
  },
  {
    name: dockerRemoteApi(18),
    when: ({ container }) => container.ulimits !== undefined,
    source: 'corpus 0035, 0093, 0234, 0318 (an empty list counts); Docker API 1.18 added HostConfig.Ulimits',
  },
  {
    name: dockerRemoteApi(18),
    when: ({ container }) => container.dockerLabels !== undefined,
    source: 'UNVERIFIED (no corpus list tells it apart): DG/task_definition_parameters.html says dockerLabels needs API 1.18',
  },
  {
    name: ({ container }) => `${CAP}logging-driver.${container.logConfiguration!.logDriver}`,
    when: ({ container }) => container.logConfiguration !== undefined,
    source: 'corpus: every awslogs and awsfirelens container; DG/using_awslogs.html',
  },
  {
    name: dockerRemoteApi(19),
    when: ({ container }) => container.logConfiguration !== undefined,
    source: 'corpus: every log configuration (awslogs and awsfirelens, 0343)',
  },
  {
    name: `${ECS_CAP}execution-role-awslogs`,
    when: ({ ctx, container }) => usesLogDriver(container, 'awslogs') && ctx.request.executionRoleArn !== undefined,
    source: 'corpus: awslogs with an executionRoleArn (0235, 0241: none without one)',
  },
  {
    name: dockerRemoteApi(28),
    when: ({ container }) => logOption(container, 'mode') !== undefined || logOption(container, 'max-buffer-size') !== undefined,
    source: 'corpus 0096, 0140, 0156, 0170, 0315 (console default "mode": "non-blocking"); Docker API 1.28 log modes',
  },
  {
    name: dockerRemoteApi(29),
    when: ({ container }) => logOption(container, 'awslogs-create-group') !== undefined,
    source: 'corpus: 66 of 67 containers with awslogs-create-group',
  },
  {
    name: `${ECS_CAP}env-files.s3`,
    when: ({ container }) => (container.environmentFiles ?? []).length > 0,
    source: 'corpus 0151, 0291; DG/use-environment-file.html',
  },
  {
    name: `${ECS_CAP}secrets.asm.environment-variables`,
    when: ({ container }) => secretsFrom(container, true),
    source: 'corpus: secrets from Secrets Manager ARNs; DG/secrets-envvar-secrets-manager.html',
  },
  {
    name: `${ECS_CAP}secrets.ssm.environment-variables`,
    when: ({ container }) => secretsFrom(container, false),
    source: 'corpus: secrets from SSM parameters (names or ARNs); DG/secrets-envvar-ssm-paramstore.html',
  },
  {
    name: `${ECS_CAP}container-ordering`,
    when: ({ container }) =>
      container.dependsOn !== undefined || container.startTimeout !== undefined || container.stopTimeout !== undefined,
    source: 'corpus 0084, 0108, 0230 (dependsOn, startTimeout, stopTimeout); DG/task_definition_parameters.html',
  },
  {
    name: dockerRemoteApi(22),
    when: ({ container }) => container.linuxParameters?.tmpfs !== undefined,
    source: 'corpus 0343 (an empty tmpfs list); Docker API 1.22 added HostConfig.Tmpfs',
  },
  {
    name: dockerRemoteApi(25),
    when: ({ container }) => container.linuxParameters?.initProcessEnabled === true,
    source: 'corpus 0343; Docker API 1.25 added HostConfig.Init',
  },
  {
    name: `${ECS_CAP}firelens.fluentbit`,
    when: ({ container }) => container.firelensConfiguration?.type === 'fluentbit',
    source: 'corpus 0206, 0343; DG/using_firelens.html',
  },
  {
    name: `${ECS_CAP}firelens.fluentd`,
    when: ({ container }) => container.firelensConfiguration?.type === 'fluentd',
    source: 'UNVERIFIED (not in the corpus): DG/using_firelens.html, the fluentd counterpart of firelens.fluentbit',
  },
  {
    name: ({ container }) => `${ECS_CAP}firelens.options.config.${container.firelensConfiguration!.options!['config-file-type']}`,
    when: ({ container }) => container.firelensConfiguration?.options?.['config-file-type'] !== undefined,
    source: 'corpus 0343 (config-file-type "file"); DG/firelens-taskdef.html',
  },
];

/** Rules on each volume. */
export const VOLUME_RULES: readonly AttributeRule<VolumeInput>[] = [
  {
    name: (v) => `${ECS_CAP}docker-plugin.${v.dockerVolumeConfiguration!.driver ?? 'local'}`,
    when: (v) => v.dockerVolumeConfiguration !== undefined,
    source: 'corpus 0230 (driver "local"); DG/docker-volumes.html',
  },
  {
    name: dockerRemoteApi(25),
    when: (v) => v.dockerVolumeConfiguration !== undefined,
    source: 'corpus 0230; Docker API 1.25 (volume plugins)',
  },
  {
    name: `${ECS_CAP}efs`,
    when: (v) => v.efsVolumeConfiguration !== undefined,
    source: 'UNVERIFIED (not in the corpus): a DescribeTaskDefinition output with an EFS volume (pastebin.com/TU37JBnW)',
  },
  {
    name: `${ECS_CAP}efsAuth`,
    when: (v) => v.efsVolumeConfiguration?.authorizationConfig !== undefined,
    source: 'UNVERIFIED (not in the corpus; when exactly is a guess): efsAuth beside efs in pastebin.com/TU37JBnW',
  },
];

/** Rules on the task evaluated after its containers and volumes. */
export const TASK_RULES_LAST: readonly AttributeRule<TaskSubject>[] = [
  {
    name: `${CAP}task-iam-role`,
    when: ({ ctx }) => ctx.request.taskRoleArn !== undefined,
    source: 'corpus: a taskRoleArn (81 of 82 unedited lists); DG/task-iam-roles.html',
  },
  {
    name: `${ECS_CAP}extensible-ephemeral-storage`,
    when: ({ ctx }) => ctx.request.ephemeralStorage !== undefined,
    source: 'corpus 0208, 0291',
  },
  {
    name: `${ECS_CAP}increased-task-cpu-limit`,
    when: ({ size }) => (size.cpuUnits ?? 0) > 4096,
    source: 'corpus 0343 (task cpu 8192)',
  },
];

// The hashes of the fixed attribute names, computed once: ordering is then a table lookup per attribute.
const FIXED_NAME_HASHES = new Map<string, number>(
  [...TASK_RULES_FIRST, ...CONTAINER_RULES, ...VOLUME_RULES, ...TASK_RULES_LAST]
    .flatMap((rule) => (typeof rule.name === 'string' ? [rule.name] : []))
    .map((name) => [name, attributeHash({ name })]),
);
const hashOf = (a: RequiredAttribute): number =>
  (a.value === undefined ? FIXED_NAME_HASHES.get(a.name) : undefined) ?? attributeHash(a);

function apply<S>(rules: readonly AttributeRule<S>[], subject: S, out: RequiredAttribute[]): void {
  for (const rule of rules) {
    if (rule.when(subject)) out.push({ name: typeof rule.name === 'string' ? rule.name : rule.name(subject) });
  }
}

/** The `requiresAttributes` ECS derives for a validated definition, in the order ECS returns them. */
export function computeRequiresAttributes(ctx: RegistrationContext, size: TaskSize): RequiredAttribute[] {
  const inserted: RequiredAttribute[] = [];
  apply(TASK_RULES_FIRST, { ctx, size }, inserted);
  for (const container of ctx.containers) apply(CONTAINER_RULES, { ctx, container }, inserted);
  for (const volume of ctx.request.volumes ?? []) apply(VOLUME_RULES, volume, inserted);
  apply(TASK_RULES_LAST, { ctx, size }, inserted);
  return inHashSetOrder(inserted, hashOf);
}
