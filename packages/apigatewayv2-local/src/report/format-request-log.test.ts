import { describe, expect, test } from 'vitest';
import { httpApi, httpIntegration, request, route, STACK } from '../http/http-test-fixtures.js';
import { describeRoutes } from './describe-integration.js';
import { formatRequestLog } from './format-request-log.js';

describe('formatRequestLog', () => {
  test('names the URL a --backend sent the request to and the integration logical id, as the start-up table does', () => {
    const integration = httpIntegration('https://books.example.com/books', { ref: { stackName: STACK, logicalId: 'BooksIntegration' } });
    const api = httpApi({ routes: [route('GET /books')], integrations: [integration] });
    const described = describeRoutes(api, { resolveFunction: () => undefined, backends: new Map([['BooksIntegration', 'http://127.0.0.1:8080']]) });
    const line = formatRequestLog(
      '[Api]',
      {
        request: request('GET', '/books'),
        response: { statusCode: 200, headers: [], body: Buffer.alloc(0), log: { requestId: 'r', method: 'GET', path: '/books', routeKey: 'GET /books', status: 200, durationMs: 3 } },
        durationMs: 3.04,
      },
      (routeKey) => described.get(routeKey),
    );
    expect(line).toBe('[Api] GET /books → GET /books 200 HTTP ANY http://127.0.0.1:8080/books (integration BooksIntegration, --backend) 3.0 ms');
  });

  test('escapes control characters an error text quotes, so a client cannot write a second log line', () => {
    const line = formatRequestLog(
      '[Api]',
      {
        request: request('GET', '/books'),
        response: {
          statusCode: 401,
          headers: [],
          body: Buffer.alloc(0),
          log: { requestId: 'r', method: 'GET', path: '/books', routeKey: 'GET /books', status: 401, durationMs: 1, error: 'JWT refused: issuer x\n[Api] GET /admin → 200' },
        },
        durationMs: 1,
      },
      () => undefined,
    );
    expect(line.split('\n')).toHaveLength(1);
    expect(line).toContain('issuer x\\n[Api] GET /admin');
  });
});
