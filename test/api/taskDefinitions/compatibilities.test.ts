// compatibilities over time: the eras of src/api/taskDefinitions/compatibilities.ts, each backed by dated
// DescribeTaskDefinition exports of the public corpus (shared/corpus/task-definitions, `registeredAt`). Every dated
// export is checked against the era of its date in test/corpus/corpus.test.ts.
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import {
  COMPATIBILITY_ERAS,
  compatibilityEraAt,
  computeCompatibilities,
  CURRENT_COMPATIBILITY_ERA,
} from '../../../src/api/taskDefinitions/compatibilities.js';
import { validateRegistration } from '../../../src/api/taskDefinitions/validateRegistration.js';
import { RegisterTaskDefinitionRequestCodec } from '../../../src/codecs/taskDefinition.js';
import { ec2Request, fargateRequest, registerOk, type Req } from './helpers.js';

function ctxOf(req: Req) {
  const decoded = RegisterTaskDefinitionRequestCodec.decode(req);
  if (E.isLeft(decoded)) throw new Error('decode');
  const valid = validateRegistration(decoded.right);
  if (E.isLeft(valid)) throw new Error(valid.left.message);
  return valid.right.ctx;
}

const at = (iso: string) => compatibilityEraAt(Date.parse(iso));

describe('compatibilities over time', () => {
  it('lists its eras oldest first, the last being today\'s', () => {
    const starts = COMPATIBILITY_ERAS.map((e) => e.fromMs);
    expect([...starts].sort((a, b) => a - b)).toEqual(starts);
    expect(CURRENT_COMPATIBILITY_ERA).toBe(COMPATIBILITY_ERAS[COMPATIBILITY_ERAS.length - 1]);
  });

  it('gave non-awsvpc definitions EXTERNAL until 2023 (0188, 2023-02-16) and EC2 alone after (0093, 2023-10-24)', () => {
    const bridge = ctxOf(ec2Request());
    expect(computeCompatibilities(bridge, at('2023-02-16T12:44:20Z'))).toEqual(['EXTERNAL', 'EC2']);
    expect(computeCompatibilities(bridge, at('2023-10-24T21:03:57Z'))).toEqual(['EC2']);
  });

  it('added MANAGED_INSTANCES to awsvpc definitions from the launch on 2025-09-30 (0152 on 09-27 without, 0166 on 10-14 with)', () => {
    const awsvpc = ctxOf(fargateRequest());
    expect(computeCompatibilities(awsvpc, at('2025-09-27T23:28:34Z'))).toEqual(['EC2', 'FARGATE']);
    expect(computeCompatibilities(awsvpc, at('2025-10-14T15:05:26Z'))).toEqual(['EC2', 'FARGATE', 'MANAGED_INSTANCES']);
  });

  it('reordered them in June 2026 (0172 on 06-18 in the old order, 0112 on 06-23 in the new)', () => {
    const awsvpc = ctxOf(fargateRequest());
    expect(computeCompatibilities(awsvpc, at('2026-06-18T01:57:07Z'))).toEqual(['EC2', 'FARGATE', 'MANAGED_INSTANCES']);
    expect(computeCompatibilities(awsvpc, at('2026-06-23T15:27:03Z'))).toEqual(['EC2', 'MANAGED_INSTANCES', 'FARGATE']);
  });

  it('answers with today\'s rule in a world whose clock starts in 2024 (the twin does not follow the virtual date)', () => {
    expect(registerOk(fargateRequest()).output.taskDefinition.compatibilities).toEqual(['EC2', 'MANAGED_INSTANCES', 'FARGATE']);
    expect(registerOk(ec2Request()).output.taskDefinition.compatibilities).toEqual(['EC2']);
  });
});
