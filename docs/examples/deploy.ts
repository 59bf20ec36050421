/**
 * A small deploy function, the kind a team keeps in its release scripts: it registers a new revision of a
 * service's task definition with a new image and rolls the service onto it, then waits until it is stable. It
 * knows nothing about ecs-twin — it takes an `ECSClient` — so the same code runs against AWS and, in unit tests,
 * against the twin's in-process client (docs/guides/in-process-client.md, test/examples/deploy.test.ts).
 */
import {
  DescribeServicesCommand,
  DescribeTaskDefinitionCommand,
  RegisterTaskDefinitionCommand,
  UpdateServiceCommand,
  waitUntilServicesStable,
  type ECSClient,
  type RegisterTaskDefinitionCommandInput,
} from '@aws-sdk/client-ecs';

/** What to deploy. */
export interface DeployRequest {
  readonly cluster: string;
  readonly service: string;
  /** The container whose image changes. */
  readonly container: string;
  readonly image: string;
  /** How long to wait for the service to be stable, in seconds. */
  readonly maxWaitSeconds?: number;
  /** The waiter's polling delay in seconds (ECS's own default is 15). */
  readonly pollSeconds?: number;
}

/** Rolls `service` onto a new revision with `image`; returns the new task definition ARN. */
export async function deploy(ecs: ECSClient, req: DeployRequest): Promise<string> {
  const described = await ecs.send(new DescribeServicesCommand({ cluster: req.cluster, services: [req.service] }));
  const current = described.services?.[0]?.taskDefinition;
  if (current === undefined) throw new Error(`service ${req.service} not found in cluster ${req.cluster}`);
  const { taskDefinition: td } = await ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: current }));
  if (td === undefined) throw new Error(`task definition ${current} not found`);
  if (!td.containerDefinitions?.some((c) => c.name === req.container)) throw new Error(`no container ${req.container} in ${current}`);
  const next: RegisterTaskDefinitionCommandInput = {
    family: td.family,
    containerDefinitions: td.containerDefinitions.map((c) => (c.name === req.container ? { ...c, image: req.image } : c)),
    ...(td.networkMode !== undefined ? { networkMode: td.networkMode } : {}),
    ...(td.requiresCompatibilities !== undefined ? { requiresCompatibilities: td.requiresCompatibilities } : {}),
    ...(td.cpu !== undefined ? { cpu: td.cpu } : {}),
    ...(td.memory !== undefined ? { memory: td.memory } : {}),
  };
  const registered = await ecs.send(new RegisterTaskDefinitionCommand(next));
  const arn = registered.taskDefinition?.taskDefinitionArn;
  if (arn === undefined) throw new Error('RegisterTaskDefinition returned no ARN');
  await ecs.send(new UpdateServiceCommand({ cluster: req.cluster, service: req.service, taskDefinition: arn }));
  const poll = req.pollSeconds ?? 15;
  const result = await waitUntilServicesStable(
    { client: ecs, maxWaitTime: req.maxWaitSeconds ?? 600, minDelay: poll, maxDelay: poll },
    { cluster: req.cluster, services: [req.service] },
  );
  if (result.state !== 'SUCCESS') throw new Error(`service ${req.service} did not become stable: ${result.state}`);
  return arn;
}
