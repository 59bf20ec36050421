// Container instance fleets declared in the World configuration (issue 11): registered at creation as ACTIVE,
// connected instances with the instance type's resources, the built-in attributes, ids derived from the seed, and
// the cluster's registeredContainerInstancesCount. The configuration is decoded exactly (errors name the path).
import * as E from 'fp-ts/lib/Either.js';
import { describe as group, expect, it } from 'vitest';
import { createWorld, tryCreateWorld } from '../../../src/engine/createWorld.js';
import { RESERVED_TCP_PORTS } from '../../../src/api/containerInstances/registration.js';
import { describe, fleetWorld, listAll, ok, ZONES } from './harness.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const resource = (ci: any, list: 'registeredResources' | 'remainingResources', name: string): any =>
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  ci[list].find((r: any) => r.name === name);
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const attr = (ci: any, name: string): string | undefined => ci.attributes.find((a: any) => a.name === name)?.value;

group('configured container instance fleets', () => {
  it('appear in ListContainerInstances and DescribeContainerInstances, ACTIVE and connected, registered at the start', () => {
    const w = fleetWorld(6);
    const arns = listAll(w, { cluster: 'prod' });
    expect(arns).toHaveLength(6);
    for (const arn of arns) expect(arn).toMatch(/^arn:aws:ecs:us-east-1:123456789012:container-instance\/prod\/[0-9a-f]{32}$/);
    expect(listAll(w, { cluster: 'dev' })).toHaveLength(2);
    const { containerInstances, failures } = describe(w, 'prod', arns);
    expect(failures).toEqual([]);
    for (const ci of containerInstances) {
      expect(ci.status).toBe('ACTIVE');
      expect(ci.agentConnected).toBe(true);
      expect(ci.ec2InstanceId).toMatch(/^i-[0-9a-f]{17}$/);
      expect(ci.registeredAt).toBe(w.config.startTimeMs / 1000);
      expect(ci.runningTasksCount).toBe(0);
      expect(ci.pendingTasksCount).toBe(0);
    }
  });

  it('register the resources of the instance-type table: m5.xlarge 4,096 CPU units, 15,728 MiB; t3.medium 2,048 and 3,932', () => {
    const w = fleetWorld(1);
    const [prod] = describe(w, 'prod', listAll(w, { cluster: 'prod' })).containerInstances;
    expect(resource(prod, 'registeredResources', 'CPU')).toEqual({ name: 'CPU', type: 'INTEGER', doubleValue: 0, longValue: 0, integerValue: 4096 });
    expect(resource(prod, 'registeredResources', 'MEMORY').integerValue).toBe(15728);
    expect(resource(prod, 'remainingResources', 'MEMORY').integerValue).toBe(15728);
    // The reserved ports of the CLI's describe-container-instances example:
    // https://docs.aws.amazon.com/cli/latest/reference/ecs/describe-container-instances.html
    expect(resource(prod, 'registeredResources', 'PORTS').stringSetValue).toEqual(['22', '2376', '2375', '51678', '51679']);
    expect(resource(prod, 'registeredResources', 'PORTS').type).toBe('STRINGSET');
    expect(resource(prod, 'registeredResources', 'PORTS_UDP').stringSetValue).toEqual([]);
    expect(RESERVED_TCP_PORTS).toHaveLength(5);
    const [dev] = describe(w, 'dev', listAll(w, { cluster: 'dev' })).containerInstances;
    expect(resource(dev, 'registeredResources', 'CPU').integerValue).toBe(2048);
    expect(resource(dev, 'registeredResources', 'MEMORY').integerValue).toBe(3932);
  });

  it('carry the built-in attributes and the fleet\'s custom ones, spread over the zones round-robin', () => {
    const w = fleetWorld(6);
    const cis = describe(w, 'prod', listAll(w, { cluster: 'prod' })).containerInstances;
    for (const ci of cis) {
      expect(attr(ci, 'ecs.instance-type')).toBe('m5.xlarge');
      expect(attr(ci, 'ecs.os-type')).toBe('linux');
      expect(attr(ci, 'ecs.cpu-architecture')).toBe('x86_64');
      expect(attr(ci, 'ecs.ami-id')).toMatch(/^ami-[0-9a-f]{17}$/);
      expect(attr(ci, 'stack')).toBe('prod');
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      expect(ci.attributes.some((a: any) => a.name === 'ecs.capability.task-eni' && a.value === undefined)).toBe(true);
    }
    const perZone = ZONES.map((z) => cis.filter((ci: unknown) => attr(ci, 'ecs.availability-zone') === z).length);
    expect(perZone).toEqual([2, 2, 2]);
  });

  it('default to the network\'s zones and count in DescribeClusters registeredContainerInstancesCount', () => {
    const w = fleetWorld(6);
    const dev = describe(w, 'dev', listAll(w, { cluster: 'dev' })).containerInstances;
    const zones = new Set(w.config.network.subnets.map((s) => s.availabilityZone));
    for (const ci of dev) expect(zones.has(attr(ci, 'ecs.availability-zone')!)).toBe(true);
    expect(w.config.containerInstances[1]!.availabilityZones).toEqual([...zones]);
    const clusters = ok(w, 'DescribeClusters', { clusters: ['prod', 'dev'] }).output.clusters;
    expect(clusters.map((c: { registeredContainerInstancesCount: number }) => c.registeredContainerInstancesCount)).toEqual([6, 2]);
  });

  it('derive their ids from the seed: the same seed gives the same ids, another seed others, and task ids do not move', () => {
    const a = listAll(fleetWorld(4), { cluster: 'prod' });
    expect(listAll(fleetWorld(4), { cluster: 'prod' })).toEqual(a);
    const other = listAll(fleetWorld(4, { seed: 8 }), { cluster: 'prod' });
    expect(other.filter((arn) => a.includes(arn))).toEqual([]);
    // Creating the fleets draws nothing from the World's generators.
    expect(fleetWorld(4).rng).toEqual(createWorld({ seed: 7 }).rng);
  });

  it('reject bad fleets with a message naming the path', () => {
    const bad = (containerInstances: unknown): string => {
      const r = tryCreateWorld({ containerInstances });
      return E.isLeft(r) ? r.left.message : 'accepted';
    };
    expect(bad([{ cluster: 'prod', instanceType: 'm9.huge', count: 1 }])).toMatch(/containerInstances\[0\]\.instanceType: unknown instance type "m9\.huge"/);
    expect(bad([{ cluster: 'prod', instanceType: 'm5.large', count: 1, size: 3 }])).toMatch(/containerInstances\[0\]\.size: unknown key/);
    expect(bad([{ cluster: 'prod', instanceType: 'm5.large', count: -1 }])).toMatch(/containerInstances\[0\]\.count/);
    expect(bad([{ cluster: 'prod', instanceType: 'm5.large', count: 1, availabilityZones: ['eu-west-1a'] }])).toMatch(
      /containerInstances\[0\]\.availabilityZones\[0\]: "eu-west-1a" is not a zone of the network/,
    );
    expect(bad([{ cluster: 'prod', instanceType: 'm5.large', count: 1, attributes: { stack: 5 } }])).toMatch(/containerInstances\[0\]\.attributes\.stack/);
    expect(bad([{ cluster: 'prod', instanceType: 'm5.large', count: 1, attributes: { 'bad name!': 'x' } }])).toMatch(/attributes\.bad name!\.name/);
    expect(bad([{ cluster: 'no/slash', instanceType: 'm5.large', count: 1 }])).toMatch(/containerInstances\[0\]\.cluster/);
  });
});
