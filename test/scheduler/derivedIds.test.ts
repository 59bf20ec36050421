// Derived identifiers: the UUIDs formatted straight from 32-bit words must be exactly the version-4 UUIDs of the
// derived hex string (the format every World and snapshot so far was built with).
import { test } from '@fast-check/vitest';
import fc from 'fast-check';
import { describe, expect } from 'vitest';
import { attachmentIdOf, containerUuidOf, derivedHex } from '../../src/scheduler/derivedIds.js';

/** The reference formatting: 32 hex digits as a version-4 UUID, variant from the low bits of digit 16. */
function asUuid(h: string): string {
  const variant = '0123456789abcdef'[8 + (parseInt(h[16]!, 16) & 3)];
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('derived UUIDs', () => {
  test.prop([fc.integer({ min: 0, max: 0xffffffff }), fc.integer({ min: 0, max: 9 })])(
    'equal the version-4 UUID of the derived hex digits, for the attachment and every container',
    (seed, index) => {
      const attachment = attachmentIdOf(seed);
      expect(attachment).toBe(asUuid(derivedHex(seed, 2, 32)));
      expect(attachment).toMatch(UUID_V4);
      const container = containerUuidOf(seed, index);
      expect(container).toBe(asUuid(derivedHex(seed, 100 + index, 32)));
      expect(container).toMatch(UUID_V4);
    },
  );
});
