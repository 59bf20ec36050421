import { fc, test } from '@fast-check/vitest';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import {
  availabilityZonesOf,
  ipToNumber,
  ipToString,
  isUsableIpOf,
  parseCidr,
  resolveNetwork,
  resolveSubnet,
  usableIpCountOf,
  validateNetwork,
  type NetworkConfig,
  type ResolvedNetwork,
  type SubnetConfig,
} from '../../src/domain/network.js';

const right = (r: E.Either<string, ResolvedNetwork>): ResolvedNetwork => {
  if (E.isLeft(r)) throw new Error(`expected a valid network, got: ${r.left}`);
  return r.right;
};
const leftOf = (r: E.Either<string, unknown>): string => {
  if (E.isRight(r)) throw new Error('expected the configuration to be rejected');
  return r.left;
};

const subnet = (over: Partial<SubnetConfig> = {}): SubnetConfig => ({
  subnetId: 'subnet-a1',
  cidrBlock: '10.0.0.0/24',
  availabilityZone: 'us-east-1a',
  vpcId: 'vpc-1',
  ...over,
});

describe('availabilityZonesOf', () => {
  // Zone letters map to physical zones per account (accounts created from Nov 2025 share one mapping):
  // https://docs.aws.amazon.com/global-infrastructure/latest/regions/aws-availability-zones.html
  it('lists the zones of the main Regions in name order', () => {
    expect(availabilityZonesOf('us-east-1')).toEqual(['a', 'b', 'c', 'd', 'e', 'f'].map((l) => `us-east-1${l}`));
    expect(availabilityZonesOf('us-west-2')).toEqual(['us-west-2a', 'us-west-2b', 'us-west-2c', 'us-west-2d']);
    expect(availabilityZonesOf('eu-west-1')).toEqual(['eu-west-1a', 'eu-west-1b', 'eu-west-1c']);
    // ap-northeast-1b is closed to new accounts: the default VPC has subnets in 1a, 1c, 1d.
    expect(availabilityZonesOf('ap-northeast-1')).toEqual(['ap-northeast-1a', 'ap-northeast-1c', 'ap-northeast-1d']);
  });

  it('gives an unknown Region three zones a, b, c', () => {
    expect(availabilityZonesOf('xx-test-9')).toEqual(['xx-test-9a', 'xx-test-9b', 'xx-test-9c']);
  });

  it('does not read Object.prototype for a Region named like one of its members', () => {
    expect(availabilityZonesOf('constructor')).toEqual(['constructora', 'constructorb', 'constructorc']);
  });
});

describe('IPv4 helpers', () => {
  it('formats and parses dotted quads', () => {
    expect(ipToString(0xac1f0004)).toBe('172.31.0.4');
    expect(ipToString(0)).toBe('0.0.0.0');
    expect(ipToString(0xffffffff)).toBe('255.255.255.255');
    expect(ipToNumber('10.0.0.4')).toBe(167772164);
    for (const bad of ['10.0.0', '10.0.0.256', '010.0.0.1', ' 10.0.0.1', '10.0.0.1/32', '', 'a.b.c.d']) {
      expect(ipToNumber(bad), bad).toBeUndefined();
    }
  });

  test.prop([fc.integer({ min: 0, max: 0xffffffff })])('round-trips every address', (n) => {
    expect(ipToNumber(ipToString(n))).toBe(n);
  });

  it('parses CIDR blocks and refuses bad syntax or host bits', () => {
    expect(parseCidr('10.1.0.0/16')).toEqual({ network: 167837696, prefixLength: 16 });
    expect(parseCidr('0.0.0.0/0')).toEqual({ network: 0, prefixLength: 0 });
    expect(parseCidr('10.0.0.5/32')).toEqual({ network: 167772165, prefixLength: 32 });
    for (const bad of ['10.1.0.1/16', '10.0.0.0/33', '10.0.0.0', '10.0.0.0/', '10.0.0.0/08', '300.0.0.0/8', '10.0.0.0/24 ']) {
      expect(parseCidr(bad), bad).toBeUndefined();
    }
  });

  it('counts usable addresses as 2^(32 - prefix) - 5', () => {
    expect(usableIpCountOf(28)).toBe(11);
    expect(usableIpCountOf(24)).toBe(251);
    expect(usableIpCountOf(20)).toBe(4091);
    expect(usableIpCountOf(16)).toBe(65531);
  });
});

describe('resolveNetwork: the default VPC', () => {
  // A default subnet is a /20 in its Availability Zone, one per zone:
  // https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateDefaultSubnet.html
  it('builds 172.31.0.0/16 with one /20 per Availability Zone, in zone order', () => {
    const net = right(resolveNetwork(undefined, 'us-east-1', 42));
    expect(net.subnets.map((s) => [s.cidrBlock, s.availabilityZone])).toEqual([
      ['172.31.0.0/20', 'us-east-1a'],
      ['172.31.16.0/20', 'us-east-1b'],
      ['172.31.32.0/20', 'us-east-1c'],
      ['172.31.48.0/20', 'us-east-1d'],
      ['172.31.64.0/20', 'us-east-1e'],
      ['172.31.80.0/20', 'us-east-1f'],
    ]);
    for (const s of net.subnets) {
      expect(s.prefixLength).toBe(20);
      expect(s.usableIpCount).toBe(4091);
      expect(s.firstAddress).toBe(ipToNumber(s.cidrBlock.split('/')[0]!));
    }
    expect(new Set(net.subnets.map((s) => s.vpcId)).size).toBe(1);
  });

  it('gives every resource an AWS-format id, distinct from the others', () => {
    const net = right(resolveNetwork({}, 'us-west-2', 7));
    const vpcId = net.subnets[0]!.vpcId;
    expect(vpcId).toMatch(/^vpc-[0-9a-f]{17}$/);
    for (const s of net.subnets) expect(s.subnetId).toMatch(/^subnet-[0-9a-f]{17}$/);
    expect(net.securityGroups).toEqual([{ groupId: expect.stringMatching(/^sg-[0-9a-f]{17}$/), vpcId, groupName: 'default' }]);
    expect(net.defaultSecurityGroupByVpc).toEqual({ [vpcId]: net.securityGroups[0]!.groupId });
    const ids = net.subnets.map((s) => s.subnetId);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('treats an empty subnet list like no configuration', () => {
    expect(resolveNetwork({ subnets: [] }, 'eu-west-1', 3)).toEqual(resolveNetwork(undefined, 'eu-west-1', 3));
  });

  test.prop([fc.integer({ min: 0, max: 0xffffffff }), fc.integer({ min: 0, max: 0xffffffff })])(
    'derives ids from the seed alone: same seed, same ids; another seed, other ids',
    (a, b) => {
      const na = right(resolveNetwork(undefined, 'us-east-1', a));
      expect(right(resolveNetwork(undefined, 'us-east-1', a))).toEqual(na);
      if (a !== b) {
        const nb = right(resolveNetwork(undefined, 'us-east-1', b));
        expect(nb.subnets[0]!.vpcId, 'two seeds should not share a VPC id').not.toBe(na.subnets[0]!.vpcId);
        expect(nb.subnets[0]!.subnetId).not.toBe(na.subnets[0]!.subnetId);
      }
    },
  );
});

describe('resolveNetwork: configured subnets and groups', () => {
  it('keeps subnets in configuration order with their address arithmetic', () => {
    const config: NetworkConfig = {
      subnets: [
        subnet({ subnetId: 'subnet-b', cidrBlock: '10.0.1.0/28', availabilityZone: 'us-east-1b' }),
        subnet({ subnetId: 'subnet-a', cidrBlock: '10.0.0.0/24' }),
      ],
    };
    const net = right(resolveNetwork(config, 'us-east-1', 1));
    expect(net.subnets).toEqual([
      { subnetId: 'subnet-b', cidrBlock: '10.0.1.0/28', availabilityZone: 'us-east-1b', vpcId: 'vpc-1', firstAddress: 0x0a000100, prefixLength: 28, usableIpCount: 11 },
      { subnetId: 'subnet-a', cidrBlock: '10.0.0.0/24', availabilityZone: 'us-east-1a', vpcId: 'vpc-1', firstAddress: 0x0a000000, prefixLength: 24, usableIpCount: 251 },
    ]);
  });

  it('synthesises a default security group for each VPC that has none named default', () => {
    const net = right(
      resolveNetwork(
        {
          subnets: [
            subnet({ subnetId: 'subnet-1', vpcId: 'vpc-one' }),
            subnet({ subnetId: 'subnet-2', vpcId: 'vpc-two', cidrBlock: '10.0.0.0/24' }),
          ],
          securityGroups: [
            { groupId: 'sg-web', vpcId: 'vpc-one', groupName: 'web' },
            { groupId: 'sg-mine', vpcId: 'vpc-two', groupName: 'default' },
          ],
        },
        'us-east-1',
        5,
      ),
    );
    const synthesised = net.securityGroups[2]!;
    expect(net.securityGroups).toEqual([
      { groupId: 'sg-web', vpcId: 'vpc-one', groupName: 'web' },
      { groupId: 'sg-mine', vpcId: 'vpc-two', groupName: 'default' },
      { groupId: synthesised.groupId, vpcId: 'vpc-one', groupName: 'default' },
    ]);
    expect(synthesised.groupId).toMatch(/^sg-[0-9a-f]{17}$/);
    expect(net.defaultSecurityGroupByVpc).toEqual({ 'vpc-one': synthesised.groupId, 'vpc-two': 'sg-mine' });
  });

  it('names a group after its id when no name is given', () => {
    const net = right(resolveNetwork({ subnets: [subnet()], securityGroups: [{ groupId: 'sg-1', vpcId: 'vpc-1' }] }, 'us-east-1', 1));
    expect(net.securityGroups[0]).toEqual({ groupId: 'sg-1', vpcId: 'vpc-1', groupName: 'sg-1' });
  });

  it('allows the same CIDR in two different VPCs', () => {
    const net = resolveNetwork(
      { subnets: [subnet({ subnetId: 'subnet-1', vpcId: 'vpc-1' }), subnet({ subnetId: 'subnet-2', vpcId: 'vpc-2' })] },
      'us-east-1',
      1,
    );
    expect(E.isRight(net)).toBe(true);
  });
});

describe('resolveNetwork: validation', () => {
  const rejects = (config: NetworkConfig, region = 'us-east-1'): string => leftOf(resolveNetwork(config, region, 1));

  it('rejects a malformed CIDR block, naming the field', () => {
    expect(rejects({ subnets: [subnet(), subnet({ subnetId: 'subnet-2', cidrBlock: '10.0.1.0/24' }), subnet({ subnetId: 'subnet-3', cidrBlock: '10.0.0.0/33' })] })).toBe(
      "network.subnets[2].cidrBlock '10.0.0.0/33' is not a valid IPv4 CIDR block: expected a.b.c.d/n with octets 0-255 and n 0-32.",
    );
  });

  it('rejects prefixes outside /16 to /28, as EC2 does', () => {
    expect(rejects({ subnets: [subnet({ cidrBlock: '10.0.0.0/15' })] })).toBe(
      "network.subnets[0].cidrBlock '10.0.0.0/15' is outside the allowed subnet sizes: the prefix length must be between /16 and /28.",
    );
    expect(rejects({ subnets: [subnet({ cidrBlock: '10.0.0.0/29' })] })).toContain('between /16 and /28');
    expect(E.isRight(resolveNetwork({ subnets: [subnet({ cidrBlock: '10.0.0.0/16' })] }, 'us-east-1', 1))).toBe(true);
    expect(E.isRight(resolveNetwork({ subnets: [subnet({ cidrBlock: '10.0.0.16/28' })] }, 'us-east-1', 1))).toBe(true);
  });

  it('rejects a block with host bits set and names its network address', () => {
    expect(rejects({ subnets: [subnet({ cidrBlock: '10.0.0.5/24' })] })).toBe(
      "network.subnets[0].cidrBlock '10.0.0.5/24' has host bits set: its network address is 10.0.0.0/24.",
    );
  });

  it('rejects duplicate subnet ids', () => {
    expect(rejects({ subnets: [subnet(), subnet({ cidrBlock: '10.0.1.0/24' })] })).toBe(
      "network.subnets[1].subnetId 'subnet-a1' duplicates network.subnets[0].subnetId; subnet ids must be unique.",
    );
  });

  it('rejects overlapping subnets within one VPC (EC2 refuses a conflicting CIDR)', () => {
    expect(rejects({ subnets: [subnet({ cidrBlock: '10.0.0.0/16' }), subnet({ subnetId: 'subnet-2', cidrBlock: '10.0.4.0/24' })] })).toBe(
      "network.subnets[1].cidrBlock '10.0.4.0/24' overlaps network.subnets[0].cidrBlock '10.0.0.0/16' in vpc-1; subnets of one VPC must not overlap.",
    );
  });

  it('rejects an Availability Zone of another Region', () => {
    expect(rejects({ subnets: [subnet({ availabilityZone: 'us-west-2a' })] })).toBe(
      "network.subnets[0].availabilityZone 'us-west-2a' is not an Availability Zone of us-east-1 (us-east-1a, us-east-1b, us-east-1c, us-east-1d, us-east-1e, us-east-1f).",
    );
    expect(rejects({ subnets: [subnet({ availabilityZone: 'eu-west-1d' })] }, 'eu-west-1')).toContain("'eu-west-1d' is not an Availability Zone of eu-west-1");
  });

  it("rejects a security group whose VPC has no subnet", () => {
    expect(rejects({ subnets: [subnet()], securityGroups: [{ groupId: 'sg-1', vpcId: 'vpc-9' }] })).toBe(
      "network.securityGroups[0].vpcId 'vpc-9' is not the VPC of any configured subnet (the VPCs of the subnets are vpc-1).",
    );
    // The default VPC's id is generated, so a group cannot be attached to it by configuration.
    expect(rejects({ securityGroups: [{ groupId: 'sg-1', vpcId: 'vpc-1' }] })).toContain('no subnets are configured');
  });

  it('rejects duplicate group ids and duplicate group names within a VPC', () => {
    expect(rejects({ subnets: [subnet()], securityGroups: [{ groupId: 'sg-1', vpcId: 'vpc-1' }, { groupId: 'sg-1', vpcId: 'vpc-1', groupName: 'x' }] })).toContain(
      "network.securityGroups[1].groupId 'sg-1' duplicates network.securityGroups[0].groupId",
    );
    expect(
      rejects({
        subnets: [subnet()],
        securityGroups: [
          { groupId: 'sg-1', vpcId: 'vpc-1', groupName: 'default' },
          { groupId: 'sg-2', vpcId: 'vpc-1', groupName: 'default' },
        ],
      }),
    ).toBe("network.securityGroups[1].groupName 'default' is already used by network.securityGroups[0] in vpc-1; group names are unique per VPC.");
  });

  it('rejects ids that are not in EC2 formats', () => {
    expect(rejects({ subnets: [subnet({ subnetId: 'vpc-1' })] })).toContain("network.subnets[0].subnetId 'vpc-1' is not a subnet id");
    expect(rejects({ subnets: [subnet({ vpcId: 'subnet-1' })] })).toContain("network.subnets[0].vpcId 'subnet-1' is not a VPC id");
    expect(rejects({ subnets: [subnet()], securityGroups: [{ groupId: 'group', vpcId: 'vpc-1' }] })).toContain('is not a security group id');
  });

  it('reports every problem, in configuration order', () => {
    const issues = validateNetwork(
      { subnets: [subnet({ cidrBlock: 'nope' }), subnet({ subnetId: 'subnet-2', availabilityZone: 'mars-1a' })] },
      'us-east-1',
    );
    expect(issues).toHaveLength(2);
    expect(issues[0]).toMatch(/^network\.subnets\[0\]\.cidrBlock/);
    expect(issues[1]).toMatch(/^network\.subnets\[1\]\.availabilityZone/);
    expect(leftOf(resolveNetwork({ subnets: [subnet({ cidrBlock: 'nope' }), subnet({ subnetId: 'subnet-2', availabilityZone: 'mars-1a' })] }, 'us-east-1', 1))).toBe(
      issues.join('; '),
    );
  });

  it('reports values of the wrong type (configuration read from JSON) instead of throwing', () => {
    const fromJson = JSON.parse('{"subnets":[{"subnetId":7,"cidrBlock":null,"availabilityZone":"us-east-1a","vpcId":"vpc-1"},"x"],"securityGroups":{}}');
    expect(validateNetwork(fromJson as NetworkConfig, 'us-east-1')).toEqual(['network.securityGroups must be an array.']);
    const issues = validateNetwork({ subnets: fromJson.subnets } as NetworkConfig, 'us-east-1');
    expect(issues).toEqual([
      "network.subnets[0].subnetId 7 is not a subnet id: expected 'subnet-' followed by lowercase letters or digits.",
      'network.subnets[0].cidrBlock null is not a valid IPv4 CIDR block: expected a.b.c.d/n with octets 0-255 and n 0-32.',
      'network.subnets[1] must be an object with subnetId, cidrBlock, availabilityZone and vpcId.',
    ]);
  });

  test.prop([fc.anything()])('never throws on arbitrary input', (junk) => {
    const r = resolveNetwork(junk as NetworkConfig, 'us-east-1', 1);
    expect(E.isLeft(r) || E.isRight(r)).toBe(true);
  });
});

describe('resolveSubnet and isUsableIpOf', () => {
  it('resolves one subnet and knows its usable range (.4 to .14 in a /28)', () => {
    const r = resolveSubnet(subnet({ cidrBlock: '10.0.0.16/28' }), 'us-east-1');
    if (E.isLeft(r)) throw new Error(r.left);
    const s = r.right;
    expect(isUsableIpOf(s, ipToNumber('10.0.0.19')!)).toBe(false);
    expect(isUsableIpOf(s, ipToNumber('10.0.0.20')!)).toBe(true);
    expect(isUsableIpOf(s, ipToNumber('10.0.0.30')!)).toBe(true);
    expect(isUsableIpOf(s, ipToNumber('10.0.0.31')!)).toBe(false);
    expect(leftOf(resolveSubnet(subnet({ cidrBlock: '10.0.0.0/8' }), 'us-east-1'))).toContain('between /16 and /28');
  });
});
