// The current state of a plan: a World snapshot file, a /_twin/snapshot export, a running ecs-twin (replayed
// exactly), or any ECS endpoint through importWorld.
import * as E from 'fp-ts/lib/Either.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { twinBackend } from '../../../src/adapters/backend/twinBackend.js';
import { worldDigest } from '../../../src/adapters/controlApi.js';
import { TwinHost } from '../../../src/adapters/twinHost.js';
import { importCurrentState, loadCurrentState, worldFromFileText } from '../../../src/cli/plan/currentState.js';
import { serializeWorld } from '../../../src/codecs/worldSnapshot.js';
import { startEndpoint, WEB_TASK_DEFINITION, type TestEndpoint } from '../../adapters/twinServer.js';

async function seedTwin(host: TwinHost): Promise<void> {
  const subnets = [host.world.config.network.subnets[0]?.subnetId ?? ''];
  const backend = twinBackend(host);
  await backend.CreateCluster({ clusterName: 'prod' });
  await backend.RegisterTaskDefinition(WEB_TASK_DEFINITION);
  await backend.CreateService({ cluster: 'prod', serviceName: 'web', taskDefinition: 'web', desiredCount: 2, launchType: 'FARGATE', networkConfiguration: { awsvpcConfiguration: { subnets } } });
  host.advance(120_000);
}

describe('the current state', () => {
  let ep: TestEndpoint;
  beforeAll(async () => {
    ep = await startEndpoint({ seed: 11 }, { kind: 'manual' });
    await seedTwin(ep.twin);
  });
  afterAll(() => ep.close());

  it('replays a running ecs-twin exactly (equal digests)', async () => {
    const state = await loadCurrentState({ kind: 'endpoint', url: ep.server.url }, { clusters: ['prod'] }, {});
    if (E.isLeft(state)) throw new Error(state.left);
    expect(worldDigest(state.right.world)).toBe(worldDigest(ep.twin.world));
    expect(state.right.description).toBe(`ecs-twin at ${ep.server.url}`);
  });

  it('reads a World snapshot file and a /_twin/snapshot export', () => {
    const fromSnapshot = worldFromFileText('w.json', serializeWorld(ep.twin.world));
    const fromExport = worldFromFileText('s.json', JSON.stringify(ep.twin.snapshot()));
    expect(E.isRight(fromSnapshot) && worldDigest(fromSnapshot.right)).toBe(worldDigest(ep.twin.world));
    expect(E.isRight(fromExport) && worldDigest(fromExport.right)).toBe(worldDigest(ep.twin.world));
  });

  it('names what is wrong with a file that is neither', () => {
    expect(worldFromFileText('x.json', '{oops')).toEqual(E.left(expect.stringContaining('--from x.json is not JSON')));
    expect(worldFromFileText('x.json', '{"a": 1}')).toEqual(E.left(expect.stringContaining('expected a World snapshot')));
    expect(worldFromFileText('x.json', '{"format": "ecs-twin/world", "version": 99}')).toEqual(E.left(expect.stringContaining('snapshot.version')));
  });

  it('says when an endpoint cannot be reached', async () => {
    const state = await loadCurrentState({ kind: 'endpoint', url: 'http://127.0.0.1:1' }, { clusters: [] }, {});
    expect(state).toEqual(E.left(expect.stringContaining('cannot reach --endpoint http://127.0.0.1:1')));
  });

  it('imports through the ECS API the clusters that exist, and notes those to be created', async () => {
    const config = { seed: 11 };
    const state = await importCurrentState(twinBackend(ep.twin), 'the source', { clusters: ['prod', 'staging'], config });
    if (E.isLeft(state)) throw new Error(state.left);
    const services = [...state.right.world.services.values()];
    expect(services.map((s) => [s.serviceName, s.desiredCount])).toEqual([['web', 2]]);
    expect(state.right.notes).toContain('Not at the source (to be created): cluster staging.');
  });

  it('reads an AWS account with --aws through the SDK\'s own configuration (here its endpoint pointed at the twin)', async () => {
    // `--aws` builds a plain ECSClient: credentials, Region and endpoint come from the SDK's default chain. The
    // SDK's documented endpoint variable (AWS_ENDPOINT_URL_ECS, "Service-specific endpoints" in the AWS SDKs and
    // Tools Reference Guide: https://docs.aws.amazon.com/sdkref/latest/guide/feature-ss-endpoints.html) sends that
    // exact code path to the twin, so what is tested is everything but the account.
    const saved = { ...process.env };
    Object.assign(process.env, { AWS_ENDPOINT_URL_ECS: ep.server.url, AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE', AWS_SECRET_ACCESS_KEY: 'secret', AWS_REGION: 'us-east-1' });
    try {
      const state = await loadCurrentState({ kind: 'aws' }, { clusters: ['prod'], config: { seed: 11 } }, process.env);
      if (E.isLeft(state)) throw new Error(state.left);
      expect(state.right.description, 'the source is named AWS').toContain('AWS');
      expect([...state.right.world.services.values()].map((x) => [x.clusterName, x.serviceName, x.desiredCount])).toEqual([['prod', 'web', 2]]);
    } finally {
      for (const k of Object.keys(process.env)) if (!(k in saved)) delete process.env[k];
      Object.assign(process.env, saved);
    }
  });
});
