import { describe, expect, it } from 'vitest';
import type { DomainModel } from '../model/index.js';
import { resolveCustomDomain, stagePath } from './resolve-custom-domain.js';

const ref = (logicalId: string) => ({ stackName: 'S', logicalId });
const mapping = (apiId: string, apiMappingKey: string, stage = 'prod') => ({ ref: ref(`M${apiId}${apiMappingKey}`), apiId, stage, apiMappingKey });
const domains: DomainModel[] = [
  { ref: ref('Api'), domainName: 'api.example.com', mappings: [mapping('api1', ''), mapping('api2', 'orders/v1/items'), mapping('api3', 'orders/v2/items'), mapping('api4', 'orders/v2/items/categories')] },
  { ref: ref('Wild'), domainName: '*.example.org', mappings: [mapping('ws1', 'chat', '$default')] },
];

describe('resolveCustomDomain (base path mappings)', () => {
  it('picks the longest mapping key that prefixes the path segment by segment, else the empty mapping, as AWS documents', () => {
    expect(resolveCustomDomain(domains, 'api.example.com', '/orders/v1/items/123')).toMatchObject({ kind: 'mapped', mapping: { apiId: 'api2' }, remainder: '/123' });
    expect(resolveCustomDomain(domains, 'API.example.com:8443', '/orders/v2/items/categories/5')).toMatchObject({ mapping: { apiId: 'api4' }, remainder: '/5' });
    expect(resolveCustomDomain(domains, 'api.example.com', '/customers')).toMatchObject({ mapping: { apiId: 'api1' }, remainder: '/customers' });
    expect(resolveCustomDomain(domains, 'api.example.com', '/orders/v1/itemsx')).toMatchObject({ mapping: { apiId: 'api1' } });
    expect(resolveCustomDomain(domains, 'api.example.com', '/orders/v1/items')).toMatchObject({ mapping: { apiId: 'api2' }, remainder: '/' });
  });

  it('serves subdomains of a wildcard domain, and says when the host or the path has no mapping', () => {
    expect(resolveCustomDomain(domains, 'eu.example.org', '/chat')).toMatchObject({ kind: 'mapped', mapping: { apiId: 'ws1' } });
    expect(resolveCustomDomain(domains, 'eu.example.org', '/other')).toMatchObject({ kind: 'no-mapping' });
    expect(resolveCustomDomain(domains, 'example.org', '/chat')).toMatchObject({ kind: 'unknown-host', host: 'example.org' });
    expect(resolveCustomDomain(domains, '127.0.0.1:8443', '/')).toMatchObject({ kind: 'unknown-host' });
  });

  it('serves the remainder under the mapped stage', () => {
    expect(stagePath({ stage: 'prod' }, '/books/1')).toBe('/prod/books/1');
    expect(stagePath({ stage: '$default' }, '/books/1')).toBe('/books/1');
  });
});
