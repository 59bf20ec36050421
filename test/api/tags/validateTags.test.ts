import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { validateTags } from '../../../src/api/tags/tags.js';

// Tag limits: key 1–128 and value 0–256 Unicode characters
// (https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_Tag.html).
describe('validateTags length limits count characters, not UTF-16 units', () => {
  it('accepts a 128-character key made of astral letters (Deseret 𐐀) (256 UTF-16 units)', () => {
    const key = '𐐀'.repeat(128);
    expect(E.isRight(validateTags([{ key, value: 'v' }]))).toBe(true);
  });
  it('rejects a 129-character key', () => {
    const r = validateTags([{ key: 'k'.repeat(129), value: 'v' }]);
    expect(E.isLeft(r) && r.left).toEqual({
      name: 'InvalidParameterException',
      message: 'Tag keys must be between 1 and 128 characters (tags[0].key).',
    });
  });
  it('accepts a 256-character value of astral letters and rejects 257', () => {
    expect(E.isRight(validateTags([{ key: 'k', value: '𐐀'.repeat(256) }]))).toBe(true);
    const r = validateTags([{ key: 'k', value: '𐐀'.repeat(257) }]);
    expect(E.isLeft(r) && r.left.message).toBe('Tag values must be at most 256 characters (tags[0].value).');
  });
});
