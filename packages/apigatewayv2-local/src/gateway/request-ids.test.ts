import { describe, expect, test } from 'vitest';
import { newApigwRequestId, newConnectionId, newLambdaRequestId } from './request-ids.js';

describe('request ids', () => {
  test('API Gateway ids are 15 base64 characters and "=", and do not repeat', () => {
    const ids = Array.from({ length: 1000 }, newApigwRequestId);
    for (const id of ids) expect(id).toMatch(/^[A-Za-z0-9+/]{15}=$/);
    expect(new Set(ids).size).toBe(ids.length);
  });

  test('Lambda request ids are UUIDs', () => {
    expect(newLambdaRequestId()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});

describe('newConnectionId', () => {
  test('is shaped like an AWS connection id and needs no escaping in a URL', () => {
    const ids = new Set(Array.from({ length: 200 }, () => newConnectionId()));
    expect(ids.size).toBe(200);
    for (const id of ids) {
      expect(id).toMatch(/^[A-Za-z0-9]{15}=$/);
      expect(encodeURIComponent(id)).toBe(id.replace('=', '%3D'));
    }
  });
});
