import { expect, test } from 'vitest';
import type { AuthorizerAnswer } from './authorizer-answer.js';
import { AuthorizerAnswerCache } from './authorizer-cache.js';

const allow: AuthorizerAnswer = { kind: 'simple', isAuthorized: true, context: null };

test('serves an answer to the same authorizer and values until its TTL ends', () => {
  const cache = new AuthorizerAnswerCache();
  cache.set('Stack/Auth', ['token', 'v1'], allow, 300, 1_000);
  expect(cache.get('Stack/Auth', ['token', 'v1'], 300_999)).toBe(allow);
  expect(cache.get('Stack/Auth', ['token', 'v1'], 301_000)).toBeUndefined();
  expect(cache.get('Stack/Other', ['token', 'v1'], 2_000)).toBeUndefined();
});

test('never serves one list of values the answer cached for another, whatever characters they hold', () => {
  const cache = new AuthorizerAnswerCache();
  cache.set('Stack/Auth', ['a\u0000b', 'c'], allow, 300, 0);
  cache.set('Stack/Auth', ['1:x'], allow, 300, 0);
  for (const values of [['a', 'b\u0000c'], ['a\u0000b\u0000c'], ['a\u0000bc'], ['1:x', ''], ['1', 'x'], ['3:1:x']]) {
    expect(cache.get('Stack/Auth', values, 1)).toBeUndefined();
  }
  expect(cache.get('Stack/Au', ['th', 'a\u0000b', 'c'], 1)).toBeUndefined();
  expect(cache.get('Stack/Auth', ['a\u0000b', 'c'], 1)).toBe(allow);
});

test('an answer found by comparing with the last one found obeys the same TTL, and a new answer replaces it', () => {
  const cache = new AuthorizerAnswerCache();
  const deny: AuthorizerAnswer = { kind: 'simple', isAuthorized: false, context: null };
  cache.set('Stack/Auth', ['a'], allow, 10, 0);
  cache.set('Stack/Auth', ['b'], deny, 10, 0);
  expect(cache.get('Stack/Auth', ['a'], 1)).toBe(allow);
  expect(cache.get('Stack/Auth', ['a'], 2)).toBe(allow);
  expect(cache.get('Stack/Auth', ['b'], 3)).toBe(deny);
  cache.set('Stack/Auth', ['b'], allow, 10, 4);
  expect(cache.get('Stack/Auth', ['b'], 5)).toBe(allow);
  expect(cache.get('Stack/Auth', ['b'], 14_000)).toBeUndefined();
  expect(cache.get('Stack/Auth', ['b'], 1)).toBeUndefined();
  expect(cache.get('Stack/Auth', ['a'], 10_000)).toBeUndefined();
});
