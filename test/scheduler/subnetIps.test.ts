import { fc, test } from '@fast-check/vitest';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { ipToNumber, ipToString, resolveSubnet, type Subnet } from '../../src/domain/network.js';
import {
  allocateIp,
  draftSubnetIps,
  emptySubnetIps,
  freeIpCount,
  ipsInUse,
  isIpInUse,
  releaseIp,
  releaseAddressInDraft,
  withReservedCount,
  type SubnetIps,
} from '../../src/scheduler/subnetIps.js';

const subnetOf = (cidrBlock: string): Subnet => {
  const r = resolveSubnet({ subnetId: 'subnet-t', cidrBlock, availabilityZone: 'us-east-1a', vpcId: 'vpc-t' }, 'us-east-1');
  if (E.isLeft(r)) throw new Error(r.left);
  return r.right;
};

/** Allocates `n` addresses, failing the test if the subnet runs out first. */
function allocateMany(state: SubnetIps, subnet: Subnet, n: number): { state: SubnetIps; ips: string[] } {
  const ips: string[] = [];
  let s = state;
  for (let i = 0; i < n; i++) {
    const a = allocateIp(s, subnet);
    if (!a) throw new Error(`subnet ran out after ${i} allocations`);
    s = a.state;
    ips.push(ipToString(a.address));
  }
  return { state: s, ips };
}

describe('subnet IP allocation', () => {
  const s28 = subnetOf('10.0.0.16/28');

  it('gives a /28 exactly 11 addresses, .4 to .14 of the block, then reports exhaustion', () => {
    const { state, ips } = allocateMany(emptySubnetIps(), s28, 11);
    expect(ips).toEqual(Array.from({ length: 11 }, (_, i) => `10.0.0.${16 + 4 + i}`));
    expect(state.inUse).toBe(11);
    expect(freeIpCount(state, s28)).toBe(0);
    expect(allocateIp(state, s28)).toBeUndefined();
  });

  it('reuses the lowest free address first', () => {
    const { state } = allocateMany(emptySubnetIps(), s28, 6);
    const afterReleases = releaseIp(releaseIp(state, s28, '10.0.0.23'), s28, '10.0.0.21');
    expect(afterReleases.inUse).toBe(4);
    const a = allocateIp(afterReleases, s28)!;
    expect(ipToString(a.address)).toBe('10.0.0.21');
    expect(ipToString(allocateIp(a.state, s28)!.address)).toBe('10.0.0.23');
  });

  it('returns the same object when releasing an address that is not in use', () => {
    const { state } = allocateMany(emptySubnetIps(), s28, 3);
    for (const ip of ['10.0.0.30', '10.0.0.16', '10.0.0.19', '10.0.0.31', '10.0.1.4', 'not-an-ip', '']) {
      expect(releaseIp(state, s28, ip), ip).toBe(state);
    }
    const once = releaseIp(state, s28, '10.0.0.21');
    expect(once).not.toBe(state);
    expect(releaseIp(once, s28, '10.0.0.21'), 'a second release is a no-op').toBe(once);
  });

  it('returns to the empty state after releasing everything, in any order', () => {
    const { state, ips } = allocateMany(emptySubnetIps(), s28, 11);
    const order = [3, 10, 0, 7, 1, 9, 2, 8, 4, 6, 5].map((i) => ips[i]!);
    const released = order.reduce((s, ip) => releaseIp(s, s28, ip), state);
    expect(released.inUse).toBe(0);
    expect(released.nextOffset).toBe(0);
    expect(released.freed.size).toBe(0);
    expect(ipsInUse(released, s28)).toEqual([]);
  });

  it('does not change the state it allocates from (persistence)', () => {
    const { state } = allocateMany(emptySubnetIps(), s28, 4);
    const released = releaseIp(state, s28, '10.0.0.21');
    const snapshot = JSON.stringify(released);
    allocateIp(released, s28);
    releaseIp(released, s28, '10.0.0.20');
    expect(JSON.stringify(released)).toBe(snapshot);
    expect(isIpInUse(state, s28, '10.0.0.21')).toBe(true);
    expect(isIpInUse(released, s28, '10.0.0.21')).toBe(false);
  });

  it('subtracts addresses reserved for other ENIs from what tasks may take', () => {
    const reserved = emptySubnetIps(8);
    expect(freeIpCount(reserved, s28)).toBe(3);
    const { state } = allocateMany(reserved, s28, 3);
    expect(allocateIp(state, s28)).toBeUndefined();
    // Raising the reservation above what is free keeps the addresses tasks hold and refuses new ones.
    const squeezed = withReservedCount(state, 10);
    expect(squeezed.inUse).toBe(3);
    expect(freeIpCount(squeezed, s28)).toBe(0);
    expect(withReservedCount(squeezed, 10)).toBe(squeezed);
    expect(emptySubnetIps(-3).reservedCount).toBe(0);
    expect(emptySubnetIps(Number.NaN).reservedCount).toBe(0);
  });

  it('fills a /16: 65,531 distinct addresses from 10.1.0.4 to 10.1.255.254', () => {
    const s16 = subnetOf('10.1.0.0/16');
    const { state, ips } = allocateMany(emptySubnetIps(), s16, 65531);
    expect(ips[0]).toBe('10.1.0.4');
    expect(ips.at(-1)).toBe('10.1.255.254');
    expect(new Set(ips).size).toBe(65531);
    expect(allocateIp(state, s16)).toBeUndefined();
    const again = allocateIp(releaseIp(state, s16, '10.1.128.0'), s16);
    expect(again && ipToString(again.address)).toBe('10.1.128.0');
  });
});

// ------------------------------------------------------------------------------------------------------------------
// Model-based: the allocator against a plain Set of addresses in use.
// ------------------------------------------------------------------------------------------------------------------

interface Model {
  readonly subnet: Subnet;
  readonly inUse: Set<string>;
  reserved: number;
}
interface Real {
  state: SubnetIps;
}

/** The model's choice: the lowest usable address not in use (a linear scan, fine for small subnets). */
function lowestFree(m: Model): string | undefined {
  if (m.subnet.usableIpCount - m.reserved - m.inUse.size <= 0) return undefined;
  for (let i = 0; i < m.subnet.usableIpCount; i++) {
    const ip = ipToString(m.subnet.firstAddress + 4 + i);
    if (!m.inUse.has(ip)) return ip;
  }
  return undefined;
}

function checkInvariants(m: Model, r: Real): void {
  expect(r.state.inUse, 'inUse matches the model').toBe(m.inUse.size);
  expect(r.state.inUse, 'inUse never exceeds the usable addresses').toBeLessThanOrEqual(m.subnet.usableIpCount);
  expect(freeIpCount(r.state, m.subnet)).toBe(Math.max(0, m.subnet.usableIpCount - m.reserved - m.inUse.size));
  expect(ipsInUse(r.state, m.subnet)).toEqual([...m.inUse].sort((a, b) => ipToNumber(a)! - ipToNumber(b)!));
}

class AllocateCommand implements fc.Command<Model, Real> {
  check = (): boolean => true;
  run(m: Model, r: Real): void {
    const expected = lowestFree(m);
    const got = allocateIp(r.state, m.subnet);
    expect(got && ipToString(got.address), 'the allocator picks the lowest free address, or none when the subnet is full').toBe(expected);
    if (got) {
      const ip = ipToString(got.address);
      expect(m.inUse.has(ip), `address ${ip} was handed out twice`).toBe(false);
      m.inUse.add(ip);
      r.state = got.state;
    }
    checkInvariants(m, r);
  }
  toString = (): string => 'allocate';
}

class ReleaseCommand implements fc.Command<Model, Real> {
  constructor(readonly pick: number) {}
  check = (m: Readonly<Model>): boolean => m.inUse.size > 0;
  run(m: Model, r: Real): void {
    const ip = [...m.inUse][this.pick % m.inUse.size]!;
    m.inUse.delete(ip);
    r.state = releaseIp(r.state, m.subnet, ip);
    expect(isIpInUse(r.state, m.subnet, ip)).toBe(false);
    checkInvariants(m, r);
  }
  toString = (): string => `release(#${this.pick})`;
}

class ReleaseAnyCommand implements fc.Command<Model, Real> {
  constructor(readonly offset: number) {}
  check = (): boolean => true;
  run(m: Model, r: Real): void {
    // Any address near the subnet, usable or not, in use or not.
    const ip = ipToString(m.subnet.firstAddress - 2 + this.offset);
    const before = r.state;
    r.state = releaseIp(r.state, m.subnet, ip);
    if (m.inUse.has(ip)) m.inUse.delete(ip);
    else expect(r.state, `releasing ${ip}, which is not in use, must return the same object`).toBe(before);
    checkInvariants(m, r);
  }
  toString = (): string => `releaseAny(${this.offset})`;
}

class ReserveCommand implements fc.Command<Model, Real> {
  constructor(readonly reserved: number) {}
  check = (): boolean => true;
  run(m: Model, r: Real): void {
    m.reserved = this.reserved;
    r.state = withReservedCount(r.state, this.reserved);
    checkInvariants(m, r);
  }
  toString = (): string => `reserve(${this.reserved})`;
}

describe('subnet IP allocation against a Set model', () => {
  test.prop([
    fc.constantFrom('10.0.0.0/28', '10.0.0.64/27', '192.168.4.0/26'),
    fc.commands(
      [
        fc.constant(new AllocateCommand()),
        fc.constant(new AllocateCommand()),
        fc.nat().map((n) => new ReleaseCommand(n)),
        fc.nat({ max: 70 }).map((n) => new ReleaseAnyCommand(n)),
        fc.nat({ max: 12 }).map((n) => new ReserveCommand(n)),
      ],
      { maxCommands: 120 },
    ),
  ])('never hands out an address twice and always picks the lowest free one', (cidr, commands) => {
    const subnet = subnetOf(cidr);
    fc.modelRun(() => ({ model: { subnet, inUse: new Set<string>(), reserved: 0 }, real: { state: emptySubnetIps() } }), commands);
  });
});

describe('releasing into a draft (one transaction releasing many addresses in place)', () => {
  const s24 = subnetOf('10.2.0.0/24');
  test.prop([fc.integer({ min: 1, max: 120 }), fc.array(fc.integer({ min: 0, max: 150 }), { maxLength: 200 })])(
    'gives the same allocator as releasing one address at a time, and leaves the state it copied unchanged',
    (n, picks) => {
      const { state, ips } = allocateMany(emptySubnetIps(), s24, n);
      const before = JSON.stringify(state);
      const d = draftSubnetIps(state);
      let expected = state;
      for (const p of picks) {
        // Some picks are out of range or repeat an address already released: no effect either way.
        const ip = p < ips.length ? ips[p]! : `10.2.0.${p + 100}`;
        const wasInUse = isIpInUse(expected, s24, ip);
        expected = releaseIp(expected, s24, ip);
        expect(releaseAddressInDraft(d, s24, ipToNumber(ip) ?? -1)).toBe(wasInUse);
        expect(JSON.stringify(d.state)).toBe(JSON.stringify(expected));
      }
      expect(JSON.stringify(state)).toBe(before);
    },
  );
});
