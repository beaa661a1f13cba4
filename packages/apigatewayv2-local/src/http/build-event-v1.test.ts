import { describe, expect, it } from 'vitest';
import type { InvokeResult } from '../lambda/invoker.js';
import { type HttpApiEventV1 } from './build-event-v1.js';
import { handleHttpRequest } from './handle-http-request.js';
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
import type { ReceivedRequest } from './types.js';

const v1 = lambdaIntegration({ payloadFormatVersion: '1.0' });

async function eventFor(routeKey: string, incoming: ReceivedRequest, stages = [stage('$default')]): Promise<HttpApiEventV1> {
  const invoker = new FakeInvoker(() => returns({ statusCode: 200, body: '' }));
  const api = httpApi({ routes: [route(routeKey)], integrations: [v1], stages });
  const response = await handleHttpRequest(api, incoming, deps({ invoker }));
  expect(response.statusCode).toBe(200);
  return invoker.event as HttpApiEventV1;
}

async function answer(result: InvokeResult) {
  const invoker = new FakeInvoker(() => result);
  const api = httpApi({ routes: [route('GET /x')], integrations: [v1] });
  return handleHttpRequest(api, request('GET', '/x'), deps({ invoker }));
}

describe('payload 1.0 event', () => {
  it('builds every field of the documented sample', async () => {
    const event = await eventFor(
      'GET /pets/{petId}',
      request('GET', '/dev/pets/6?tag=a&tag=b&one=1', {
        headers: [
          ['Host', 'localhost:3000'],
          ['User-Agent', 'curl/8.5.0'],
          ['X-Multi', 'a'],
          ['X-Multi', 'b'],
          ['Cookie', 'session=abc'],
        ],
        sourceIp: '203.0.113.7',
      }),
      [stage('dev', { env: 'dev' })],
    );
    const expected: HttpApiEventV1 = {
      version: '1.0',
      resource: '/pets/{petId}',
      path: '/dev/pets/6',
      httpMethod: 'GET',
      headers: {
        host: 'localhost:3000',
        'user-agent': 'curl/8.5.0',
        'x-multi': 'b',
        cookie: 'session=abc',
        'x-forwarded-for': '203.0.113.7',
        'x-forwarded-port': '3000',
        'x-forwarded-proto': 'http',
        'x-amzn-trace-id': 'Root=1-5e6a879e-6258549a309217808da444d6',
      },
      multiValueHeaders: {
        host: ['localhost:3000'],
        'user-agent': ['curl/8.5.0'],
        'x-multi': ['a', 'b'],
        cookie: ['session=abc'],
        'x-forwarded-for': ['203.0.113.7'],
        'x-forwarded-port': ['3000'],
        'x-forwarded-proto': ['http'],
        'x-amzn-trace-id': ['Root=1-5e6a879e-6258549a309217808da444d6'],
      },
      queryStringParameters: { tag: 'b', one: '1' },
      multiValueQueryStringParameters: { tag: ['a', 'b'], one: ['1'] },
      requestContext: {
        accountId: '123456789012',
        apiId: 'a1b2c3d4e5',
        authorizer: { claims: null, scopes: null },
        domainName: 'localhost:3000',
        domainPrefix: 'a1b2c3d4e5',
        extendedRequestId: 'Mc7UVioPPHcEKPA=',
        httpMethod: 'GET',
        identity: {
          accessKey: null,
          accountId: null,
          caller: null,
          cognitoAuthenticationProvider: null,
          cognitoAuthenticationType: null,
          cognitoIdentityId: null,
          cognitoIdentityPoolId: null,
          principalOrgId: null,
          sourceIp: '203.0.113.7',
          user: null,
          userAgent: 'curl/8.5.0',
          userArn: null,
          clientCert: null,
        },
        path: '/dev/pets/6',
        protocol: 'HTTP/1.1',
        requestId: 'Mc7UVioPPHcEKPA=',
        requestTime: '12/Mar/2020:19:03:58 +0000',
        requestTimeEpoch: 1584039838000,
        resourceId: null,
        resourcePath: '/pets/{petId}',
        stage: 'dev',
      },
      pathParameters: { petId: '6' },
      stageVariables: { env: 'dev' },
      body: null,
      isBase64Encoded: false,
    };
    expect(event).toEqual(expected);
  });

  it('uses null for empty query, path parameters, stage variables and body', async () => {
    const event = await eventFor('$default', request('GET', '/x'));
    expect(event).toMatchObject({
      resource: '$default',
      queryStringParameters: null,
      multiValueQueryStringParameters: null,
      pathParameters: null,
      stageVariables: null,
      body: null,
      isBase64Encoded: false,
    });
    expect(event.requestContext.resourcePath).toBe('$default');
  });

  it('base64-encodes a binary body', async () => {
    const event = await eventFor(
      'POST /x',
      request('POST', '/x', { headers: [['Content-Type', 'application/octet-stream']], body: Buffer.from([1, 2, 3]) }),
    );
    expect({ body: event.body, isBase64Encoded: event.isBase64Encoded }).toEqual({ body: 'AQID', isBase64Encoded: true });
  });
});

describe('payload 1.0 results', () => {
  it('sends status, headers, body, and merges multiValueHeaders into repeated lines', async () => {
    const response = await answer(
      returns({
        statusCode: 302,
        headers: { Location: '/next', 'Set-Cookie': 'a=1' },
        multiValueHeaders: { 'Set-Cookie': ['a=1', 'b=2'] },
        body: 'moved',
      }),
    );
    expect(response.statusCode).toBe(302);
    expect(response.body.toString()).toBe('moved');
    expect(headerMap(response.headers)).toMatchObject({ location: ['/next'], 'set-cookie': ['a=1', 'b=2'] });
    expect(headerMap(response.headers)['content-type']).toEqual(['text/plain; charset=utf-8']);
  });

  it('decodes a base64 body', async () => {
    const response = await answer(returns({ statusCode: 200, body: 'AQID', isBase64Encoded: true }));
    expect([...response.body]).toEqual([1, 2, 3]);
  });

  it.each([
    ['a result without statusCode', { body: 'hi' }],
    ['a string result', 'hello'],
    ['a zero statusCode', { statusCode: 0 }],
    ['multiValueHeaders that are not arrays', { statusCode: 200, multiValueHeaders: { a: 'x' } }],
  ])('answers 500 for %s (no inferred format)', async (_name, result) => {
    const response = await answer(returns(result));
    expect(response.statusCode).toBe(500);
    expect(response.body.toString()).toBe('{"message":"Internal Server Error"}');
  });

  it('answers 500 for a payload that is not JSON', async () => {
    expect((await answer({ kind: 'success', payload: 'oops' })).statusCode).toBe(500);
  });
});
