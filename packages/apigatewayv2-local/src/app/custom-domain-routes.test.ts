import { describe, expect, test } from 'vitest';
import type { HttpExchange } from '../http/answer-exchange.js';
import { httpApi } from '../http/http-test-fixtures.js';
import type { GatewayModel } from '../model/index.js';
import { webSocketApi } from '../websocket/websocket-test-fixtures.js';
import { customDomainRoutes, describeCustomDomains } from './custom-domain-routes.js';
import type { ServedListener } from './listen-api.js';

const http = httpApi({ routes: [] });
const ws = webSocketApi([]);
const ref = (logicalId: string) => ({ stackName: 'TestStack', logicalId });
const model: GatewayModel = {
  apis: [http, ws],
  functions: [],
  diagnostics: [],
  environment: { accountId: '123456789012', region: 'us-east-1', partition: 'aws', urlSuffix: 'amazonaws.com' },
  domains: [
    { ref: ref('Api'), domainName: 'api.example.com', mappings: [{ ref: ref('M1'), apiId: http.apiId, stage: '$default', apiMappingKey: 'v1' }] },
    { ref: ref('Ws'), domainName: 'ws.example.com', mappings: [{ ref: ref('M2'), apiId: ws.apiId, stage: 'dev', apiMappingKey: 'chat' }] },
  ],
};
const exchange = {} as HttpExchange;
const listeners = new Map<string, ServedListener>([
  [http.apiId, { protocol: 'HTTP', exchange, baseUrl: 'http://127.0.0.1:1', replace: () => 0, close: () => Promise.resolve() }],
  [ws.apiId, { protocol: 'WEBSOCKET', upgrade: () => undefined, manage: () => undefined, baseUrl: 'http://127.0.0.1:2', replace: () => 0, close: () => Promise.resolve() }],
]);
const route = customDomainRoutes(() => model, (api) => listeners.get(api.apiId));

describe('custom domain routes', () => {
  test('sends a request to the mapped API under its stage path', () => {
    expect(route('api.example.com:8443', '/v1/books/1')).toMatchObject({ kind: 'http', path: '/books/1', exchange });
    expect(route('ws.example.com', '/chat')).toMatchObject({ kind: 'websocket', path: '/dev/' });
    expect(route('ws.example.com', '/chat/@connections/abc%3D')).toMatchObject({ kind: 'websocket', path: '/dev/@connections/abc%3D' });
  });

  test('refuses an unknown host with 403 Forbidden and an unmapped path with 404', () => {
    expect(route('nope.example.com', '/v1')).toMatchObject({ kind: 'refused', status: 403, body: '{"message":"Forbidden"}' });
    expect(route('api.example.com', '/v2')).toMatchObject({ kind: 'refused', status: 404 });
  });

  test('lists each domain with its URL and what each mapping key reaches', () => {
    expect(describeCustomDomains(model, 8443)).toEqual([
      '',
      'custom domains on port 8443 (https and http, by Host header):',
      '  api.example.com  https://api.example.com:8443',
      `    /v1           → HTTP API TestStack/Api (test-api) stage $default`,
      '  ws.example.com  wss://ws.example.com:8443',
      `    /chat         → WEBSOCKET API TestStack/Chat (chat) stage dev`,
    ]);
  });
});
