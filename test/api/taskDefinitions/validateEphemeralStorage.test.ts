import { describe, expect, it } from 'vitest';
import { createWorld } from '../../../src/index.js';
import { expectAccepted, expectRejected, fargateRequest, registerOk } from './helpers.js';

describe('ephemeral storage', () => {
  it.each([21, 200])('accepts %i GiB', (sizeInGiB) => {
    expectAccepted(fargateRequest({ ephemeralStorage: { sizeInGiB } }));
  });

  it.each([0, 20, 201])('rejects %i GiB', (sizeInGiB) => {
    expectRejected(
      fargateRequest({ ephemeralStorage: { sizeInGiB } }),
      'ClientException',
      `ephemeralStorage.sizeInGiB must be between 21 and 200 GiB, but was ${sizeInGiB}.`,
    );
  });

  it('defaults to 20 GiB in the domain and stays absent on the wire', () => {
    const { world, output } = registerOk(fargateRequest(), createWorld());
    expect(output.taskDefinition.ephemeralStorage).toBeUndefined();
    expect([...world.taskDefinitions.values()][0]!.ephemeralStorageGiB).toBe(20);
    const big = registerOk(fargateRequest({ ephemeralStorage: { sizeInGiB: 50 } }));
    expect(big.output.taskDefinition.ephemeralStorage).toEqual({ sizeInGiB: 50 });
    expect([...big.world.taskDefinitions.values()][0]!.ephemeralStorageGiB).toBe(50);
  });
});
