import { describe, expect, it } from 'vitest';
import { listSizeMessage } from '../../src/api/listSize.js';

describe('listSizeMessage', () => {
  // [OBS] the sentence ECS answers for an over-long list: "taskIds can have at most 100 items." (gchq/sleeper#555,
  // sil-org/ecs-deploy#266), "instanceIds can have at most 100 items." (traefik/traefik#3625).
  it('words a list limit as ECS does', () => {
    expect(listSizeMessage('taskIds', 100)).toBe('taskIds can have at most 100 items.');
    expect(listSizeMessage('instanceIds', 100)).toBe('instanceIds can have at most 100 items.');
    expect(listSizeMessage('subnets', 16)).toBe('subnets can have at most 16 items.');
  });
});
