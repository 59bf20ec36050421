/**
 * A rolling deployment, then a bad one caught by the circuit breaker — the timeline ECS would show.
 *
 *   npx tsx docs/examples/rolling-deployment.ts
 *
 * A 3-task web service behind a load balancer (minimumHealthyPercent 100, maximumPercent 200) moves to a new
 * revision; then a revision whose image cannot be pulled is rolled back by the circuit breaker. It prints the
 * service's events and deployments as DescribeServices returns them, on the virtual clock. Deterministic: run it
 * twice, diff the output. In your code, import from 'ecs-twin'.
 */
import * as E from 'fp-ts/lib/Either.js';
import { advance, createWorld, execute, type World } from '../../src/index.js';

const startMs = 1_704_067_200_000;
const clock = (epochSeconds: number): string => `t+${Math.round(epochSeconds - startMs / 1000).toString().padStart(5)}s`;
const TG = 'arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/web/0123456789abcdef';

interface WireService {
  runningCount: number;
  pendingCount: number;
  events: Array<{ createdAt: number; message: string }>;
  deployments: Array<{ id: string; status: string; taskDefinition: string; desiredCount: number; runningCount: number; pendingCount: number; failedTasks: number; rolloutState: string }>;
}

let world: World = createWorld({
  seed: 7,
  quotas: { onDemandVcpu: 100 },
  // A target group that turns a target healthy after 2 checks 10 s apart and drains for 30 s.
  targetGroups: [{ targetGroupArn: TG, healthCheckIntervalSeconds: 10, healthyThresholdCount: 2, deregistrationDelaySeconds: 30 }],
  // Revision 3's image does not exist.
  behaviors: [{ match: { image: '*:does-not-exist' }, failToStart: 'CannotPullContainerError: pull image manifest has been retried 7 time(s): failed to resolve ref docker.io/library/nginx:does-not-exist: not found' }],
});

function call<O>(operation: string, input: unknown): O {
  const r = execute(world, operation, input);
  if (E.isLeft(r)) throw new Error(`${operation} failed: ${r.left.name}: ${r.left.message}`);
  world = r.right.world;
  return r.right.output as O;
}
const describe = (): WireService => call<{ services: WireService[] }>('DescribeServices', { cluster: 'demo', services: ['web'] }).services[0]!;
const revision = (image: string): void => {
  call('RegisterTaskDefinition', {
    family: 'web',
    networkMode: 'awsvpc',
    requiresCompatibilities: ['FARGATE'],
    cpu: '256',
    memory: '512',
    containerDefinitions: [{ name: 'app', image, essential: true, portMappings: [{ containerPort: 80 }] }],
  });
};
let printed = 0;
/** Advances until the service is steady (one COMPLETED deployment), printing its new events as they come. */
function followUntilSteady(label: string): void {
  console.log(`\n== ${label}`);
  for (let i = 0; i < 400; i++) {
    world = advance(world, 5_000).world;
    const s = describe();
    const fresh = s.events.slice(0, s.events.length - printed).reverse();
    printed = s.events.length;
    for (const e of fresh) console.log(`  ${clock(e.createdAt)}  ${e.message}`);
    if (s.deployments.length === 1 && s.deployments[0]!.rolloutState === 'COMPLETED' && s.pendingCount === 0) {
      const d = s.deployments[0]!;
      console.log(`  → ${d.status} ${d.id} ${d.taskDefinition.split('/').pop()} ${d.rolloutState}, running ${d.runningCount}/${d.desiredCount}`);
      return;
    }
  }
  throw new Error('the service did not settle');
}

const subnets = world.config.network.subnets.slice(0, 3).map((s) => s.subnetId);
call('CreateCluster', { clusterName: 'demo' });
revision('nginx:1.27');
call('CreateService', {
  cluster: 'demo',
  serviceName: 'web',
  taskDefinition: 'web',
  desiredCount: 3,
  launchType: 'FARGATE',
  networkConfiguration: { awsvpcConfiguration: { subnets } },
  loadBalancers: [{ targetGroupArn: TG, containerName: 'app', containerPort: 80 }],
  deploymentConfiguration: { deploymentCircuitBreaker: { enable: true, rollback: true } },
});
followUntilSteady('CreateService web (3 tasks, web:1)');

revision('nginx:1.28');
const rolling = call<{ service: WireService }>('UpdateService', { cluster: 'demo', service: 'web', taskDefinition: 'web' }).service;
console.log(`\nUpdateService → deployments: ${rolling.deployments.map((d) => `${d.status} ${d.taskDefinition.split('/').pop()} desired ${d.desiredCount} ${d.rolloutState}`).join(' | ')}`);
followUntilSteady('rolling deployment to web:2 (min 100 %, max 200 %)');

revision('nginx:does-not-exist');
call('UpdateService', { cluster: 'demo', service: 'web', taskDefinition: 'web' });
followUntilSteady('deployment of web:3, whose image cannot be pulled (circuit breaker with rollback)');
