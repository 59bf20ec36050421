// The order of requiresAttributes: a Java HashSet's iteration order over Lombok-hashed (name, value) pairs. The
// expected lists are copied from DescribeTaskDefinition outputs in the public corpus (shared/corpus/task-definitions).
import { describe, expect, it } from 'vitest';
import { attributeHash, hashSetCapacity, inHashSetOrder, javaStringHash } from '../../../src/api/taskDefinitions/attributeOrder.js';

const C = 'com.amazonaws.ecs.capability.';
const E = 'ecs.capability.';
const attrs = (names: string[]) => names.map((name) => ({ name }));

describe('attribute order', () => {
  it('hashes strings as java.lang.String#hashCode does (32-bit overflow included)', () => {
    expect(javaStringHash('')).toBe(0);
    expect(javaStringHash('a')).toBe(97);
    expect(javaStringHash('hello')).toBe(99162322);
    expect(javaStringHash('polygenelubricants')).toBe(-2147483648); // the classic Integer.MIN_VALUE hash
  });

  it('hashes an attribute like Lombok: (59 + name) * 59 + 43 for a null value, else + the value\'s hash', () => {
    expect(attributeHash({ name: 'a' })).toBe((59 + 97) * 59 + 43);
    expect(attributeHash({ name: 'a', value: 'b' })).toBe((59 + 97) * 59 + 98);
  });

  it('grows the table like java.util.HashMap: 16 buckets up to 12 entries, then doubling past three quarters', () => {
    expect([0, 12, 13, 24, 25, 48, 49].map(hashSetCapacity)).toEqual([16, 16, 32, 32, 64, 64, 128]);
  });

  it('reproduces a 10-attribute list (corpus 0012) from its rule-evaluation order', () => {
    const aws = [
      `${C}logging-driver.awslogs`, `${E}execution-role-awslogs`, `${C}ecr-auth`, `${C}docker-remote-api.1.19`,
      `${E}secrets.asm.environment-variables`, `${C}task-iam-role`, `${E}execution-role-ecr-pull`,
      `${C}docker-remote-api.1.18`, `${E}task-eni`, `${C}docker-remote-api.1.29`,
    ];
    const evaluated = [
      `${C}docker-remote-api.1.18`, `${E}task-eni`, `${C}ecr-auth`, `${E}execution-role-ecr-pull`, `${C}logging-driver.awslogs`,
      `${C}docker-remote-api.1.19`, `${E}execution-role-awslogs`, `${C}docker-remote-api.1.29`,
      `${E}secrets.asm.environment-variables`, `${C}task-iam-role`,
    ];
    expect(inHashSetOrder(attrs(evaluated)).map((a) => a.name)).toEqual(aws);
  });

  it('reorders at 13 attributes, when the table doubles (corpus 0343)', () => {
    const aws = [
      `${C}ecr-auth`, `${E}firelens.options.config.file`, `${C}docker-remote-api.1.17`, `${E}increased-task-cpu-limit`,
      `${C}logging-driver.awsfirelens`, `${C}task-iam-role`, `${C}docker-remote-api.1.22`, `${E}execution-role-ecr-pull`,
      `${C}docker-remote-api.1.18`, `${E}task-eni`, `${C}docker-remote-api.1.19`, `${E}firelens.fluentbit`, `${C}docker-remote-api.1.25`,
    ];
    const shuffled = [...aws].reverse();
    // Only attributes sharing a bucket keep their insertion order: 1.19 before fluentbit, awsfirelens before task-iam-role,
    // 1.18 before task-eni, ecr-auth before firelens.options.config.file.
    const evaluated = shuffled.filter((n) => ![`${E}firelens.fluentbit`, `${C}task-iam-role`, `${E}task-eni`, `${E}firelens.options.config.file`].includes(n));
    evaluated.push(`${E}firelens.fluentbit`, `${C}task-iam-role`, `${E}task-eni`, `${E}firelens.options.config.file`);
    expect(inHashSetOrder(attrs(evaluated)).map((a) => a.name)).toEqual(aws);
  });

  it('keeps within a bucket the order of first insertion, and drops repeats', () => {
    // 1.18 and task-eni share a bucket in a 16-bucket table; the corpus always shows the one inserted first first.
    const a = inHashSetOrder(attrs([`${C}docker-remote-api.1.18`, `${E}task-eni`, `${C}docker-remote-api.1.18`]));
    const b = inHashSetOrder(attrs([`${E}task-eni`, `${C}docker-remote-api.1.18`]));
    expect(a.map((x) => x.name)).toEqual([`${C}docker-remote-api.1.18`, `${E}task-eni`]);
    expect(b.map((x) => x.name)).toEqual([`${E}task-eni`, `${C}docker-remote-api.1.18`]);
  });
});
