import { describe, expect, it } from 'vitest';
import { toRegisterRequest, validateText } from '../../src/cli/commands/validate.js';

describe('ecs-twin validate', () => {
  it('accepts a valid Fargate definition and prints its normalised size', () => {
    const text = JSON.stringify({
      family: 'web',
      requiresCompatibilities: ['FARGATE'],
      networkMode: 'awsvpc',
      cpu: '1 vCPU',
      memory: '2GB',
      containerDefinitions: [{ name: 'web', image: 'nginx' }],
    });
    expect(validateText(text)).toEqual({ ok: true, line: 'ACCEPTED web (cpu 1024, memory 2048)' });
  });

  it('prints the ECS exception for an invalid size', () => {
    const text = JSON.stringify({
      family: 'web',
      requiresCompatibilities: ['FARGATE'],
      networkMode: 'awsvpc',
      cpu: '256',
      memory: '4096',
      containerDefinitions: [{ name: 'web', image: 'nginx' }],
    });
    expect(validateText(text)).toEqual({
      ok: false,
      line: 'ClientException: No Fargate configuration exists for given values: 256 CPU, 4096 memory. See the Amazon ECS documentation for the valid values.',
    });
  });

  it('reports a file that is not JSON without throwing', () => {
    const v = validateText('{ not json');
    expect(v.ok).toBe(false);
    expect(v.line).toMatch(/^SerializationException: the file is not valid JSON/);
  });

  it('takes describe-task-definition output: unwraps it and strips read-only fields', () => {
    const described = {
      taskDefinition: { family: 'x', revision: 3, status: 'ACTIVE', taskDefinitionArn: 'arn', containerDefinitions: [] },
      tags: [{ key: 'a', value: 'b' }],
    };
    expect(toRegisterRequest(described)).toEqual({ family: 'x', containerDefinitions: [], tags: [{ key: 'a', value: 'b' }] });
  });
});
