import { expect, test } from 'vitest';
import { VerifiedSignatures } from './verified-signatures.js';

test('remembers verified tokens for maxAgeMs, the one found last as any other', () => {
  const verified = new VerifiedSignatures(1_000);
  const first = { sub: 'first' };
  const second = { sub: 'second' };
  verified.set('token-1', first, 0);
  verified.set('token-2', second, 500);
  expect(verified.get('token-1', 999)).toBe(first);
  expect(verified.get('token-1', 999)).toBe(first);
  expect(verified.get('token-2', 1_000)).toBe(second);
  expect(verified.get('token-1', 1_000)).toBeUndefined();
  expect(verified.get('token-2', 1_500)).toBeUndefined();
  expect(verified.get('token-3', 0)).toBeUndefined();
});
