/**
 * Benchmark (issue 2a): register 10,000 task definitions through `execute('RegisterTaskDefinition', …)`, with
 * full decoding and validation, each on the world the previous call returned.
 *
 * Two workloads: 10,000 definitions spread over 1,000 families (realistic), and 10,000 revisions of one family
 * (the family bookkeeping must not grow per revision). Each is run 5 times; the median total is reported.
 *
 * Run: `npx tsx benchmarks/registerTaskDefinitions.ts`
 */
import * as E from 'fp-ts/lib/Either.js';
import { createWorld, execute, type World } from '../src/index.js';
import { machineLine, timeOnce } from './harness.js';

function request(i: number, families: number): unknown {
  return {
    family: `svc-${i % families}`,
    requiresCompatibilities: ['FARGATE'],
    networkMode: 'awsvpc',
    cpu: '512',
    memory: '1024',
    executionRoleArn: 'arn:aws:iam::123456789012:role/ecsTaskExecutionRole',
    containerDefinitions: [
      {
        name: 'app',
        image: `123456789012.dkr.ecr.us-east-1.amazonaws.com/app:${i}`,
        essential: true,
        portMappings: [{ containerPort: 8080, protocol: 'tcp' }],
        environment: [{ name: 'BUILD', value: String(i) }],
        healthCheck: { command: ['CMD-SHELL', 'curl -f http://localhost:8080/health || exit 1'] },
        logConfiguration: { logDriver: 'awslogs', options: { 'awslogs-group': '/ecs/app', 'awslogs-region': 'us-east-1' } },
      },
      { name: 'envoy', image: 'public.ecr.aws/appmesh/aws-appmesh-envoy:v1.27', essential: false, memoryReservation: 128 },
    ],
  };
}

function registerAll(n: number, families: number): World {
  let world = createWorld();
  for (let i = 0; i < n; i++) {
    const r = execute(world, 'RegisterTaskDefinition', request(i, families));
    if (E.isLeft(r)) throw new Error(`${r.left.name}: ${r.left.message}`);
    world = r.right.world;
  }
  return world;
}

console.log(`# register task definitions — ${machineLine()}`);
for (const [label, families] of [['1,000 families', 1000], ['one family', 1]] as const) {
  const runs: number[] = [];
  let size = 0;
  for (let k = 0; k < 5; k++) {
    const t = timeOnce(() => registerAll(10_000, families));
    runs.push(t.ms);
    size = t.value.taskDefinitions.size;
  }
  runs.sort((a, b) => a - b);
  const median = runs[2]!;
  console.log(
    `register 10,000 task definitions (${label}): median ${median.toFixed(0)} ms total, ${((median * 1000) / 10_000).toFixed(1)} µs each, ${Math.round(10_000 / (median / 1000)).toLocaleString('en-US')}/s (runs: ${runs.map((r) => r.toFixed(0)).join(', ')} ms; ${size} revisions)`,
  );
}
