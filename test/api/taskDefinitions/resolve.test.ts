import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { parseTaskDefinitionRef, resolveTaskDefinition } from '../../../src/api/taskDefinitions/resolve.js';
import { WorldTxn } from '../../../src/domain/txn.js';
import { fargateRequest, registerOk, run } from './helpers.js';

const scope = { region: 'us-east-1', accountId: '123456789012' };
const ARN = 'arn:aws:ecs:us-east-1:123456789012:task-definition';

describe('parseTaskDefinitionRef', () => {
  it.each([
    ['web', { family: 'web' }],
    ['web:12', { family: 'web', revision: 12 }],
    [`${ARN}/web:3`, { family: 'web', revision: 3 }],
    [`${ARN}/web`, { family: 'web' }],
  ])('parses %s', (ref, parsed) => {
    expect(parseTaskDefinitionRef(ref, scope)).toEqual(parsed);
  });

  it.each(['', ':1', 'web:0', 'web:01', 'web:-1', 'web:1:2', 'we b', 'arn:aws:ecs:us-east-1:123456789012:cluster/web',
    'arn:aws:ecs:us-west-2:123456789012:task-definition/web:1', `${ARN}/web/x:1`])('refuses %j', (ref) => {
    expect(parseTaskDefinitionRef(ref, scope)).toBeUndefined();
  });
});

describe('resolveTaskDefinition (for RunTask and services)', () => {
  let w = registerOk(fargateRequest()).world;
  w = registerOk(fargateRequest(), w).world;
  w = run(w, 'DeregisterTaskDefinition', { taskDefinition: 'web:2' }).world;
  const resolve = (ref: string) => resolveTaskDefinition(new WorldTxn(w), ref);

  it('resolves a family to its latest ACTIVE revision, and explicit ACTIVE revisions', () => {
    expect(resolve('web')).toMatchObject({ _tag: 'Right', right: { revision: 1, status: 'ACTIVE' } });
    expect(resolve(`${ARN}/web:1`)).toMatchObject({ _tag: 'Right', right: { arn: `${ARN}/web:1` } });
  });

  // Wording observed: "TaskDefinition not found." (CreateService, Cloud-CV/EvalAI#2419) and "TaskDefinition is
  // inactive" (RunTask, DefangLabs/defang#775).
  it('rejects unknown and inactive revisions as ECS does', () => {
    expect(resolve('nope')).toEqual(E.left({ name: 'ClientException', message: 'TaskDefinition not found.' }));
    expect(resolve('web:3')).toEqual(E.left({ name: 'ClientException', message: 'TaskDefinition not found.' }));
    expect(resolve('web:2')).toEqual(E.left({ name: 'InvalidParameterException', message: 'TaskDefinition is inactive' }));
  });
});
