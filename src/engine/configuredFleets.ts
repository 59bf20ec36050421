/**
 * The `containerInstances` section of a World configuration: its checks that need the instance-type table and the
 * network (the codec checked the shapes), and the registration of the fleets when the World is created.
 *
 * @module
 */
import * as E from 'fp-ts/lib/Either.js';
import { buildCluster } from '../api/clusters/createCluster.js';
import { validateClusterName } from '../api/clusters/clusterRequest.js';
import { isBuiltInAttribute, validateAttribute } from '../api/containerInstances/instanceAttributes.js';
import { buildInstance, ec2InstanceIdOf, fleetInstanceId, resourcesOfType, storeInstance } from '../api/containerInstances/registration.js';
import type { ResolvedNetwork } from '../domain/network.js';
import { WorldTxn } from '../domain/txn.js';
import type { ContainerInstanceFleetConfig, World } from '../domain/world.js';
import { INSTANCE_TYPES, registeredCapacity } from '../scheduler/placement/instanceTypes.js';

/** Most container instances all configured fleets may hold together. */
export const MAX_CONFIGURED_INSTANCES = 100_000;

/**
 * Checks the fleets against the instance-type table and the network, and fills in their zones (default: the zones
 * of the network's subnets, in subnet order). Left: the first problem, naming its path.
 */
export function resolveFleets(
  fleets: readonly ContainerInstanceFleetConfig[],
  network: ResolvedNetwork,
): E.Either<string, ContainerInstanceFleetConfig[]> {
  const networkZones = [...new Set(network.subnets.map((s) => s.availabilityZone))];
  const out: ContainerInstanceFleetConfig[] = [];
  let total = 0;
  for (let i = 0; i < fleets.length; i++) {
    const f = fleets[i]!;
    const at = `containerInstances[${i}]`;
    const name = validateClusterName(f.cluster);
    if (E.isLeft(name)) return E.left(`${at}.cluster: ${name.left.message}`);
    if (!INSTANCE_TYPES.has(f.instanceType)) {
      return E.left(`${at}.instanceType: unknown instance type ${JSON.stringify(f.instanceType)}; known: ${[...INSTANCE_TYPES.keys()].join(', ')}.`);
    }
    const zones = f.availabilityZones ?? networkZones;
    if (zones.length === 0) return E.left(`${at}.availabilityZones: expected at least one Availability Zone.`);
    for (let z = 0; z < zones.length; z++) {
      if (!networkZones.includes(zones[z]!)) {
        return E.left(`${at}.availabilityZones[${z}]: ${JSON.stringify(zones[z])} is not a zone of the network (${networkZones.join(', ')}).`);
      }
    }
    for (const [attrName, value] of Object.entries(f.attributes ?? {})) {
      const attr = validateAttribute({ name: attrName, value }, `${at}.attributes.${attrName}`);
      if (E.isLeft(attr)) return E.left(attr.left.message);
    }
    const custom = Object.keys(f.attributes ?? {}).filter((n) => !isBuiltInAttribute(n)).length;
    if (custom > 10) return E.left(`${at}.attributes: at most 10 custom attributes per container instance, got ${custom}.`);
    if (f.autoScalingGroup !== undefined) {
      if (!/^[\x21-\x7e]{1,255}$/.test(f.autoScalingGroup) || f.autoScalingGroup.includes(':')) {
        return E.left(`${at}.autoScalingGroup: ${JSON.stringify(f.autoScalingGroup)} is not an Auto Scaling group name (1–255 printable characters, no ':').`);
      }
      const other = fleets.findIndex((g) => g.autoScalingGroup === f.autoScalingGroup && g.cluster !== f.cluster);
      if (other >= 0) {
        return E.left(`${at}.autoScalingGroup: the group ${f.autoScalingGroup} is also containerInstances[${other}]'s, in cluster ${fleets[other]!.cluster}: a group's instances join one cluster.`);
      }
    }
    total += f.count;
    if (total > MAX_CONFIGURED_INSTANCES) return E.left(`${at}.count: at most ${MAX_CONFIGURED_INSTANCES} configured container instances in all.`);
    out.push({ ...f, availabilityZones: [...zones] });
  }
  return E.right(out);
}

/**
 * `world` with its configured fleets registered: each fleet's cluster (created ACTIVE with default settings if
 * missing), then its instances, ACTIVE and connected, registered at the start time, spread over the fleet's zones
 * round-robin, with ids derived from the seed. Draws nothing from the World's generators.
 */
export function registerConfiguredFleets(world: World): World {
  const fleets = world.config.containerInstances;
  if (fleets.length === 0) return world;
  const tx = new WorldTxn(world);
  fleets.forEach((f, fleetIndex) => {
    const clusters = tx.table('clusters');
    const existing = clusters.get(f.cluster);
    if (existing === undefined || existing.status !== 'ACTIVE') {
      const built = buildCluster(world.config, { clusterName: f.cluster });
      // resolveFleets checked the name, the only input buildCluster can refuse here.
      if (E.isRight(built)) clusters.set(f.cluster, built.right);
    }
    const resources = resourcesOfType(f.instanceType)!;
    const architecture = registeredCapacity(f.instanceType)!.architecture;
    const zones = f.availabilityZones!;
    const attributes = Object.entries(f.attributes ?? {}).map(([name, value]) => ({ name, value }));
    for (let n = 0; n < f.count; n++) {
      const id = fleetInstanceId(world.config.seed, fleetIndex, n);
      storeInstance(
        tx,
        buildInstance(tx, {
          cluster: f.cluster,
          id,
          ec2InstanceId: ec2InstanceIdOf(id),
          instanceType: f.instanceType,
          availabilityZone: zones[n % zones.length]!,
          architecture,
          resources,
          attributes,
          tags: [],
          ...(f.autoScalingGroup !== undefined ? { autoScalingGroup: f.autoScalingGroup } : {}),
        }),
        { silent: true },
      );
    }
  });
  return tx.commit();
}
