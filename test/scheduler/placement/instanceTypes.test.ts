// The instance-type table against EC2's published figures (sources in src/scheduler/placement/instanceTypes.ts).
import { describe, expect, it } from 'vitest';
import { INSTANCE_TYPES, registeredCapacity } from '../../../src/scheduler/placement/instanceTypes.js';

describe('instance types', () => {
  it('has the m5/m6i/m7g/c5/c6g/r5/t3 families, large to 4xlarge (t3 to 2xlarge)', () => {
    for (const f of ['m5', 'm6i', 'm7g', 'c5', 'c6g', 'r5']) for (const s of ['large', 'xlarge', '2xlarge', '4xlarge']) expect(INSTANCE_TYPES.has(`${f}.${s}`)).toBe(true);
    expect(INSTANCE_TYPES.has('t3.2xlarge')).toBe(true);
  });

  it('registers 1024 CPU units per vCPU, 96 % of memory (SIM RULE), and max ENIs − 1 awsvpc tasks (reference §6.5)', () => {
    expect(registeredCapacity('m5.xlarge')).toEqual({ cpuUnits: 4096, memoryMiB: 15728, taskEnis: 3, architecture: 'x86_64' });
    // reference §6.5: c5.large 3 ENIs → 2 tasks; m5.4xlarge → 7 without trunking.
    expect(registeredCapacity('c5.large')?.taskEnis).toBe(2);
    expect(registeredCapacity('m5.4xlarge')?.taskEnis).toBe(7);
    expect(registeredCapacity('m7g.large')?.architecture).toBe('arm64');
    // ECS_RESERVED_MEMORY comes off the registered memory (DG/memory-management.html).
    expect(registeredCapacity('m5.large', 256)?.memoryMiB).toBe(7864 - 256);
    expect(registeredCapacity('x9.huge')).toBeUndefined();
  });
});
