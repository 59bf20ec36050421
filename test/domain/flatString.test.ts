import { fc, test } from '@fast-check/vitest';
import { expect } from 'vitest';
import { flatString } from '../../src/domain/flatString.js';

test.prop([fc.array(fc.string({ unit: 'binary' }), { maxLength: 12 })])('gives the same characters as the string built from parts', (parts) => {
  let built = '';
  for (const p of parts) built += p;
  expect(flatString(built)).toBe(built);
  expect(flatString(`(service ${built}) has reached a steady state.`)).toBe(`(service ${built}) has reached a steady state.`);
});
