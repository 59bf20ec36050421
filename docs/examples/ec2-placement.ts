/**
 * EC2 placement, explained: a mixed fleet, a service that packs by memory within two zones, a daemon on every
 * instance, a drain — and, for the task that does not fit, why (the closest instance and what it lacks).
 *
 *   npx tsx docs/examples/ec2-placement.ts
 *
 * Deterministic: run it twice, diff the output. In your code, import from 'ecs-twin'.
 */
import * as E from 'fp-ts/lib/Either.js';
import { advance, createWorld, execute, explainPlacement, type World } from '../../src/index.js';

let world: World = createWorld({
  seed: 42,
  containerInstances: [
    { cluster: 'prod', instanceType: 'm5.xlarge', count: 4, availabilityZones: ['us-east-1a', 'us-east-1b'], attributes: { tier: 'web' } },
    { cluster: 'prod', instanceType: 'r5.large', count: 2, availabilityZones: ['us-east-1c'], attributes: { tier: 'batch' } },
  ],
});

function call<O>(operation: string, input: unknown): O {
  const r = execute(world, operation, input);
  if (E.isLeft(r)) throw new Error(`${operation} failed: ${r.left.name}: ${r.left.message}`);
  world = r.right.world;
  return r.right.output as O;
}
const wait = (minutes: number): void => {
  world = advance(world, minutes * 60_000).world;
};
const shortArn = (arn: string): string => arn.slice(arn.lastIndexOf('/') + 1, arn.lastIndexOf('/') + 9);

interface Instance {
  containerInstanceArn: string;
  ec2InstanceId: string;
  status: string;
  runningTasksCount: number;
  attributes: Array<{ name: string; value?: string }>;
  remainingResources: Array<{ name: string; integerValue?: number }>;
}
function printFleet(title: string): void {
  const arns = call<{ containerInstanceArns: string[] }>('ListContainerInstances', { cluster: 'prod' }).containerInstanceArns;
  const { containerInstances } = call<{ containerInstances: Instance[] }>('DescribeContainerInstances', { cluster: 'prod', containerInstances: arns });
  console.log(`\n${title}`);
  for (const ci of containerInstances) {
    const attr = (n: string) => ci.attributes.find((a) => a.name === n)?.value ?? '';
    const left = (n: string) => ci.remainingResources.find((r) => r.name === n)?.integerValue ?? 0;
    console.log(
      `  ${shortArn(ci.containerInstanceArn)} ${attr('ecs.instance-type').padEnd(9)} ${attr('ecs.availability-zone')} ${ci.status.padEnd(8)} ` +
        `tasks ${String(ci.runningTasksCount).padStart(2)}  CPU left ${String(left('CPU')).padStart(4)}  MiB left ${String(left('MEMORY')).padStart(5)}`,
    );
  }
}

call('RegisterTaskDefinition', {
  family: 'web',
  requiresCompatibilities: ['EC2'],
  containerDefinitions: [{ name: 'app', image: 'nginx', cpu: 512, memory: 2048, memoryReservation: 1536, portMappings: [{ containerPort: 80, hostPort: 0 }] }],
});
call('RegisterTaskDefinition', {
  family: 'agent',
  requiresCompatibilities: ['EC2'],
  containerDefinitions: [{ name: 'agent', image: 'public.ecr.aws/datadog/agent', cpu: 128, memory: 256, portMappings: [{ containerPort: 8125, hostPort: 8125, protocol: 'udp' }] }],
});

// A daemon on every instance, and a web service packed by memory onto the web tier.
call('CreateService', { cluster: 'prod', serviceName: 'agent', taskDefinition: 'agent', launchType: 'EC2', schedulingStrategy: 'DAEMON' });
call('CreateService', {
  cluster: 'prod',
  serviceName: 'web',
  taskDefinition: 'web',
  desiredCount: 10,
  launchType: 'EC2',
  placementConstraints: [{ type: 'memberOf', expression: 'attribute:tier == web' }],
  placementStrategy: [{ type: 'spread', field: 'attribute:ecs.availability-zone' }, { type: 'binpack', field: 'memory' }],
});
wait(5);
printFleet('After 5 minutes: the daemon on all 6 instances, 10 web tasks packed onto the web tier (5 per zone)');

// Would 24 more web tasks fit? Ask before scaling.
const question = { cluster: 'prod', taskDefinition: 'web', count: 24, group: 'service:web', placementConstraints: [{ type: 'memberOf', expression: 'attribute:tier == web' }] };
const answer = explainPlacement(world, question);
if (E.isLeft(answer)) throw new Error(answer.left.message);
console.log(`\nexplainPlacement(24 more web tasks): ${answer.right.placed.length} would place, ${answer.right.unplaced} would not (${answer.right.reason ?? '-'})`);
console.log(`  ${answer.right.explanation?.text ?? ''}`);

// Drain one web instance: its web tasks move within the deployment configuration; the daemon leaves it.
const arns = call<{ containerInstanceArns: string[] }>('ListContainerInstances', { cluster: 'prod', filter: 'attribute:tier == web' }).containerInstanceArns;
call('UpdateContainerInstancesState', { cluster: 'prod', containerInstances: [arns[0]], status: 'DRAINING' });
wait(5);
printFleet(`After draining ${shortArn(arns[0]!)} for 5 minutes`);

interface Service { desiredCount: number; runningCount: number; events: Array<{ message: string }> }
const { services } = call<{ services: Service[] }>('DescribeServices', { cluster: 'prod', services: ['web', 'agent'] });
console.log(`\nweb: ${services[0]!.runningCount}/${services[0]!.desiredCount} running; agent (DAEMON): ${services[1]!.runningCount}/${services[1]!.desiredCount}`);
console.log('web events, newest first:');
for (const e of services[0]!.events.slice(0, 5)) console.log(`  ${e.message.replace(/\(task [0-9a-f]{32}\)/g, '(task …)')}`);
