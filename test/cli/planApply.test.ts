// `ecs-twin plan` and `ecs-twin apply` end to end against a real `ecs-twin serve` (in-process, manual clock):
// plan → apply --wait → plan again is empty; a stale plan is refused; the predicted service events are what the
// server then emits; exit codes (0 / 2 / 1 with --detailed-exitcode, like terraform plan's:
// https://developer.hashicorp.com/terraform/cli/commands/plan#detailed-exitcode).
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateClusterCommand, CreateServiceCommand, DescribeServicesCommand, ListTaskDefinitionsCommand, RegisterTaskDefinitionCommand, UpdateServiceCommand } from '@aws-sdk/client-ecs';
import * as E from 'fp-ts/lib/Either.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyCommand } from '../../src/cli/commands/apply.js';
import { EXIT_CHANGES, EXIT_ERROR, EXIT_OK, desiredClusters, parseParameters, planCommand, type PlanIo } from '../../src/cli/commands/plan.js';
import { serializeWorld } from '../../src/codecs/worldSnapshot.js';
import { decodePlanFile } from '../../src/plan/planFile.js';
import type { Plan } from '../../src/plan/types.js';
import { startEndpoint, WEB_TASK_DEFINITION, type TestEndpoint } from '../adapters/twinServer.js';

interface Captured extends PlanIo {
  out: string;
  err: string;
}

function captureIo(env: Record<string, string | undefined> = {}): Captured {
  const io = {
    out: '',
    err: '',
    stdout: (t: string) => void (io.out += t),
    stderr: (t: string) => void (io.err += t),
    progressStream: process.stderr,
    isTTY: false,
    stdoutIsTTY: false,
    env,
    nowMs: () => 0,
  };
  return io;
}

/** The desired state: web on a new image with 3 tasks, and a new worker service. */
function desiredYaml(subnet: string, image: string, desiredCount: number): string {
  return `clusters:
  - clusterName: prod
taskDefinitions:
  - family: web
    requiresCompatibilities: [FARGATE]
    networkMode: awsvpc
    cpu: "256"
    memory: "512"
    containerDefinitions:
      - { name: web, image: "${image}", essential: true }
services:
  - cluster: prod
    serviceName: web
    taskDefinition: web
    desiredCount: ${desiredCount}
    launchType: FARGATE
    networkConfiguration: { awsvpcConfiguration: { subnets: [${subnet}] } }
`;
}

async function readPlan(path: string): Promise<Plan> {
  const p = decodePlanFile(await readFile(path, 'utf8'));
  if (E.isLeft(p)) throw new Error(p.left);
  return p.right;
}

describe('ecs-twin plan / apply against ecs-twin serve', () => {
  let ep: TestEndpoint;
  let dir: string;
  let subnet: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ecs-twin-plan-'));
    ep = await startEndpoint({ seed: 21 }, { kind: 'manual' });
    subnet = ep.twin.world.config.network.subnets[0]?.subnetId ?? '';
    await ep.ecs.send(new CreateClusterCommand({ clusterName: 'prod' }));
    await ep.ecs.send(new RegisterTaskDefinitionCommand({ ...WEB_TASK_DEFINITION, containerDefinitions: [{ name: 'web', image: 'nginx:1.25', essential: true }] }));
    await ep.ecs.send(
      new CreateServiceCommand({ cluster: 'prod', serviceName: 'web', taskDefinition: 'web:1', desiredCount: 2, launchType: 'FARGATE', networkConfiguration: { awsvpcConfiguration: { subnets: [subnet] } } }),
    );
    await ep.control('POST', '/_twin/advance', { ms: 600_000 });
  });
  afterAll(async () => {
    await ep.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('plans, applies with --wait, and a second plan is empty; the server emits the predicted events', async () => {
    const desired = join(dir, 'desired.yaml');
    await writeFile(desired, desiredYaml(subnet, 'nginx:1.27', 3));
    const out = join(dir, 'plan.json');
    const planIo = captureIo();
    expect(await planCommand(desired, { endpoint: ep.server.url, out, detailedExitcode: true }, planIo)).toBe(EXIT_CHANGES);
    expect(planIo.out).toContain('~ service prod/web');
    expect(planIo.out).toMatch(/Plan: \d+ to create, \d+ to update, 1 new deployment, 0 to replace\./);
    expect(planIo.err).toContain(`current state: ecs-twin at ${ep.server.url}`);
    const plan = await readPlan(out);
    const web = plan.rollouts.find((r) => r.service.endsWith('web'));
    expect(web?.outcome).toBe('COMPLETED');

    const startMs = ep.twin.world.nowMs;
    const applyIo = captureIo();
    expect(await applyCommand(out, { endpoint: ep.server.url, wait: true, poll: 5_000 }, applyIo)).toBe(EXIT_OK);
    expect(applyIo.out).toContain('Apply complete:');
    expect(applyIo.out).toMatch(/prod\/web: steady after/);
    expect(applyIo.err).toContain('→ RegisterTaskDefinition');

    // The twin predicts itself: the server's new service events, at their offsets from the apply, are the plan's.
    const described = await ep.ecs.send(new DescribeServicesCommand({ cluster: 'prod', services: ['web'] }));
    const events = (described.services?.[0]?.events ?? [])
      .filter((e) => (e.createdAt?.getTime() ?? 0) >= startMs)
      .reverse()
      .map((e) => ({ atSeconds: ((e.createdAt?.getTime() ?? 0) - startMs) / 1000, message: e.message }));
    expect(events.length).toBeGreaterThan(0);
    expect(events).toEqual(web?.events.slice(0, events.length));

    const again = captureIo();
    expect(await planCommand(desired, { endpoint: ep.server.url, detailedExitcode: true }, again)).toBe(EXIT_OK);
    expect(again.out).toContain('No changes. Your infrastructure matches the desired state.');
  });

  it('refuses a stale plan after the planned service\'s desiredCount changed, and applies nothing', async () => {
    const desired = join(dir, 'stale.yaml');
    await writeFile(desired, desiredYaml(subnet, 'nginx:1.28', 3));
    const out = join(dir, 'stale.json');
    expect(await planCommand(desired, { endpoint: ep.server.url, out }, captureIo())).toBe(EXIT_OK);
    await ep.ecs.send(new UpdateServiceCommand({ cluster: 'prod', service: 'web', desiredCount: 5 }));
    const before = await ep.ecs.send(new ListTaskDefinitionsCommand({ familyPrefix: 'web' }));
    const io = captureIo();
    expect(await applyCommand(out, { endpoint: ep.server.url }, io)).toBe(EXIT_ERROR);
    expect(io.err).toContain('The state changed since the plan was made');
    const after = await ep.ecs.send(new ListTaskDefinitionsCommand({ familyPrefix: 'web' }));
    expect(after.taskDefinitionArns).toEqual(before.taskDefinitionArns);
  });

  it('plans from a snapshot file as from the endpoint', async () => {
    const desired = join(dir, 'snap.yaml');
    await writeFile(desired, desiredYaml(subnet, 'nginx:1.29', 5));
    const snapshot = join(dir, 'world.json');
    await writeFile(snapshot, serializeWorld(ep.twin.world));
    const fromFile = captureIo();
    const fromEndpoint = captureIo();
    expect(await planCommand(desired, { from: snapshot, detailedExitcode: true }, fromFile)).toBe(EXIT_CHANGES);
    expect(await planCommand(desired, { endpoint: ep.server.url, detailedExitcode: true }, fromEndpoint)).toBe(EXIT_CHANGES);
    expect(fromFile.out).toBe(fromEndpoint.out);
  });

  it('plans and applies with --aws through the SDK\'s own configuration (its endpoint pointed at the server)', async () => {
    // `--aws` builds plain ECSClients: credentials, Region and endpoint come from the SDK's default chain, and its
    // documented AWS_ENDPOINT_URL_ECS (https://docs.aws.amazon.com/sdkref/latest/guide/feature-ss-endpoints.html)
    // sends that exact code path here — everything is tested but the account.
    const config = join(dir, 'world-config.json');
    await writeFile(config, JSON.stringify({ seed: 21 }));
    const desired = join(dir, 'aws.yaml');
    await writeFile(desired, desiredYaml(subnet, 'nginx:1.30', 4));
    const out = join(dir, 'aws.json');
    const env = { AWS_ENDPOINT_URL_ECS: ep.server.url, AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE', AWS_SECRET_ACCESS_KEY: 'secret', AWS_REGION: 'us-east-1' };
    const saved = { ...process.env };
    Object.assign(process.env, env);
    try {
      const planIo = captureIo(env);
      expect(await planCommand(desired, { aws: true, config, out, detailedExitcode: true }, planIo)).toBe(EXIT_CHANGES);
      expect(planIo.out).toContain('~ service prod/web');
      const applyIo = captureIo(env);
      expect(await applyCommand(out, { aws: true, config }, applyIo), applyIo.err).toBe(EXIT_OK);
      expect(applyIo.out).toContain('Apply complete:');
    } finally {
      for (const k of Object.keys(env)) if (!(k in saved)) delete process.env[k];
      Object.assign(process.env, saved);
    }
    const described = await ep.ecs.send(new DescribeServicesCommand({ cluster: 'prod', services: ['web'] }));
    expect(described.services?.[0]?.desiredCount, 'the server got the update').toBe(4);
  });
});

describe('a CloudFormation template', () => {
  it('plans the CDK-shaped example into an empty account, unresolvable references listed as warnings', async () => {
    const io = captureIo();
    expect(await planCommand('docs/examples/plan/cdk-fargate-service.template.yaml', { parameters: ['ImageTag=1.4.3'], detailedExitcode: true }, io)).toBe(EXIT_CHANGES);
    expect(io.err).toContain('current state: an empty account');
    expect(io.out).toContain('+ taskDefinition web:1');
    expect(io.out).toContain('web:1.4.3');
    expect(io.out).toMatch(/Warnings:\n(.*\n)*.*cannot be resolved before the stack exists; kept as the placeholder/);
  });
});

describe('exit codes and argument errors', () => {
  it('is 1 with a message for a missing file, two sources, or a bad parameter', async () => {
    const missing = captureIo();
    expect(await planCommand('/nonexistent/desired.yaml', {}, missing)).toBe(EXIT_ERROR);
    expect(missing.err).toContain('cannot read /nonexistent/desired.yaml');
    const two = captureIo();
    expect(await planCommand('x.yaml', { from: 'a.json', aws: true, parameters: [] }, two)).toBe(EXIT_ERROR);
    const bad = captureIo();
    expect(await planCommand('x.yaml', { parameters: ['novalue'] }, bad)).toBe(EXIT_ERROR);
    expect(bad.err).toContain('--parameters novalue: expected KEY=VALUE');
  });

  it('apply needs exactly one target and a plan with its desired state', async () => {
    const none = captureIo();
    expect(await applyCommand('plan.json', {}, none)).toBe(EXIT_ERROR);
    expect(none.err).toContain('give one of --endpoint URL and --aws');
  });

  it('parses parameters and names the clusters of a desired state', () => {
    expect(parseParameters(['Image=nginx:1.27', 'Env=a=b'])).toEqual(E.right({ Image: 'nginx:1.27', Env: 'a=b' }));
    const body = (b: Record<string, unknown>) => ({ source: 's', body: b });
    expect(
      desiredClusters({
        clusters: [body({ clusterName: 'prod' })],
        taskDefinitions: [],
        services: [body({ cluster: 'arn:aws:ecs:us-east-1:123456789012:cluster/staging' }), body({})],
        scalableTargets: [],
        scalingPolicies: [],
        warnings: [],
      }),
    ).toEqual(['default', 'prod', 'staging']);
  });
});
