import { describe, expect, test } from 'vitest';
import { arnLike } from './arn-like.js';

const ARN = 'arn:aws:execute-api:us-east-1:123456789012:abc123/$default/GET/books/{id}';

describe('arnLike (IAM ArnLike)', () => {
  test('matches an equal ARN and refuses another', () => {
    expect(arnLike(ARN, ARN)).toBe(true);
    expect(arnLike(ARN.replace('GET', 'POST'), ARN)).toBe(false);
  });

  test('`*` spans slashes inside the resource part, and may be empty', () => {
    expect(arnLike('arn:aws:execute-api:us-east-1:123456789012:abc123/*/*/books/{id}', ARN)).toBe(true);
    expect(arnLike('arn:aws:execute-api:us-east-1:123456789012:abc123/*', ARN)).toBe(true);
    expect(arnLike('arn:aws:execute-api:us-east-1:123456789012:abc123/*$default', 'arn:aws:execute-api:us-east-1:123456789012:abc123/prod/$default')).toBe(true);
    expect(arnLike('arn:aws:execute-api:us-east-1:123456789012:abc123/*/*/books', ARN)).toBe(false);
  });

  test('`?` stands for exactly one character', () => {
    expect(arnLike('arn:aws:execute-api:us-east-1:123456789012:abc12?/*', ARN)).toBe(true);
    expect(arnLike('arn:aws:execute-api:us-east-1:123456789012:abc1?/*', ARN)).toBe(false);
  });

  test('each colon-separated part is matched on its own: `*` does not cross into the next part', () => {
    expect(arnLike('arn:aws:execute-api:*:123456789012:abc123/*', ARN)).toBe(true);
    expect(arnLike('arn:aws:execute-api:*', ARN)).toBe(false);
    expect(arnLike('arn:aws:execute-api:us-east-1:999999999999:abc123/*', ARN)).toBe(false);
  });

  test('is case-sensitive', () => {
    expect(arnLike(ARN.replace('books', 'Books'), ARN)).toBe(false);
  });
});
