import { describe, expect, it } from 'vitest';
import { canonicalJson, fingerprint, fnv1a64 } from '../../src/sim/fingerprint.js';

describe('fnv1a64', () => {
  // Reference vectors of FNV-1a 64 (Fowler/Noll/Vo test suite, http://www.isthe.com/chongo/tech/comp/fnv/).
  it('matches the published test vectors', () => {
    expect(fnv1a64('')).toBe('cbf29ce484222325');
    expect(fnv1a64('a')).toBe('af63dc4c8601ec8c');
    expect(fnv1a64('foobar')).toBe('85944171f73967e8');
  });

  it('hashes UTF-8 bytes (a non-ASCII text differs from its code units read as Latin-1)', () => {
    expect(fnv1a64('é')).not.toBe(fnv1a64('\u00c3\u00a9'));
    expect(fnv1a64('é')).toMatch(/^[0-9a-f]{16}$/);
  });
});

describe('canonicalJson and fingerprint', () => {
  it('sorts keys at every depth and drops undefined members', () => {
    expect(canonicalJson({ b: 1, a: [true, { d: null, c: 'x', e: undefined }] })).toBe('{"a":[true,{"c":"x","d":null}],"b":1}');
  });

  it('gives equal data built in another key order the same fingerprint, and different data another', () => {
    expect(fingerprint({ x: 1, y: { p: 2, q: 3 } })).toBe(fingerprint({ y: { q: 3, p: 2 }, x: 1 }));
    expect(fingerprint({ x: 1, y: { p: 2, q: 3 } })).not.toBe(fingerprint({ x: 1, y: { p: 2, q: 4 } }));
  });
});
