// Shared helpers for the container instance operation tests: a world with configured fleets and short calls.
import type { World } from '../../../src/domain/world.js';
import { createWorld, type WorldConfig } from '../../../src/engine/createWorld.js';
import { ok } from '../clusters/harness.js';

export { fails, failsUnchanged, ok } from '../clusters/harness.js';

/** Three zones of us-east-1, the default VPC's first three. */
export const ZONES = ['us-east-1a', 'us-east-1b', 'us-east-1c'];

/** A world with `prod` holding `count` m5.xlarge instances over three zones and `dev` holding two t3.medium. */
export function fleetWorld(count = 6, extra: WorldConfig = {}): World {
  return createWorld({
    seed: 7,
    containerInstances: [
      { cluster: 'prod', instanceType: 'm5.xlarge', count, availabilityZones: ZONES, attributes: { stack: 'prod' } },
      { cluster: 'dev', instanceType: 't3.medium', count: 2 },
    ],
    ...extra,
  });
}

/** Every container instance ARN ListContainerInstances returns for `input`, following nextToken. */
export function listAll(world: World, input: Record<string, unknown>): string[] {
  const out: string[] = [];
  let nextToken: string | undefined;
  do {
    const r = ok(world, 'ListContainerInstances', { ...input, ...(nextToken !== undefined ? { nextToken } : {}) }).output as {
      containerInstanceArns: string[];
      nextToken?: string;
    };
    out.push(...r.containerInstanceArns);
    nextToken = r.nextToken;
  } while (nextToken !== undefined);
  return out;
}

/** DescribeContainerInstances of `refs` in `cluster`. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const describe = (world: World, cluster: string, refs: string[], include?: string[]): any =>
  ok(world, 'DescribeContainerInstances', { cluster, containerInstances: refs, ...(include ? { include } : {}) }).output;
