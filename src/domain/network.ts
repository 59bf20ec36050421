/**
 * The EC2-shaped network a simulated account runs its `awsvpc` tasks in: subnets (with their CIDR blocks and
 * Availability Zones) and security groups, grouped by VPC (reference §8).
 *
 * {@link resolveNetwork} turns the user's {@link NetworkConfig} into a validated {@link ResolvedNetwork}. Without
 * subnets it builds the default VPC of a new AWS account: `172.31.0.0/16` with one default `/20` subnet per
 * Availability Zone of the Region and a `default` security group. Generated ids are hashes of the world's seed and
 * an index, so the same seed always gives the same ids without touching any generator state in the World.
 *
 * @module
 */
import * as E from 'fp-ts/lib/Either.js';
import { mix32 } from './rng.js';

// ---------------------------------------------------------------------------------------------------------------
// model
// ---------------------------------------------------------------------------------------------------------------

/**
 * One subnet as configured.
 *
 * @category model
 */
export interface SubnetConfig {
  readonly subnetId: string;
  /** IPv4 CIDR block, `/16` to `/28`, e.g. `10.0.0.0/24`. */
  readonly cidrBlock: string;
  readonly availabilityZone: string;
  readonly vpcId: string;
}

/**
 * One security group as configured.
 *
 * @category model
 */
export interface SecurityGroupConfig {
  readonly groupId: string;
  readonly vpcId: string;
  /** Defaults to the group id. A group named `default` is its VPC's default group. */
  readonly groupName?: string;
}

/**
 * The network part of a world's configuration. Omitted (or without subnets): the default VPC.
 *
 * @category model
 */
export interface NetworkConfig {
  readonly subnets?: readonly SubnetConfig[];
  readonly securityGroups?: readonly SecurityGroupConfig[];
}

/**
 * A validated subnet with its address arithmetic precomputed.
 *
 * @category model
 */
export interface Subnet extends SubnetConfig {
  /** The network address of the CIDR block as an unsigned 32-bit integer. */
  readonly firstAddress: number;
  readonly prefixLength: number;
  /** `2^(32 − prefixLength) − 5`: AWS reserves the first four and the last address of every subnet. */
  readonly usableIpCount: number;
}

/**
 * A validated security group.
 *
 * @category model
 */
export interface SecurityGroup extends SecurityGroupConfig {
  readonly groupName: string;
}

/**
 * The network of a world: subnets in configuration order, security groups (configured ones first, in
 * configuration order, then the synthesised `default` groups in VPC order), and each VPC's default group.
 *
 * @category model
 */
export interface ResolvedNetwork {
  readonly subnets: readonly Subnet[];
  readonly securityGroups: readonly SecurityGroup[];
  /** VPC id → id of its `default` security group (used when `awsvpcConfiguration.securityGroups` is omitted). */
  readonly defaultSecurityGroupByVpc: Readonly<Record<string, string>>;
}

// ---------------------------------------------------------------------------------------------------------------
// constants
// ---------------------------------------------------------------------------------------------------------------

/**
 * Smallest prefix length (largest subnet) EC2 accepts for a subnet.
 *
 * @category constants
 */
export const MIN_SUBNET_PREFIX_LENGTH = 16;
/**
 * Largest prefix length (smallest subnet) EC2 accepts for a subnet.
 *
 * @category constants
 */
export const MAX_SUBNET_PREFIX_LENGTH = 28;
/**
 * Addresses AWS reserves in every subnet: the network address, the VPC router, DNS, one for future use, and the
 * broadcast address (reference §8).
 *
 * @category constants
 */
export const RESERVED_IPS_PER_SUBNET = 5;
/**
 * Addresses reserved at the start of every subnet (the first usable address is `network + 4`).
 *
 * @category constants
 */
export const RESERVED_IPS_AT_START = 4;
/**
 * The CIDR block of every default VPC.
 *
 * @category constants
 */
export const DEFAULT_VPC_CIDR = '172.31.0.0/16';

/*
 * Availability Zone names a new account sees, per Region. Names map to physical zones per account, and some
 * letters are closed to new accounts (ap-northeast-1b, ca-central-1c), so the table lists the letters a new
 * account is offered. Regions not listed get three zones `a`, `b`, `c`.
 */
const AZ_LETTERS: Readonly<Record<string, string>> = {
  'us-east-1': 'abcdef',
  'us-east-2': 'abc',
  // Two zones open to new accounts; the letters observed are a and c (per-account mapping, so UNVERIFIED).
  'us-west-1': 'ac',
  'us-west-2': 'abcd',
  'ca-central-1': 'abd',
  'ca-west-1': 'abc',
  'sa-east-1': 'abc',
  'eu-west-1': 'abc',
  'eu-west-2': 'abc',
  'eu-west-3': 'abc',
  'eu-central-1': 'abc',
  'eu-central-2': 'abc',
  'eu-north-1': 'abc',
  'eu-south-1': 'abc',
  'eu-south-2': 'abc',
  'ap-east-1': 'abc',
  'ap-south-1': 'abc',
  'ap-south-2': 'abc',
  'ap-southeast-1': 'abc',
  'ap-southeast-2': 'abc',
  'ap-southeast-3': 'abc',
  'ap-southeast-4': 'abc',
  'ap-northeast-1': 'acd',
  'ap-northeast-2': 'abcd',
  'ap-northeast-3': 'abc',
  'me-south-1': 'abc',
  'me-central-1': 'abc',
  'af-south-1': 'abc',
  'il-central-1': 'abc',
};

// ---------------------------------------------------------------------------------------------------------------
// queries
// ---------------------------------------------------------------------------------------------------------------

/**
 * The Availability Zone names of a Region, in name order: a table for the main commercial Regions,
 * `<region>a/b/c` for any other.
 *
 * @category queries
 * @example
 * ```ts
 * availabilityZonesOf('us-west-2'); // ['us-west-2a', 'us-west-2b', 'us-west-2c', 'us-west-2d']
 * availabilityZonesOf('xx-test-1'); // ['xx-test-1a', 'xx-test-1b', 'xx-test-1c']
 * ```
 */
export function availabilityZonesOf(region: string): readonly string[] {
  // `Object.hasOwn` so that a Region named `constructor` or `toString` does not read the prototype.
  const letters = Object.hasOwn(AZ_LETTERS, region) ? AZ_LETTERS[region]! : 'abc';
  return Array.from(letters, (l) => `${region}${l}`);
}

/**
 * Dotted-quad form of an IPv4 address given as an unsigned 32-bit integer.
 *
 * @category utils
 * @example
 * ```ts
 * ipToString(0xac1f0004); // '172.31.0.4'
 * ```
 */
export function ipToString(n: number): string {
  const u = n >>> 0;
  // Concatenation would make a tree of strings for addresses of 13 characters or more; a task keeps its address
  // for life, so build it flat.
  const codes: number[] = [];
  putOctet(codes, u >>> 24);
  codes.push(46); // '.'
  putOctet(codes, (u >>> 16) & 255);
  codes.push(46);
  putOctet(codes, (u >>> 8) & 255);
  codes.push(46);
  putOctet(codes, u & 255);
  return String.fromCharCode.apply(null, codes);
}

function putOctet(codes: number[], octet: number): void {
  if (octet >= 100) codes.push(48 + Math.floor(octet / 100));
  if (octet >= 10) codes.push(48 + (Math.floor(octet / 10) % 10));
  codes.push(48 + (octet % 10));
}


const OCTET = '(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)';
const IP_RE = new RegExp(`^${OCTET}\\.${OCTET}\\.${OCTET}\\.${OCTET}$`);
const CIDR_RE = new RegExp(`^${OCTET}\\.${OCTET}\\.${OCTET}\\.${OCTET}/(3[0-2]|[12]?\\d)$`);

/**
 * The unsigned 32-bit integer of a dotted-quad IPv4 address, or `undefined` when `ip` is not one (octets 0–255,
 * no leading zeros, nothing around it).
 *
 * @category utils
 * @example
 * ```ts
 * ipToNumber('10.0.0.4'); // 167772164
 * ipToNumber('10.0.0.256'); // undefined
 * ```
 */
export function ipToNumber(ip: string): number | undefined {
  const m = typeof ip === 'string' ? IP_RE.exec(ip) : null;
  if (!m) return undefined;
  return ((Number(m[1]) << 24) | (Number(m[2]) << 16) | (Number(m[3]) << 8) | Number(m[4])) >>> 0;
}

/**
 * Parses an IPv4 CIDR block such as `10.0.0.0/24`. Returns `undefined` when the syntax is wrong (bad octet,
 * prefix outside 0–32) or when host bits are set (`10.0.0.5/24` names no network, and EC2 rejects it).
 *
 * @category utils
 * @example
 * ```ts
 * parseCidr('10.1.0.0/16'); // { network: 167837696, prefixLength: 16 }
 * parseCidr('10.1.0.1/16'); // undefined
 * ```
 */
export function parseCidr(cidr: string): { network: number; prefixLength: number } | undefined {
  const p = parseCidrLoose(cidr);
  return p && p.address === networkOf(p.address, p.prefixLength)
    ? { network: p.address, prefixLength: p.prefixLength }
    : undefined;
}

/** Syntax only: the address as written (host bits allowed) and the prefix length. */
function parseCidrLoose(cidr: string): { address: number; prefixLength: number } | undefined {
  const m = typeof cidr === 'string' ? CIDR_RE.exec(cidr) : null;
  if (!m) return undefined;
  const address = ((Number(m[1]) << 24) | (Number(m[2]) << 16) | (Number(m[3]) << 8) | Number(m[4])) >>> 0;
  return { address, prefixLength: Number(m[5]) };
}

/** The address with its host bits cleared. Prefix 0 is special-cased because `x << 32` is `x` in JavaScript. */
function networkOf(address: number, prefixLength: number): number {
  if (prefixLength === 0) return 0;
  return (address & (0xffffffff << (32 - prefixLength))) >>> 0;
}

/**
 * Usable addresses of a subnet of the given prefix length: `2^(32 − prefix) − 5`.
 *
 * @category utils
 * @example
 * ```ts
 * usableIpCountOf(28); // 11
 * usableIpCountOf(16); // 65531
 * ```
 */
export function usableIpCountOf(prefixLength: number): number {
  return 2 ** (32 - prefixLength) - RESERVED_IPS_PER_SUBNET;
}

/**
 * Whether `ip` lies inside a subnet's usable range (not one of the five reserved addresses).
 *
 * @category queries
 */
export function isUsableIpOf(subnet: Subnet, ip: number): boolean {
  const offset = ip - subnet.firstAddress - RESERVED_IPS_AT_START;
  return Number.isInteger(offset) && offset >= 0 && offset < subnet.usableIpCount;
}

// ---------------------------------------------------------------------------------------------------------------
// deterministic ids
// ---------------------------------------------------------------------------------------------------------------

const ID_KINDS = { vpc: 1, subnet: 2, sg: 3 } as const;

/**
 * `<kind>-` + 17 hex characters, a pure function of (seed, kind, index). 17 hex is the length of EC2's long
 * resource ids (`subnet-0123456789abcdef0`).
 */
function generatedId(seed: number, kind: keyof typeof ID_KINDS, index: number): string {
  const base = mix32(mix32(seed >>> 0) ^ Math.imul(ID_KINDS[kind], 0x9e3779b9) ^ mix32(index + 0x632be5ab));
  let hex = '';
  for (let word = 0; hex.length < 17; word++) {
    hex += mix32(base + Math.imul(word + 1, 0x85ebca6b)).toString(16).padStart(8, '0');
  }
  return `${kind}-${hex.slice(0, 17)}`;
}

/** Mints ids that differ from every id already taken (configured or generated), by trying the next index. */
function idMinter(seed: number, taken: Set<string>): (kind: keyof typeof ID_KINDS) => string {
  const next: Record<keyof typeof ID_KINDS, number> = { vpc: 0, subnet: 0, sg: 0 };
  return (kind) => {
    // A collision needs two 68-bit hashes to meet, so this loop runs once in practice; the bound keeps it finite.
    for (let attempt = 0; attempt < 1000; attempt++) {
      const id = generatedId(seed, kind, next[kind]++);
      if (!taken.has(id)) {
        taken.add(id);
        return id;
      }
    }
    /* c8 ignore next -- unreachable: a thousand consecutive 68-bit collisions */
    return `${kind}-${'f'.repeat(17)}`;
  };
}

// ---------------------------------------------------------------------------------------------------------------
// validation and resolution
// ---------------------------------------------------------------------------------------------------------------

const SUBNET_ID_RE = /^subnet-[0-9a-z]+$/;
const VPC_ID_RE = /^vpc-[0-9a-z]+$/;
const SG_ID_RE = /^sg-[0-9a-z]+$/;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
const quote = (v: unknown): string => (typeof v === 'string' ? `'${v}'` : String(v));

/**
 * Every problem in a network configuration, as sentences naming the field path (`network.subnets[2].cidrBlock …`),
 * in configuration order; empty when the configuration is valid. Checks: ids in EC2's formats; CIDR syntax,
 * network alignment and the `/16`–`/28` range; no duplicate subnet ids; no overlapping subnets within one VPC;
 * Availability Zones of `region`; security groups in a VPC of some subnet, with unique ids and unique names per VPC.
 *
 * The configuration may come from JSON, so values of the wrong type are reported rather than trusted.
 *
 * @category validation
 * @example
 * ```ts
 * validateNetwork({ subnets: [{ subnetId: 'subnet-1', cidrBlock: '10.0.0.0/8', availabilityZone: 'us-east-1a', vpcId: 'vpc-1' }] }, 'us-east-1');
 * // ["network.subnets[0].cidrBlock '10.0.0.0/8' is outside the allowed subnet sizes: the prefix length must be between /16 and /28."]
 * ```
 */
export function validateNetwork(config: NetworkConfig | undefined, region: string): string[] {
  const issues: string[] = [];
  if (config === undefined || config === null) return issues;
  if (!isObject(config)) return ['network must be an object with optional subnets and securityGroups.'];
  const subnets: unknown = config.subnets;
  const groups: unknown = config.securityGroups;
  if (subnets !== undefined && subnets !== null && !Array.isArray(subnets)) issues.push('network.subnets must be an array.');
  if (groups !== undefined && groups !== null && !Array.isArray(groups)) issues.push('network.securityGroups must be an array.');
  if (issues.length > 0) return issues;

  const zones = availabilityZonesOf(region);
  const vpcs = new Set<string>();
  const subnetIndexById = new Map<string, number>();
  // Parsed blocks per VPC, for the overlap check (a handful of subnets: pairwise comparison is fine).
  const blocksByVpc = new Map<string, Array<{ index: number; first: number; last: number; cidr: string }>>();

  ((subnets ?? []) as readonly unknown[]).forEach((s, i) => {
    const at = `network.subnets[${i}]`;
    if (!isObject(s)) {
      issues.push(`${at} must be an object with subnetId, cidrBlock, availabilityZone and vpcId.`);
      return;
    }
    const { subnetId, cidrBlock, availabilityZone, vpcId } = s;
    if (typeof subnetId !== 'string' || !SUBNET_ID_RE.test(subnetId)) {
      issues.push(`${at}.subnetId ${quote(subnetId)} is not a subnet id: expected 'subnet-' followed by lowercase letters or digits.`);
    } else if (subnetIndexById.has(subnetId)) {
      issues.push(`${at}.subnetId '${subnetId}' duplicates network.subnets[${subnetIndexById.get(subnetId)}].subnetId; subnet ids must be unique.`);
    } else {
      subnetIndexById.set(subnetId, i);
    }
    const vpcOk = typeof vpcId === 'string' && VPC_ID_RE.test(vpcId);
    if (!vpcOk) issues.push(`${at}.vpcId ${quote(vpcId)} is not a VPC id: expected 'vpc-' followed by lowercase letters or digits.`);
    else vpcs.add(vpcId);
    if (typeof availabilityZone !== 'string' || !zones.includes(availabilityZone)) {
      issues.push(`${at}.availabilityZone ${quote(availabilityZone)} is not an Availability Zone of ${region} (${zones.join(', ')}).`);
    }
    const loose = typeof cidrBlock === 'string' ? parseCidrLoose(cidrBlock) : undefined;
    if (loose === undefined) {
      issues.push(`${at}.cidrBlock ${quote(cidrBlock)} is not a valid IPv4 CIDR block: expected a.b.c.d/n with octets 0-255 and n 0-32.`);
      return;
    }
    const network = networkOf(loose.address, loose.prefixLength);
    if (loose.prefixLength < MIN_SUBNET_PREFIX_LENGTH || loose.prefixLength > MAX_SUBNET_PREFIX_LENGTH) {
      issues.push(`${at}.cidrBlock '${String(cidrBlock)}' is outside the allowed subnet sizes: the prefix length must be between /${MIN_SUBNET_PREFIX_LENGTH} and /${MAX_SUBNET_PREFIX_LENGTH}.`);
      return;
    }
    if (network !== loose.address) {
      issues.push(`${at}.cidrBlock '${String(cidrBlock)}' has host bits set: its network address is ${ipToString(network)}/${loose.prefixLength}.`);
      return;
    }
    if (!vpcOk) return;
    // Subnets of one VPC may not overlap (EC2 refuses a conflicting CIDR); across VPCs they may.
    const first = network;
    const last = network + 2 ** (32 - loose.prefixLength) - 1;
    const blocks = blocksByVpc.get(vpcId) ?? [];
    const clash = blocks.find((b) => first <= b.last && b.first <= last);
    if (clash) {
      issues.push(`${at}.cidrBlock '${String(cidrBlock)}' overlaps network.subnets[${clash.index}].cidrBlock '${clash.cidr}' in ${vpcId}; subnets of one VPC must not overlap.`);
    } else {
      blocks.push({ index: i, first, last, cidr: String(cidrBlock) });
      blocksByVpc.set(vpcId, blocks);
    }
  });

  // Without subnets the network is the default VPC, whose id is generated: no configured group can name it.
  const groupIndexById = new Map<string, number>();
  const groupIndexByVpcName = new Map<string, number>();
  ((groups ?? []) as readonly unknown[]).forEach((g, i) => {
    const at = `network.securityGroups[${i}]`;
    if (!isObject(g)) {
      issues.push(`${at} must be an object with groupId, vpcId and an optional groupName.`);
      return;
    }
    const { groupId, vpcId, groupName } = g;
    if (typeof groupId !== 'string' || !SG_ID_RE.test(groupId)) {
      issues.push(`${at}.groupId ${quote(groupId)} is not a security group id: expected 'sg-' followed by lowercase letters or digits.`);
    } else if (groupIndexById.has(groupId)) {
      issues.push(`${at}.groupId '${groupId}' duplicates network.securityGroups[${groupIndexById.get(groupId)}].groupId; group ids must be unique.`);
    } else {
      groupIndexById.set(groupId, i);
    }
    if (typeof vpcId !== 'string' || !vpcs.has(vpcId)) {
      const known = vpcs.size > 0 ? `the VPCs of the subnets are ${[...vpcs].join(', ')}` : 'no subnets are configured';
      issues.push(`${at}.vpcId ${quote(vpcId)} is not the VPC of any configured subnet (${known}).`);
      return;
    }
    if (groupName !== undefined && groupName !== null && (typeof groupName !== 'string' || groupName === '')) {
      issues.push(`${at}.groupName ${quote(groupName)} must be a non-empty string.`);
      return;
    }
    const name = typeof groupName === 'string' ? groupName : String(groupId);
    const key = `${vpcId}\u0000${name}`;
    const prior = groupIndexByVpcName.get(key);
    if (prior !== undefined) {
      issues.push(`${at}.groupName '${name}' is already used by network.securityGroups[${prior}] in ${vpcId}; group names are unique per VPC.`);
    } else {
      groupIndexByVpcName.set(key, i);
    }
  });
  return issues;
}

/**
 * Validates a network configuration and resolves it (see the module documentation for the default VPC).
 * Returns every problem found, joined by `; `, as a Left.
 *
 * Every VPC gets a default security group: a configured group named `default`, or else a synthesised one (every
 * real VPC has one, and ECS uses it when `awsvpcConfiguration.securityGroups` is omitted).
 *
 * @param seedForIds the world's seed; generated ids (`vpc-`, `subnet-`, `sg-` + 17 hex) are a pure function of it.
 * @category constructors
 * @example
 * ```ts
 * const net = resolveNetwork(undefined, 'eu-west-1', 42);
 * // Right: 3 subnets 172.31.0.0/20, 172.31.16.0/20, 172.31.32.0/20 in eu-west-1a/b/c, one 'default' group
 * ```
 */
export function resolveNetwork(
  config: NetworkConfig | undefined,
  region: string,
  seedForIds: number,
): E.Either<string, ResolvedNetwork> {
  const issues = validateNetwork(config, region);
  if (issues.length > 0) return E.left(issues.join('; '));

  const configured = config?.subnets ?? [];
  const configuredGroups = config?.securityGroups ?? [];
  const taken = new Set<string>([
    ...configured.flatMap((s) => [s.subnetId, s.vpcId]),
    ...configuredGroups.map((g) => g.groupId),
  ]);
  const mint = idMinter(seedForIds, taken);

  const subnets: Subnet[] = configured.length > 0 ? configured.map(toSubnet) : defaultVpcSubnets(region, mint);

  const vpcOrder: string[] = [];
  for (const s of subnets) if (!vpcOrder.includes(s.vpcId)) vpcOrder.push(s.vpcId);

  const securityGroups: SecurityGroup[] = configuredGroups.map((g) => ({
    groupId: g.groupId,
    vpcId: g.vpcId,
    groupName: g.groupName ?? g.groupId,
  }));
  const defaultSecurityGroupByVpc: Record<string, string> = {};
  for (const vpcId of vpcOrder) {
    const own = securityGroups.find((g) => g.vpcId === vpcId && g.groupName === 'default');
    if (own) {
      defaultSecurityGroupByVpc[vpcId] = own.groupId;
    } else {
      const groupId = mint('sg');
      securityGroups.push({ groupId, vpcId, groupName: 'default' });
      defaultSecurityGroupByVpc[vpcId] = groupId;
    }
  }
  return E.right({ subnets, securityGroups, defaultSecurityGroupByVpc });
}

/**
 * Validates one subnet on its own (as the only subnet of a network in `region`) and adds its address arithmetic.
 * Handy for tests and for tools that build a subnet outside a world configuration.
 *
 * @category constructors
 * @example
 * ```ts
 * resolveSubnet({ subnetId: 'subnet-1', cidrBlock: '10.0.0.0/28', availabilityZone: 'us-east-1a', vpcId: 'vpc-1' }, 'us-east-1');
 * // Right({ …, firstAddress: 167772160, prefixLength: 28, usableIpCount: 11 })
 * ```
 */
export function resolveSubnet(config: SubnetConfig, region: string): E.Either<string, Subnet> {
  const issues = validateNetwork({ subnets: [config] }, region);
  return issues.length > 0 ? E.left(issues.join('; ')) : E.right(toSubnet(config));
}

/** A validated subnet config with its address arithmetic. */
function toSubnet(s: SubnetConfig): Subnet {
  // Validated before: the CIDR parses, is aligned and within /16–/28.
  const { network, prefixLength } = parseCidr(s.cidrBlock)!;
  return {
    subnetId: s.subnetId,
    cidrBlock: s.cidrBlock,
    availabilityZone: s.availabilityZone,
    vpcId: s.vpcId,
    firstAddress: network,
    prefixLength,
    usableIpCount: usableIpCountOf(prefixLength),
  };
}

/** The default VPC's subnets: consecutive /20 blocks of 172.31.0.0/16, one per Availability Zone, in AZ order. */
function defaultVpcSubnets(region: string, mint: (kind: keyof typeof ID_KINDS) => string): Subnet[] {
  const vpcId = mint('vpc');
  const base = parseCidr(DEFAULT_VPC_CIDR)!.network;
  const blockSize = 2 ** (32 - 20);
  // A /16 holds 16 /20 blocks; no Region has more than six zones, but the bound keeps the arithmetic honest.
  return availabilityZonesOf(region)
    .slice(0, 16)
    .map((availabilityZone, i) => {
      const firstAddress = base + i * blockSize;
      return {
        subnetId: mint('subnet'),
        cidrBlock: `${ipToString(firstAddress)}/20`,
        availabilityZone,
        vpcId,
        firstAddress,
        prefixLength: 20,
        usableIpCount: usableIpCountOf(20),
      };
    });
}
