import { describe, expect, test } from 'vitest';
import { baseUrl } from './api-info.js';

describe('baseUrl', () => {
  test('reaches a wildcard address through loopback and brackets IPv6', () => {
    expect(baseUrl('0.0.0.0', 3000)).toBe('http://127.0.0.1:3000');
    expect(baseUrl('::', 3000)).toBe('http://[::1]:3000');
    expect(baseUrl('::1', 3000)).toBe('http://[::1]:3000');
    expect(baseUrl('localhost', 3000)).toBe('http://localhost:3000');
  });
});
