import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { SERVICE_NOT_FOUND_MESSAGE, checkServiceExists } from '../../../src/api/tasks/checkServiceExists.js';
import { WorldTxn } from '../../../src/domain/txn.js';
import { createWorld } from '../../../src/engine/createWorld.js';

describe('checkServiceExists', () => {
  // [OBS] reference §3.8: "ServiceNotFoundException: Service not found." for a serviceName that does not exist.
  it('answers ServiceNotFoundException "Service not found." while the twin has no services', () => {
    const tx = new WorldTxn(createWorld());
    expect(checkServiceExists(tx, 'default', 'web')).toEqual(
      E.left({ name: 'ServiceNotFoundException', message: SERVICE_NOT_FOUND_MESSAGE }),
    );
    expect(SERVICE_NOT_FOUND_MESSAGE).toBe('Service not found.');
  });
});
