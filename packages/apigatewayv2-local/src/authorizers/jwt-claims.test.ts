import { expect, test } from 'vitest';
import { renderClaims } from './jwt-claims.js';

test('renders every claim as a string, and a remembered token (the same payload) only once', () => {
  const payload = { sub: 'user-1', exp: 1787996002, groups: ['Admins', 'Readers'] };
  const first = renderClaims(payload);
  expect(first).toEqual({ sub: 'user-1', exp: '1787996002', groups: '[Admins Readers]' });
  expect(renderClaims(payload)).toBe(first);
  expect(renderClaims({ ...payload })).not.toBe(first);
});
