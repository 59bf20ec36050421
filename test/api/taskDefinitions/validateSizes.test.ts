import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { validateSizes } from '../../../src/api/taskDefinitions/validateSizes.js';
import { LINUX_FARGATE_SIZES, WINDOWS_FARGATE_SIZES } from '../../../src/fargate/taskSizes.js';
import { ec2Request, expectAccepted, expectRejected, fargateRequest, registerOk } from './helpers.js';

const noFargate = (cpu: number, memory: number) =>
  `No Fargate configuration exists for given values: ${cpu} CPU, ${memory} memory. See the Amazon ECS documentation for the valid values.`;
const linux = { requiresFargate: true, isWindows: false };

describe('task size', () => {
  it('accepts exactly the 74 Linux pairs on Fargate', () => {
    for (const s of LINUX_FARGATE_SIZES) {
      expect(E.isRight(validateSizes(String(s.cpuUnits), String(s.memoryMiB), linux)), `${s.cpuUnits}/${s.memoryMiB}`).toBe(true);
    }
    expect(E.isRight(validateSizes('256', '4096', linux))).toBe(false);
  });

  // The SIM RULE message of reference §1.1, wording observed via CloudFormation (towardsthecloud/aws-cdk-examples#1).
  it.each([
    ['512', '512', 512, 512],
    ['256', '3072', 256, 3072],
    ['1024', '1024', 1024, 1024],
    ['4096', '31744', 4096, 31744],
    ['8192', '18432', 8192, 18432],
    ['16384', '131072', 16384, 131072],
    ['128', '512', 128, 512],
    ['1 vCPU', '0.5GB', 1024, 512],
  ])('rejects cpu %s with memory %s on Fargate', (cpu, memory, c, m) => {
    expectRejected(fargateRequest({ cpu, memory }), 'ClientException', noFargate(c, m));
  });

  it('stores the text forms as integer strings', () => {
    const { output } = registerOk(fargateRequest({ cpu: '.25 vcpu', memory: '.5 gb' }));
    expect(output.taskDefinition).toMatchObject({ cpu: '256', memory: '512' });
    const big = registerOk(fargateRequest({ cpu: '2 vCPU', memory: '16 GB' }));
    expect(big.output.taskDefinition).toMatchObject({ cpu: '2048', memory: '16384' });
  });

  // Observed: "Fargate requires that 'cpu' be defined at the task level." (hackoregon/civic-devops#246).
  it('requires both values on Fargate, even when EC2 is also listed', () => {
    const both = ['EC2', 'FARGATE'];
    expectRejected(
      fargateRequest({ cpu: undefined, requiresCompatibilities: both }),
      'ClientException',
      "Fargate requires that 'cpu' be defined at the task level.",
    );
    expectRejected(fargateRequest({ memory: null }), 'ClientException', "Fargate requires that 'memory' be defined at the task level.");
  });

  // "Invalid 'cpu' setting for task." — DG/task-cpu-memory-error.html.
  it.each([
    [{ cpu: 'abc' }, "Invalid 'cpu' setting for task."],
    [{ cpu: '' }, "Invalid 'cpu' setting for task."],
    [{ cpu: '${CPU}' }, "Invalid 'cpu' setting for task."],
    [{ cpu: '0' }, "Invalid 'cpu' setting for task."],
    [{ memory: '1.5' }, "Invalid 'memory' setting for task."],
    [{ memory: '0' }, "Invalid 'memory' setting for task."],
  ])('rejects unparseable values %j', (change, message) => {
    expectRejected(fargateRequest(change), 'ClientException', message);
  });

  it('limits Windows on Fargate to the 1–4 vCPU rows', () => {
    const windows = { runtimePlatform: { operatingSystemFamily: 'WINDOWS_SERVER_2022_CORE', cpuArchitecture: 'X86_64' } };
    expect(WINDOWS_FARGATE_SIZES.every((s) => E.isRight(validateSizes(String(s.cpuUnits), String(s.memoryMiB), { requiresFargate: true, isWindows: true })))).toBe(true);
    expectAccepted(fargateRequest({ ...windows, cpu: '1024', memory: '2048' }));
    expectRejected(fargateRequest({ ...windows, cpu: '256', memory: '512' }), 'ClientException', noFargate(256, 512));
    expectRejected(fargateRequest({ ...windows, cpu: '8192', memory: '16384' }), 'ClientException', noFargate(8192, 16384));
  });

  // Current model: 128–196608 CPU units outside Fargate (reference §1.1, CHANGED Feb 2025).
  it('bounds task cpu outside Fargate to 128–196608 units, and leaves it optional', () => {
    expectAccepted(ec2Request());
    expectAccepted(ec2Request({ cpu: '128', memory: '128' }));
    expectAccepted(ec2Request({ cpu: '196608' }));
    expectAccepted(ec2Request({ cpu: '1536' }));
    expectRejected(ec2Request({ cpu: '127' }), 'ClientException', "Invalid 'cpu' setting for task.");
    expectRejected(ec2Request({ cpu: '196609' }), 'ClientException', "Invalid 'cpu' setting for task.");
  });
});
