/**
 * EC2 instance types a container instance can be: what the ECS agent registers for each (CPU units, memory) and
 * how many awsvpc tasks it can host (reference §6.5, §8).
 *
 * Sources:
 * - vCPUs, installed memory, architecture: EC2 instance types (https://docs.aws.amazon.com/ec2/latest/instancetypes/gp.html,
 *   .../co.html, .../mo.html).
 * - Maximum network interfaces: EC2 "Maximum IP addresses per network interface"
 *   (https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/AvailableIpPerENI.html), cross-checked against AWS's generated
 *   table `aws/amazon-vpc-resource-controller-k8s` `pkg/aws/vpc/limits.go` (c5.large 3, c5.xlarge 4, c5.2xlarge 4,
 *   c5.4xlarge 8; the same pattern for every Nitro family below) and reference §6.5 (m5.large 2 tasks … m5.4xlarge 7).
 * - CPU: the agent registers 1,024 CPU units per vCPU (reference §6.5).
 * - Memory: the agent registers less than the installed memory ("platform memory overhead and memory occupied by the
 *   system kernel", https://docs.aws.amazon.com/AmazonECS/latest/developerguide/memory-management.html), minus
 *   `ECS_RESERVED_MEMORY` (default 0). AWS publishes no formula. **SIM RULE**: registered = floor(installed MiB × 0.96)
 *   − reservedMemoryMiB. Anchors: the DG's m4.large example registers 7,985 of 8,192 MiB (97.5 %, older AMI); an
 *   m6i.large on a current ECS-optimised AMI fits two 3,910 MiB tasks but not two 3,954 MiB ones
 *   (thewca/worldcubeassociation.org#9974), so it registers 7,820–7,907 MiB (95.5–96.5 %); 0.96 gives 7,864.
 * - awsvpc tasks without ENI trunking: one ENI per task, the primary ENI is the instance's own, so
 *   tasks = max ENIs − 1 (reference §6.5; DG/container-instance-eni.html).
 *
 * @module
 */

/** CPU architecture as ECS reports it in `ecs.cpu-architecture`. */
export type CpuArchitecture = 'x86_64' | 'arm64';

/** One row of the table. */
export interface InstanceTypeInfo {
  readonly instanceType: string;
  readonly vcpus: number;
  /** Installed memory (what EC2 advertises), MiB. */
  readonly memoryMiB: number;
  readonly architecture: CpuArchitecture;
  /** Maximum network interfaces of the instance type (EC2). */
  readonly maxEnis: number;
}

/** CPU units per vCPU registered by the agent. */
export const CPU_UNITS_PER_VCPU = 1024;
/** Share of installed memory the agent registers (SIM RULE, see the module comment). */
export const REGISTERED_MEMORY_SHARE = 0.96;

// Sizes: [suffix, vCPUs, memory GiB per vCPU multiplier is family-specific, max ENIs]. Every family below follows
// EC2's Nitro pattern for these sizes: large 3 ENIs, xlarge 4, 2xlarge 4, 4xlarge 8.
const SIZES = [
  ['large', 2, 3],
  ['xlarge', 4, 4],
  ['2xlarge', 8, 4],
  ['4xlarge', 16, 8],
] as const;

/** Families: name, GiB of memory per vCPU, architecture. */
const FAMILIES: ReadonlyArray<readonly [string, number, CpuArchitecture]> = [
  ['m5', 4, 'x86_64'],
  ['m6i', 4, 'x86_64'],
  ['m7g', 4, 'arm64'],
  ['c5', 2, 'x86_64'],
  ['c6g', 2, 'arm64'],
  ['r5', 8, 'x86_64'],
  ['t3', 4, 'x86_64'],
];

function buildTable(): ReadonlyMap<string, InstanceTypeInfo> {
  const rows: InstanceTypeInfo[] = [];
  for (const [family, gibPerVcpu, architecture] of FAMILIES) {
    for (const [size, vcpus, maxEnis] of SIZES) {
      // t3 sizes stop at 2xlarge (EC2 has no t3.4xlarge).
      if (family === 't3' && size === '4xlarge') continue;
      rows.push({ instanceType: `${family}.${size}`, vcpus, memoryMiB: vcpus * gibPerVcpu * 1024, architecture, maxEnis });
    }
  }
  // The small burstable sizes people run ECS demos on (EC2: t3.micro 2 vCPU/1 GiB/2 ENIs, t3.small 2/2/3, t3.medium 2/4/3).
  rows.push({ instanceType: 't3.micro', vcpus: 2, memoryMiB: 1024, architecture: 'x86_64', maxEnis: 2 });
  rows.push({ instanceType: 't3.small', vcpus: 2, memoryMiB: 2048, architecture: 'x86_64', maxEnis: 3 });
  rows.push({ instanceType: 't3.medium', vcpus: 2, memoryMiB: 4096, architecture: 'x86_64', maxEnis: 3 });
  return new Map(rows.map((r) => [r.instanceType, r]));
}

/** Every instance type the twin knows, by name. */
export const INSTANCE_TYPES: ReadonlyMap<string, InstanceTypeInfo> = buildTable();

/** What a container instance of a type registers with ECS. */
export interface RegisteredCapacity {
  readonly cpuUnits: number;
  readonly memoryMiB: number;
  /** awsvpc tasks the instance can host without ENI trunking (max ENIs − 1). */
  readonly taskEnis: number;
  readonly architecture: CpuArchitecture;
}

/**
 * The registered capacity of an instance type, or `undefined` for an unknown type (the caller reports the error).
 *
 * @param reservedMemoryMiB `ECS_RESERVED_MEMORY` of the agent configuration (default 0)
 * @example
 * ```ts
 * registeredCapacity('m5.xlarge'); // { cpuUnits: 4096, memoryMiB: 15728, taskEnis: 3, architecture: 'x86_64' }
 * ```
 */
export function registeredCapacity(instanceType: string, reservedMemoryMiB = 0): RegisteredCapacity | undefined {
  const info = INSTANCE_TYPES.get(instanceType);
  if (info === undefined) return undefined;
  return {
    cpuUnits: info.vcpus * CPU_UNITS_PER_VCPU,
    memoryMiB: Math.max(0, Math.floor(info.memoryMiB * REGISTERED_MEMORY_SHARE) - Math.max(0, Math.floor(reservedMemoryMiB))),
    taskEnis: info.maxEnis - 1,
    architecture: info.architecture,
  };
}
