import { describe, expect, it } from 'vitest';
import { jsonSizeUpperBound, utf8Length } from '../../../src/api/taskDefinitions/validateTaskDefinitionSize.js';
import { expectAccepted, expectRejected, withContainer } from './helpers.js';

const withEnv = (totalValueChars: number, char = 'x') =>
  withContainer({ environment: [{ name: 'BLOB', value: char.repeat(totalValueChars) }] });

describe('task definition size (64 KiB)', () => {
  it('measures UTF-8 bytes', () => {
    expect(utf8Length('a\u00e9\u20ac\u{1f600}')).toBe(1 + 2 + 3 + 4);
    expect(utf8Length('\ud800')).toBe(3); // a lone surrogate is written as U+FFFD (3 bytes)
  });

  it('bounds the JSON size from above', () => {
    for (const v of [{ a: 'x\u00e9"\n', b: [1, true, null, { c: 'd' }] }, ['\u{1f600}'], 'plain']) {
      expect(jsonSizeUpperBound(v, 1e9)).toBeGreaterThanOrEqual(utf8Length(JSON.stringify(v)));
    }
  });

  it('accepts a definition just under the limit and rejects one just over it', () => {
    // The base request serialises to a few hundred bytes; find the exact boundary by measuring it.
    const base = JSON.stringify(withEnv(0)).length;
    expectAccepted(withEnv(65_536 - base));
    expectRejected(
      withEnv(65_536 - base + 1),
      'ClientException',
      'The task definition is 65537 bytes as JSON; the maximum size is 65536 bytes (64 KiB).',
    );
  });

  it('counts multi-byte characters as bytes', () => {
    const base = JSON.stringify(withEnv(0)).length;
    const n = Math.floor((65_536 - base) / 2) + 1; // 2 bytes each: just over
    expectRejected(withEnv(n, '\u00e9'), 'ClientException', `The task definition is ${base + 2 * n} bytes as JSON; the maximum size is 65536 bytes (64 KiB).`);
  });

  it('does not count tags or unknown members', () => {
    const base = JSON.stringify(withEnv(0)).length;
    const atLimit = withEnv(65_536 - base);
    expectAccepted({ ...atLimit, tags: [{ key: 'k', value: 'v'.repeat(256) }], somethingElse: 'y'.repeat(1000) });
  });
});
