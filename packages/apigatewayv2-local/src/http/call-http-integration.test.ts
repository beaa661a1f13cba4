import { describe, expect, it } from 'vitest';
import { UPSTREAM_FAILURE_STATUS } from './call-http-integration.js';
import { handleHttpRequest } from './handle-http-request.js';
import { FakeUpstream, deps, headerMap, httpApi, httpIntegration, request, route, stage } from './http-test-fixtures.js';
import type { HttpProxyIntegrationModel } from '../model/index.js';
import type { HeaderPair, HttpHandlerDeps, ReceivedRequest, UpstreamResponse } from './types.js';

const OK: UpstreamResponse = { kind: 'response', statusCode: 200, headers: [['content-type', 'text/plain']], body: Buffer.from('backend') };

interface ProxyCase {
  readonly routeKey: string;
  readonly integration: HttpProxyIntegrationModel;
  readonly request: ReceivedRequest;
  readonly stages?: ReturnType<typeof stage>[];
  readonly answer?: UpstreamResponse | (() => Promise<UpstreamResponse>);
  readonly deps?: Partial<HttpHandlerDeps>;
}

async function proxy(testCase: ProxyCase) {
  const answer = testCase.answer ?? OK;
  const upstream = new FakeUpstream(() => (typeof answer === 'function' ? answer() : answer));
  const api = httpApi({ routes: [route(testCase.routeKey)], integrations: [testCase.integration], ...(testCase.stages ? { stages: testCase.stages } : {}) });
  const response = await handleHttpRequest(api, testCase.request, deps({ forward: upstream.forward, ...testCase.deps }));
  return { response, sent: upstream.requests[0] };
}

describe('HTTP proxy: the URL sent to the backend', () => {
  it('appends the full routing path and the query to the URI on the $default route', async () => {
    const { sent, response } = await proxy({
      routeKey: '$default',
      integration: httpIntegration('https://backend.example/base'),
      request: request('GET', '/dev/store/checkout?a=1&a=2', {}),
      stages: [stage('dev')],
    });
    expect(sent?.url).toBe('https://backend.example/base/store/checkout?a=1&a=2');
    expect(response.log).toMatchObject({ routeKey: '$default', integration: 'http-proxy', status: 200 });
  });

  it('substitutes path variables and the greedy variable (as {proxy}) into the URI', async () => {
    const one = await proxy({
      routeKey: 'GET /pets/{petID}',
      integration: httpIntegration('https://backend.example/pets/extendedpath/{petID}'),
      request: request('GET', '/pets/a%20b'),
    });
    expect(one.sent?.url).toBe('https://backend.example/pets/extendedpath/a%20b');
    const greedy = await proxy({
      routeKey: 'ANY /parent/{proxy+}',
      integration: httpIntegration('https://backend.example/petstore/{proxy}'),
      request: request('GET', '/parent/x/y'),
    });
    expect(greedy.sent?.url).toBe('https://backend.example/petstore/x/y');
  });

  it('uses a URI without variables as it is on a non-$default route', async () => {
    const { sent } = await proxy({
      routeKey: 'GET /pets/{id}',
      integration: httpIntegration('https://backend.example/all-pets'),
      request: request('GET', '/pets/1?q=1'),
    });
    expect(sent?.url).toBe('https://backend.example/all-pets?q=1');
  });

  it('resolves stage variables in the URI and keeps the URI query before the client query', async () => {
    const { sent } = await proxy({
      routeKey: 'GET /x',
      integration: httpIntegration('http://${stageVariables.host}/a/${stageVariables.p}?q=${stageVariables.q}'),
      request: request('GET', '/beta/x?z=9'),
      stages: [stage('beta', { host: 'backend.example:8080', p: 'b', q: 'v' })],
    });
    expect(sent?.url).toBe('http://backend.example:8080/a/b?q=v&z=9');
  });

  it('answers 500 when the URI names a stage variable the stage lacks', async () => {
    const { response, sent } = await proxy({
      routeKey: 'GET /x',
      integration: httpIntegration('http://${stageVariables.host}/a'),
      request: request('GET', '/x'),
    });
    expect(sent).toBeUndefined();
    expect(response.statusCode).toBe(500);
    expect(response.log.error).toBe('stage variable host is not defined on stage $default');
  });

  it('forwards the client method for ANY and the integration method otherwise', async () => {
    const any = await proxy({ routeKey: 'ANY /x', integration: httpIntegration('http://b.example/x'), request: request('PATCH', '/x') });
    expect(any.sent?.method).toBe('PATCH');
    const fixed = await proxy({
      routeKey: 'ANY /x',
      integration: httpIntegration('http://b.example/x', { method: 'POST' }),
      request: request('PATCH', '/x'),
    });
    expect(fixed.sent?.method).toBe('POST');
  });

  it('sends to the --backend URL of an internet integration, keeping the URI path', async () => {
    const { sent } = await proxy({
      routeKey: 'GET /pets/{id}',
      integration: httpIntegration('https://backend.example/v1/pets/{id}'),
      request: request('GET', '/pets/7?x=1'),
      deps: { backends: new Map([['Integ', 'http://127.0.0.1:9000/local']]) },
    });
    expect(sent?.url).toBe('http://127.0.0.1:9000/local/v1/pets/7?x=1');
  });

  it('sends a private integration to its --backend, by listener ARN or VPC link id, with the routing path', async () => {
    const integration = httpIntegration('arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/app/lb/1/2', {
      connectionType: 'VPC_LINK',
      connectionId: 'VpcLink1',
      ref: { stackName: 'S', logicalId: 'PrivateInteg' },
    });
    const byListener = await proxy({
      routeKey: 'ANY /{proxy+}',
      integration,
      request: request('GET', '/dev/orders/1?x=1'),
      stages: [stage('dev')],
      deps: { backends: new Map([[integration.uri, 'http://127.0.0.1:9001']]) },
    });
    expect(byListener.sent?.url).toBe('http://127.0.0.1:9001/orders/1?x=1');
    const byLink = await proxy({
      routeKey: 'ANY /{proxy+}',
      integration,
      request: request('GET', '/orders/1'),
      deps: { backends: new Map([['VpcLink1', 'http://127.0.0.1:9002/']]) },
    });
    expect(byLink.sent?.url).toBe('http://127.0.0.1:9002/orders/1');
  });

  it('answers as for an unreachable backend when a private integration has no --backend', async () => {
    const { response, sent } = await proxy({
      routeKey: 'ANY /{proxy+}',
      integration: httpIntegration('arn:aws:servicediscovery:us-east-1:123456789012:service/srv-1', { connectionType: 'VPC_LINK' }),
      request: request('GET', '/orders'),
    });
    expect(sent).toBeUndefined();
    expect(response.statusCode).toBe(UPSTREAM_FAILURE_STATUS);
    expect(response.body.toString()).toBe('{"message":"Internal Server Error"}');
    expect(response.log.error).toBe('private integration Integ has no --backend URL');
  });
});

describe('HTTP proxy: headers and body', () => {
  it('drops hop-by-hop, Host and Content-Length, folds X-Forwarded-* into Forwarded, and forwards the body', async () => {
    const headers: HeaderPair[] = [
      ['Host', '127.0.0.1:3000'],
      ['Connection', 'keep-alive, X-Drop-Me'],
      ['Keep-Alive', 'timeout=5'],
      ['X-Drop-Me', '1'],
      ['Proxy-Authorization', 'secret'],
      ['Transfer-Encoding', 'chunked'],
      ['Content-Length', '4'],
      ['X-Forwarded-For', '198.51.100.1, 198.51.100.2'],
      ['X-Forwarded-Proto', 'https'],
      ['Content-Type', 'text/plain'],
      ['Authorization', 'Bearer t'],
    ];
    const { sent } = await proxy({
      routeKey: 'POST /x',
      integration: httpIntegration('http://b.example/x'),
      request: request('POST', '/x', { headers, body: 'data', sourceIp: '::1' }),
    });
    expect(sent?.headers).toEqual([
      ['Content-Type', 'text/plain'],
      ['Authorization', 'Bearer t'],
      ['forwarded', 'for=198.51.100.1, for=198.51.100.2, for="[::1]";host=127.0.0.1:3000;proto=http'],
    ]);
    expect(sent?.body.toString()).toBe('data');
  });
});

describe('HTTP proxy: response and failures', () => {
  it('passes status, headers and body through without framing or hop-by-hop headers', async () => {
    const { response } = await proxy({
      routeKey: 'GET /x',
      integration: httpIntegration('http://b.example/x'),
      request: request('GET', '/x'),
      answer: {
        kind: 'response',
        statusCode: 418,
        headers: [['Set-Cookie', 'a=1'], ['Set-Cookie', 'b=2'], ['Content-Length', '3'], ['Connection', 'close'], ['X-B', 'v']],
        body: Buffer.from('tea'),
      },
    });
    expect(response.statusCode).toBe(418);
    expect(response.body.toString()).toBe('tea');
    expect(response.headers).toEqual([
      ['Set-Cookie', 'a=1'],
      ['Set-Cookie', 'b=2'],
      ['X-B', 'v'],
      ['apigw-requestid', 'Mc7UVioPPHcEKPA='],
    ]);
  });

  it('answers 503 when the backend is slower than the integration timeout, and aborts the request', async () => {
    let signal: AbortSignal | undefined;
    const upstream = new FakeUpstream((sent) => {
      signal = sent.signal;
      return new Promise<UpstreamResponse>(() => undefined);
    });
    const api = httpApi({ routes: [route('GET /slow')], integrations: [httpIntegration('http://b.example/slow', { timeoutMs: 20 })] });
    const response = await handleHttpRequest(api, request('GET', '/slow'), deps({ forward: upstream.forward }));
    expect(response.statusCode).toBe(503);
    expect(response.body.toString()).toBe('{"message":"Service Unavailable"}');
    expect(signal?.aborted).toBe(true);
  });

  it('answers the upstream failure status when the backend cannot be reached', async () => {
    const { response } = await proxy({
      routeKey: 'GET /x',
      integration: httpIntegration('http://b.example/x'),
      request: request('GET', '/x'),
      answer: { kind: 'failed', message: 'connect ECONNREFUSED 127.0.0.1:9' },
    });
    expect(response.statusCode).toBe(UPSTREAM_FAILURE_STATUS);
    expect(response.log.error).toBe('http://b.example/x: connect ECONNREFUSED 127.0.0.1:9');
  });

  it('answers the upstream failure status for a URI that is not an http(s) URL', async () => {
    const { response } = await proxy({ routeKey: 'GET /x', integration: httpIntegration('ftp://b.example/x'), request: request('GET', '/x') });
    expect(response.statusCode).toBe(UPSTREAM_FAILURE_STATUS);
    expect(headerMap(response.headers)['content-type']).toBeUndefined();
  });
});
