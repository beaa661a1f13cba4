import { describe, expect, it } from 'vitest';
import { isOriginAllowed } from './cors.js';
import { handleHttpRequest } from './handle-http-request.js';
import { FakeInvoker, cors, deps, headerMap, httpApi, request, returns, route } from './http-test-fixtures.js';
import type { HeaderPair } from './types.js';

const ORIGIN: HeaderPair = ['Origin', 'https://app.example.com'];

function preflight(extra: readonly HeaderPair[] = []) {
  return request('OPTIONS', '/pets', { headers: [ORIGIN, ['Access-Control-Request-Method', 'POST'], ...extra] });
}

describe('CORS preflight', () => {
  it('answers a covered preflight with 204 and the configured headers, without invoking anything', async () => {
    const invoker = new FakeInvoker(() => returns({ statusCode: 200 }));
    const api = httpApi({ routes: [route('ANY /{proxy+}')], cors: cors({ maxAgeSeconds: 300, allowCredentials: true }) });
    const response = await handleHttpRequest(api, preflight([['Access-Control-Request-Headers', 'Content-Type']]), deps({ invoker }));
    expect(response.statusCode).toBe(204);
    expect(response.body.length).toBe(0);
    expect(response.headers).toEqual([
      ['access-control-allow-origin', 'https://app.example.com'],
      ['access-control-allow-credentials', 'true'],
      ['vary', 'Origin'],
      ['access-control-allow-methods', 'GET,POST'],
      ['access-control-allow-headers', 'content-type,authorization'],
      ['access-control-max-age', '300'],
      ['apigw-requestid', 'Mc7UVioPPHcEKPA='],
    ]);
    expect(invoker.calls).toHaveLength(0);
    expect(response.log).toMatchObject({ status: 204, integration: 'cors-preflight', stage: '$default' });
  });

  it('answers a preflight even when the API has no route for the path', async () => {
    const api = httpApi({ routes: [], cors: cors() });
    expect((await handleHttpRequest(api, preflight(), deps())).statusCode).toBe(204);
  });

  it('echoes the requested method and headers when the configuration allows *', async () => {
    const api = httpApi({ routes: [], cors: cors({ allowOrigins: ['*'], allowMethods: ['*'], allowHeaders: ['*'] }) });
    const response = await handleHttpRequest(api, preflight([['Access-Control-Request-Headers', 'X-A, x-b']]), deps());
    expect(headerMap(response.headers)).toEqual({
      'access-control-allow-origin': ['*'],
      'access-control-allow-methods': ['POST'],
      'access-control-allow-headers': ['X-A,x-b'],
      'apigw-requestid': ['Mc7UVioPPHcEKPA='],
    });
  });

  it.each<[string, readonly HeaderPair[]]>([
    ['the origin is not allowed', [['Origin', 'https://evil.example.com'], ['Access-Control-Request-Method', 'POST']]],
    ['the method is not allowed', [ORIGIN, ['Access-Control-Request-Method', 'DELETE']]],
    ['a requested header is not allowed', [ORIGIN, ['Access-Control-Request-Method', 'POST'], ['Access-Control-Request-Headers', 'x-other']]],
    ['Access-Control-Request-Method is missing', [ORIGIN]],
  ])('routes the OPTIONS request normally when %s', async (_name, headers) => {
    const invoker = new FakeInvoker(() => returns({ statusCode: 200, body: 'from lambda' }));
    const api = httpApi({ routes: [route('ANY /{proxy+}')], cors: cors() });
    const response = await handleHttpRequest(api, request('OPTIONS', '/pets', { headers }), deps({ invoker }));
    expect(response.body.toString()).toBe('from lambda');
    expect(invoker.calls).toHaveLength(1);
  });

  it('routes OPTIONS normally when the API has no CORS configuration', async () => {
    const api = httpApi({ routes: [route('GET /pets')] });
    expect((await handleHttpRequest(api, preflight(), deps())).statusCode).toBe(404);
  });
});

describe('CORS on actual responses', () => {
  const backendCors = returns({
    statusCode: 200,
    headers: { 'Access-Control-Allow-Origin': 'https://backend.example', 'X-Other': '1' },
    body: 'ok',
  });

  it('replaces the integration CORS headers with the configured ones for an allowed origin', async () => {
    const invoker = new FakeInvoker(() => backendCors);
    const api = httpApi({ routes: [route('GET /pets')], cors: cors({ exposeHeaders: ['x-other'], allowCredentials: true }) });
    const response = await handleHttpRequest(api, request('GET', '/pets', { headers: [ORIGIN] }), deps({ invoker }));
    expect(headerMap(response.headers)).toEqual({
      'x-other': ['1'],
      'content-type': ['text/plain; charset=utf-8'],
      'apigw-requestid': ['Mc7UVioPPHcEKPA='],
      'access-control-allow-origin': ['https://app.example.com'],
      'access-control-allow-credentials': ['true'],
      vary: ['Origin'],
      'access-control-expose-headers': ['x-other'],
    });
  });

  it('strips integration CORS headers and adds none when the request has no Origin', async () => {
    const invoker = new FakeInvoker(() => backendCors);
    const api = httpApi({ routes: [route('GET /pets')], cors: cors() });
    const response = await handleHttpRequest(api, request('GET', '/pets'), deps({ invoker }));
    expect(Object.keys(headerMap(response.headers)).filter((h) => h.startsWith('access-control-'))).toEqual([]);
  });

  it('adds nothing for an origin that is not allowed, and still serves the request', async () => {
    const invoker = new FakeInvoker(() => backendCors);
    const api = httpApi({ routes: [route('GET /pets')], cors: cors() });
    const response = await handleHttpRequest(api, request('GET', '/pets', { headers: [['Origin', 'https://evil.example']] }), deps({ invoker }));
    expect(response.statusCode).toBe(200);
    expect(headerMap(response.headers)['access-control-allow-origin']).toBeUndefined();
  });

  it('leaves integration CORS headers alone when the API has no CORS configuration', async () => {
    const invoker = new FakeInvoker(() => backendCors);
    const api = httpApi({ routes: [route('GET /pets')] });
    const response = await handleHttpRequest(api, request('GET', '/pets', { headers: [ORIGIN] }), deps({ invoker }));
    expect(headerMap(response.headers)['access-control-allow-origin']).toEqual(['https://backend.example']);
  });

  it('adds CORS headers to gateway errors too', async () => {
    const api = httpApi({ routes: [], cors: cors({ allowOrigins: ['*'] }) });
    const response = await handleHttpRequest(api, request('GET', '/nothing', { headers: [ORIGIN] }), deps());
    expect(response.statusCode).toBe(404);
    expect(headerMap(response.headers)['access-control-allow-origin']).toEqual(['*']);
  });
});

describe('isOriginAllowed', () => {
  it('matches *, scheme wildcards and exact origins only', () => {
    const config = cors({ allowOrigins: ['https://*', 'http://localhost:5173'] });
    expect(isOriginAllowed(config, 'https://anything.example')).toBe(true);
    expect(isOriginAllowed(config, 'http://localhost:5173')).toBe(true);
    expect(isOriginAllowed(config, 'http://localhost:5174')).toBe(false);
    expect(isOriginAllowed(config, 'http://other.example')).toBe(false);
    expect(isOriginAllowed(cors({ allowOrigins: ['*'] }), 'null')).toBe(true);
  });
});
