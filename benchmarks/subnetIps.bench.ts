// Allocate + release one address in a /16 that already holds many, at several fill levels to show the slope:
// both calls should stay O(log n) and copy only a few B-tree nodes, whatever the fill level.
import * as E from 'fp-ts/lib/Either.js';
import { bench, describe } from 'vitest';
import { ipToString, resolveSubnet, type Subnet } from '../src/domain/network.js';
import { allocateIp, emptySubnetIps, releaseIp, type SubnetIps } from '../src/scheduler/subnetIps.js';

const resolved = resolveSubnet({ subnetId: 'subnet-bench', cidrBlock: '10.0.0.0/16', availabilityZone: 'us-east-1a', vpcId: 'vpc-bench' }, 'us-east-1');
if (E.isLeft(resolved)) throw new Error(resolved.left);
const subnet: Subnet = resolved.right;

/** `inUse` addresses allocated; with `holeEvery`, every n-th of them released again (fragmentation). */
function filled(inUse: number, holeEvery?: number): SubnetIps {
  let state = emptySubnetIps();
  const ips: string[] = [];
  for (let i = 0; i < inUse; i++) {
    const a = allocateIp(state, subnet)!;
    state = a.state;
    ips.push(ipToString(a.address));
  }
  if (holeEvery !== undefined) {
    for (let i = 0; i < ips.length; i += holeEvery) state = releaseIp(state, subnet, ips[i]!);
  }
  return state;
}

function allocateRelease(state: SubnetIps): void {
  const a = allocateIp(state, subnet);
  if (!a) throw new Error('subnet unexpectedly full');
  releaseIp(a.state, subnet, ipToString(a.address));
}

describe('subnetIps: allocate + release in a /16', () => {
  const dense1k = filled(1_000);
  const dense60k = filled(60_000);
  const holes1k = filled(1_000, 50);
  const holes60k = filled(60_000, 50);

  bench('1,000 in use, no holes', () => allocateRelease(dense1k));
  bench('60,000 in use, no holes', () => allocateRelease(dense60k));
  bench('1,000 in use, every 50th freed', () => allocateRelease(holes1k));
  bench('60,000 in use, every 50th freed (1,200 holes)', () => allocateRelease(holes60k));
});
