import { describe, expect, it } from 'vitest';
import type { InvokeResult } from '../lambda/invoker.js';
import {
  FakeInvoker,
  deps,
  headerMap,
  httpApi,
  lambdaIntegration,
  request,
  returns,
  route,
  stage,
} from './http-test-fixtures.js';
import { MAX_PAYLOAD_BYTES } from './gateway-error.js';
import { compileHttpApi, handleHttpRequest } from './handle-http-request.js';

const NOT_FOUND = '{"message":"Not Found"}';
const INTERNAL = '{"message":"Internal Server Error"}';

async function answer(result: InvokeResult | (() => InvokeResult | Promise<InvokeResult>), method = 'GET', path = '/x') {
  const invoker = new FakeInvoker(typeof result === 'function' ? result : () => result);
  return handleHttpRequest(httpApi({ routes: [route('ANY /x'), route('ANY /x/{proxy+}')] }), request(method, path), deps({ invoker }));
}

describe('handleHttpRequest: gateway answers', () => {
  it('answers 404 with the exact body, apigw-requestid and no content-type when no route matches', async () => {
    const response = await handleHttpRequest(httpApi({ routes: [route('GET /pets')] }), request('GET', '/cats'), deps());
    expect(response.statusCode).toBe(404);
    expect(response.body.toString()).toBe(NOT_FOUND);
    expect(response.headers).toEqual([['apigw-requestid', 'Mc7UVioPPHcEKPA=']]);
    expect(response.log).toEqual({
      requestId: 'Mc7UVioPPHcEKPA=',
      method: 'GET',
      path: '/cats',
      stage: '$default',
      status: 404,
      durationMs: 7,
      error: 'no route matches',
    });
  });

  it('answers 404 when no stage serves the path', async () => {
    const api = httpApi({ routes: [route('GET /pets')], stages: [stage('dev')] });
    const response = await handleHttpRequest(api, request('GET', '/pets'), deps());
    expect(response.statusCode).toBe(404);
    expect(response.body.toString()).toBe(NOT_FOUND);
    expect(response.log.stage).toBeUndefined();
  });

  it('answers 413 without invoking anything when the server stopped reading a body past the limit', async () => {
    const invoker = new FakeInvoker(() => returns({ statusCode: 200 }));
    const response = await handleHttpRequest(
      httpApi({ routes: [route('$default')] }),
      { ...request('POST', '/x'), bodyTooLarge: true },
      deps({ invoker }),
    );
    expect(response.statusCode).toBe(413);
    expect(response.body.toString()).toBe('{"message":"Request Entity Too Large"}');
    expect(response.log.error).toBe(`request body exceeds ${MAX_PAYLOAD_BYTES} bytes`);
    expect(invoker.calls).toHaveLength(0);
  });

  it('accepts a body of exactly 10 MB', async () => {
    const response = await handleHttpRequest(
      httpApi({ routes: [route('$default')] }),
      request('POST', '/x', { body: Buffer.alloc(MAX_PAYLOAD_BYTES) }),
      deps(),
    );
    expect(response.statusCode).toBe(200);
  });

  it('routes on the path without the stage prefix', async () => {
    const invoker = new FakeInvoker(() => returns({ statusCode: 201 }));
    const api = httpApi({ routes: [route('GET /pets')], stages: [stage('dev'), stage('$default')] });
    const response = await handleHttpRequest(api, request('GET', '/dev/pets'), deps({ invoker }));
    expect(response.statusCode).toBe(201);
    expect(response.log).toMatchObject({ stage: 'dev', routeKey: 'GET /pets', integration: 'lambda' });
  });

  it('strips the body of a HEAD answer', async () => {
    const response = await answer(returns({ statusCode: 200, body: 'hello' }), 'HEAD');
    expect(response.statusCode).toBe(200);
    expect(response.body.length).toBe(0);
  });

  it('compiles the route table once per API', () => {
    const api = httpApi({ routes: [route('GET /x')] });
    expect(compileHttpApi(api)).toBe(compileHttpApi(api));
  });
});

describe('handleHttpRequest: payload 2.0 results', () => {
  it('sends a structured result: status, headers, cookies as set-cookie lines, body', async () => {
    const response = await answer(
      returns({ statusCode: 201, headers: { 'X-Custom': 'yes', 'Content-Type': 'text/html' }, cookies: ['a=1', 'b=2; Secure'], body: '<p>hi</p>' }),
    );
    expect(response.statusCode).toBe(201);
    expect(response.body.toString()).toBe('<p>hi</p>');
    expect(response.headers).toEqual([
      ['X-Custom', 'yes'],
      ['Content-Type', 'text/html'],
      ['set-cookie', 'a=1'],
      ['set-cookie', 'b=2; Secure'],
      ['apigw-requestid', 'Mc7UVioPPHcEKPA='],
    ]);
  });

  it('defaults the content type of a structured body to text/plain', async () => {
    const response = await answer(returns({ statusCode: 200, body: 'plain' }));
    expect(headerMap(response.headers)['content-type']).toEqual(['text/plain; charset=utf-8']);
  });

  it('adds no content type to an empty structured response', async () => {
    const response = await answer(returns({ statusCode: 204 }));
    expect(response.statusCode).toBe(204);
    expect(headerMap(response.headers)['content-type']).toBeUndefined();
    expect(response.body.length).toBe(0);
  });

  it('decodes a base64 body', async () => {
    const response = await answer(returns({ statusCode: 200, body: Buffer.from([0, 255, 1]).toString('base64'), isBase64Encoded: true }));
    expect([...response.body]).toEqual([0, 255, 1]);
  });

  it('sends numbers and booleans in headers as text', async () => {
    const response = await answer(returns({ statusCode: 200, headers: { 'x-n': 3, 'x-b': true } }));
    expect(headerMap(response.headers)).toMatchObject({ 'x-n': ['3'], 'x-b': ['true'] });
  });

  it('drops framing headers a function sets, since the body is re-framed', async () => {
    const response = await answer(returns({ statusCode: 200, headers: { 'content-length': '999', 'transfer-encoding': 'chunked' }, body: 'x' }));
    expect(headerMap(response.headers)['content-length']).toBeUndefined();
    expect(headerMap(response.headers)['transfer-encoding']).toBeUndefined();
  });

  it('infers a 200 JSON response from an object without statusCode', async () => {
    const response = await answer(returns({ body: 'hi' }));
    expect(response.statusCode).toBe(200);
    expect(response.body.toString()).toBe('{"body":"hi"}');
    expect(headerMap(response.headers)['content-type']).toEqual(['application/json']);
  });

  it('unwraps a string result into the body', async () => {
    const response = await answer(returns('Hello from Lambda!'));
    expect(response.statusCode).toBe(200);
    expect(response.body.toString()).toBe('Hello from Lambda!');
  });

  it('passes numbers, arrays and null through as the JSON body', async () => {
    expect((await answer(returns([1, 2]))).body.toString()).toBe('[1,2]');
    expect((await answer(returns(42))).body.toString()).toBe('42');
    expect((await answer({ kind: 'success', payload: 'null' })).body.toString()).toBe('null');
  });

  it('passes a payload that is not JSON through as a 200 body', async () => {
    const response = await answer({ kind: 'success', payload: 'not json' });
    expect(response.statusCode).toBe(200);
    expect(response.body.toString()).toBe('not json');
  });

  it.each([
    ['a non-numeric statusCode', { statusCode: 'abc' }],
    ['a statusCode out of range', { statusCode: 1000 }],
    ['a body that is not a string', { statusCode: 200, body: { a: 1 } }],
    ['headers that are not an object', { statusCode: 200, headers: 'x' }],
    ['a header holding an object', { statusCode: 200, headers: { a: {} } }],
    ['cookies that are not strings', { statusCode: 200, cookies: [1] }],
    ['isBase64Encoded that is not a boolean', { statusCode: 200, body: 'x', isBase64Encoded: 'yes' }],
  ])('answers 500 for %s', async (_name, result) => {
    const response = await answer(returns(result));
    expect(response.statusCode).toBe(500);
    expect(response.body.toString()).toBe(INTERNAL);
    expect(response.log.error).toMatch(/^malformed Lambda result/);
  });

  it('accepts a statusCode given as a string of digits', async () => {
    expect((await answer(returns({ statusCode: '202' }))).statusCode).toBe(202);
  });

  it('strips apigw-* headers the function sets and adds its own request id', async () => {
    const response = await answer(returns({ statusCode: 200, headers: { 'apigw-requestid': 'forged' } }));
    expect(headerMap(response.headers)['apigw-requestid']).toEqual(['Mc7UVioPPHcEKPA=']);
  });
});

describe('handleHttpRequest: Lambda failures', () => {
  it.each<[string, InvokeResult]>([
    ['a function error', { kind: 'function-error', errorType: 'TypeError', errorMessage: 'boom', trace: [] }],
    ['a crashed runtime', { kind: 'runtime-error', errorType: 'Runtime.ExitError', errorMessage: 'exit 1' }],
    ['the function timing out on its own', { kind: 'timeout', timeoutMs: 3000 }],
    ['throttling', { kind: 'throttled' }],
  ])('answers 500 Internal Server Error for %s', async (_name, result) => {
    const response = await answer(result);
    expect(response.statusCode).toBe(500);
    expect(response.body.toString()).toBe(INTERNAL);
    expect(response.headers).toEqual([['apigw-requestid', 'Mc7UVioPPHcEKPA=']]);
    expect(response.log).toMatchObject({ routeKey: 'ANY /x', integration: 'lambda' });
  });

  it('answers 500 when the invoker itself rejects', async () => {
    const response = await answer(() => Promise.reject(new Error('pool closed')));
    expect(response.statusCode).toBe(500);
    expect(response.log.error).toContain('pool closed');
  });

  it('answers 503 Service Unavailable when the integration timeout elapses first, and leaves the function running', async () => {
    let finish: (result: InvokeResult) => void = () => undefined;
    const running = new Promise<InvokeResult>((resolve) => (finish = resolve));
    const invoker = new FakeInvoker(() => running);
    const api = httpApi({ routes: [route('GET /slow')], integrations: [lambdaIntegration({ timeoutMs: 20 })] });
    const response = await handleHttpRequest(api, request('GET', '/slow'), deps({ invoker }));
    expect(response.statusCode).toBe(503);
    expect(response.body.toString()).toBe('{"message":"Service Unavailable"}');
    expect(response.body.length).toBe(33);
    finish(returns({ statusCode: 200 }));
  });

  it('answers 500 when no local function has the ARN', async () => {
    const api = httpApi({
      routes: [route('GET /x')],
      integrations: [lambdaIntegration({ functionArn: 'arn:aws:lambda:us-east-1:123456789012:function:other' })],
    });
    const response = await handleHttpRequest(api, request('GET', '/x'), deps());
    expect(response.statusCode).toBe(500);
    expect(response.log.error).toContain('no local function');
  });

  it('answers 500 for a route without an integration', async () => {
    const response = await handleHttpRequest(
      httpApi({ routes: [route('GET /x', 'Missing')] }),
      request('GET', '/x'),
      deps(),
    );
    expect(response.statusCode).toBe(500);
    expect(response.log.error).toBe('route GET /x has no integration');
  });
});

describe('handleHttpRequest: stage variables in Lambda ARNs', () => {
  const api = httpApi({
    routes: [route('GET /x')],
    integrations: [lambdaIntegration({ functionArn: 'arn:aws:lambda:us-east-1:123456789012:function:${stageVariables.fn}' })],
    stages: [stage('$default', { fn: 'handler' }), stage('beta', { fn: 'handler:live' }), stage('bare')],
  });

  it('resolves the function name from the serving stage', async () => {
    const invoker = new FakeInvoker(() => returns({ statusCode: 200 }));
    expect((await handleHttpRequest(api, request('GET', '/x'), deps({ invoker }))).statusCode).toBe(200);
    expect(invoker.calls[0]?.fn.functionName).toBe('handler');
  });

  it('runs the function of a qualified ARN (alias) when only the function is known locally', async () => {
    const invoker = new FakeInvoker(() => returns({ statusCode: 200 }));
    expect((await handleHttpRequest(api, request('GET', '/beta/x'), deps({ invoker }))).statusCode).toBe(200);
    expect(invoker.calls).toHaveLength(1);
  });

  it('answers 500 when the stage does not define the variable', async () => {
    const response = await handleHttpRequest(api, request('GET', '/bare/x'), deps());
    expect(response.statusCode).toBe(500);
    expect(response.log.error).toBe('stage variable fn is not defined on stage bare');
  });
});

describe('handleHttpRequest: throttling', () => {
  it('answers 429 Too Many Requests past the route burst, without calling the integration, then serves after a refill', async () => {
    let nowMs = 1_000;
    const invoker = new FakeInvoker(() => returns({ statusCode: 200 }));
    const limited = { ...stage('$default'), defaultRouteSettings: { throttlingRateLimit: 1000, throttlingBurstLimit: 50 }, routeSettings: { 'GET /a': { throttlingRateLimit: 1, throttlingBurstLimit: 2 } } };
    const api = httpApi({ routes: [route('GET /a'), route('GET /b')], stages: [limited] });
    const services = deps({ invoker, now: () => nowMs });
    const statuses: number[] = [];
    for (let i = 0; i < 3; i += 1) statuses.push((await handleHttpRequest(api, request('GET', '/a'), services)).statusCode);
    expect(statuses).toEqual([200, 200, 429]);
    const refused = await handleHttpRequest(api, request('GET', '/a'), services);
    expect(refused.body.toString()).toBe('{"message":"Too Many Requests"}');
    expect(refused.headers.map(([name]) => name)).toEqual(['apigw-requestid']);
    expect(refused.log).toMatchObject({ status: 429, routeKey: 'GET /a' });
    expect(invoker.calls).toHaveLength(2);
    expect((await handleHttpRequest(api, request('GET', '/b'), services)).statusCode).toBe(200);
    nowMs += 1000;
    expect((await handleHttpRequest(api, request('GET', '/a'), services)).statusCode).toBe(200);
  });
});
