import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { FakeInvoker, deps, httpApi, request, returns, route, stage } from './http-test-fixtures.js';
import { handleHttpRequest } from './handle-http-request.js';
import type { ReceivedRequest } from './types.js';

/** Runs one request through a one-route API and returns the 2.0 event the function received. */
async function eventFor(
  routeKey: string,
  incoming: ReceivedRequest,
  stages = [stage('$default')],
): Promise<APIGatewayProxyEventV2> {
  const invoker = new FakeInvoker(() => returns({ statusCode: 200 }));
  const response = await handleHttpRequest(httpApi({ routes: [route(routeKey)], stages }), incoming, deps({ invoker }));
  expect(response.statusCode).toBe(200);
  return invoker.event as APIGatewayProxyEventV2;
}

describe('payload 2.0 event', () => {
  it('builds every field of the documented sample for a named stage', async () => {
    const event = await eventFor(
      'GET /pets/{petId}',
      request('GET', '/dev/pets/6?tag=a&tag=b', {
        headers: [
          ['Host', 'localhost:3000'],
          ['User-Agent', 'curl/8.5.0'],
          ['Accept', '*/*'],
          ['Cookie', 'session=abc; theme=dark'],
        ],
        sourceIp: '203.0.113.7',
      }),
      [stage('dev', { env: 'dev' })],
    );
    const expected: APIGatewayProxyEventV2 = {
      version: '2.0',
      routeKey: 'GET /pets/{petId}',
      rawPath: '/dev/pets/6',
      rawQueryString: 'tag=a&tag=b',
      cookies: ['session=abc', 'theme=dark'],
      headers: {
        accept: '*/*',
        host: 'localhost:3000',
        'user-agent': 'curl/8.5.0',
        // Derived from the request id and the time, so it is stable under injected ids.
        'x-amzn-trace-id': 'Root=1-5e6a879e-6258549a309217808da444d6',
        'x-forwarded-for': '203.0.113.7',
        'x-forwarded-port': '3000',
        'x-forwarded-proto': 'http',
      },
      queryStringParameters: { tag: 'a,b' },
      pathParameters: { petId: '6' },
      stageVariables: { env: 'dev' },
      requestContext: {
        accountId: '123456789012',
        apiId: 'a1b2c3d4e5',
        domainName: 'localhost:3000',
        domainPrefix: 'a1b2c3d4e5',
        http: { method: 'GET', path: '/dev/pets/6', protocol: 'HTTP/1.1', sourceIp: '203.0.113.7', userAgent: 'curl/8.5.0' },
        requestId: 'Mc7UVioPPHcEKPA=',
        routeKey: 'GET /pets/{petId}',
        stage: 'dev',
        time: '12/Mar/2020:19:03:58 +0000',
        timeEpoch: 1584039838000,
      },
      isBase64Encoded: false,
    };
    expect(event).toEqual(expected);
  });

  it('omits cookies, query, path parameters, stage variables and body when there are none', async () => {
    const event = await eventFor('GET /pets', request('GET', '/pets'));
    expect(Object.keys(event).sort()).toEqual(
      ['headers', 'isBase64Encoded', 'rawPath', 'rawQueryString', 'requestContext', 'routeKey', 'version'].sort(),
    );
    expect(event.rawQueryString).toBe('');
    expect(event.requestContext).not.toHaveProperty('authorizer');
  });

  it('joins repeated headers with a comma and lower-cases names', async () => {
    const event = await eventFor(
      'GET /x',
      request('GET', '/x', { headers: [['X-Multi', 'a'], ['x-multi', 'b'], ['Host', 'h']] }),
    );
    expect(event.headers['x-multi']).toBe('a,b');
    expect(event.headers).not.toHaveProperty('X-Multi');
  });

  it('removes every cookie header and collects the cookies of all of them', async () => {
    const event = await eventFor(
      'GET /x',
      request('GET', '/x', { headers: [['Cookie', 'a=1; b=2'], ['cookie', 'c=3;']] }),
    );
    expect(event.cookies).toEqual(['a=1', 'b=2', 'c=3']);
    expect(event.headers).not.toHaveProperty('cookie');
  });

  it('decodes query values, turns + into a space, and keeps rawQueryString as received', async () => {
    const event = await eventFor('GET /x', request('GET', '/x?q=a+b%26c&empty&x=%E2%9C%93'));
    expect(event.rawQueryString).toBe('q=a+b%26c&empty&x=%E2%9C%93');
    expect(event.queryStringParameters).toEqual({ q: 'a b&c', empty: '', x: '\u2713' });
  });

  it('uses $default as the route key and gives no path parameters on the $default route', async () => {
    const event = await eventFor('$default', request('POST', '/anything/here'));
    expect(event.routeKey).toBe('$default');
    expect(event.requestContext.routeKey).toBe('$default');
    expect(event.pathParameters).toBeUndefined();
  });

  it('gives the greedy value without its leading slash, decoded', async () => {
    const event = await eventFor('ANY /{proxy+}', request('GET', '/hello/w%20orld'));
    expect(event.pathParameters).toEqual({ proxy: 'hello/w orld' });
    expect(event.rawPath).toBe('/hello/w%20orld');
  });

  it('appends the client IP to an incoming x-forwarded-for and keeps a client trace id', async () => {
    const event = await eventFor(
      'GET /x',
      request('GET', '/x', {
        headers: [['X-Forwarded-For', '198.51.100.1'], ['X-Amzn-Trace-Id', 'Root=1-abc'], ['X-Forwarded-Proto', 'https']],
        sourceIp: '10.0.0.2',
      }),
    );
    expect(event.headers['x-forwarded-for']).toBe('198.51.100.1, 10.0.0.2');
    expect(event.headers['x-amzn-trace-id']).toBe('Root=1-abc');
    expect(event.headers['x-forwarded-proto']).toBe('http');
  });

  it('uses the first label of a host name as the domain prefix', async () => {
    const invoker = new FakeInvoker(() => returns({ statusCode: 200 }));
    await handleHttpRequest(
      httpApi({ routes: [route('GET /x')] }),
      request('GET', '/x', { headers: [['Host', 'api.example.com']] }),
      deps({ invoker }),
    );
    const event = invoker.event as APIGatewayProxyEventV2;
    expect(event.requestContext.domainName).toBe('api.example.com');
    expect(event.requestContext.domainPrefix).toBe('api');
    expect(event.headers['x-forwarded-port']).toBe('80');
  });

  it('passes a JSON body as text and a form post as base64', async () => {
    const json = await eventFor(
      'POST /x',
      request('POST', '/x', { headers: [['Content-Type', 'application/json; charset=utf-8']], body: '{"a":1}' }),
    );
    expect({ body: json.body, isBase64Encoded: json.isBase64Encoded }).toEqual({ body: '{"a":1}', isBase64Encoded: false });
    const form = await eventFor(
      'POST /x',
      request('POST', '/x', { headers: [['Content-Type', 'application/x-www-form-urlencoded']], body: 'a=1' }),
    );
    expect({ body: form.body, isBase64Encoded: form.isBase64Encoded }).toEqual({ body: 'YT0x', isBase64Encoded: true });
  });

  it('invokes the function with a Lambda request id distinct from the API request id', async () => {
    const invoker = new FakeInvoker(() => returns({ statusCode: 200 }));
    await handleHttpRequest(httpApi({ routes: [route('GET /x')] }), request('GET', '/x'), deps({ invoker }));
    expect(invoker.calls[0]?.request.requestId).toBe('00000000-0000-4000-8000-000000000001');
  });
});
