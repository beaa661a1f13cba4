import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { describe, expect, test } from 'vitest';
import { authorizeRoute, type AuthorizerDeps } from './authorize-route.js';
import { AuthorizerAnswerCache } from './authorizer-cache.js';
import { TEST_ENVIRONMENT, jwtAuthorizer, lambdaAuthorizer, testRequest } from './authorizer-fixtures.js';
import { executeApiArn } from '../gateway/execute-api-arn.js';
import { IssuerKeyStore } from './issuer-keys.js';
import { buildAuthorizerEventV1, buildAuthorizerEventV2 } from '../gateway/authorizer-event.js';
import { indexCredentials } from './local-credentials.js';

function deps(invocations: unknown[] = []): AuthorizerDeps {
  return {
    issuerKeys: new IssuerKeyStore(),
    cache: new AuthorizerAnswerCache(),
    credentials: indexCredentials([{ accessKeyId: 'AKIALOCAL', secretAccessKey: 's' }]),
    environment: TEST_ENVIRONMENT,
    now: () => Date.now(),
    invokeAuthorizer: (_arn, event) => {
      invocations.push(event);
      return Promise.resolve({ kind: 'answered', payload: '{"isAuthorized":true,"context":{"k":"v"}}' });
    },
  };
}

describe('authorizeRoute', () => {
  test('routes without an authorizer stay open', async () => {
    expect(await authorizeRoute({ authorizationType: 'NONE', scopes: [] }, testRequest(), deps())).toEqual({ kind: 'allowed' });
  });

  test('dispatches CUSTOM routes to their Lambda authorizer', async () => {
    const invocations: unknown[] = [];
    const outcome = await authorizeRoute({ authorizationType: 'CUSTOM', authorizer: lambdaAuthorizer(), scopes: [] }, testRequest({ headers: [['authorization', 't']] }), deps(invocations));
    expect(outcome).toMatchObject({ kind: 'allowed', decidedBy: 'Lambda LambdaAuth', authorizer: { kind: 'lambda', context: { k: 'v' } } });
    expect(invocations).toHaveLength(1);
  });

  test('fails closed with 500 when the route names an authorizer of the wrong kind or none', async () => {
    const jwtOnCustom = await authorizeRoute({ authorizationType: 'CUSTOM', authorizer: jwtAuthorizer('https://issuer', ['a']), scopes: [] }, testRequest(), deps());
    expect(jwtOnCustom).toMatchObject({ kind: 'denied', status: 500 });
    expect(await authorizeRoute({ authorizationType: 'JWT', scopes: [] }, testRequest(), deps())).toMatchObject({ kind: 'denied', status: 500 });
  });

  test('AWS_IAM routes refuse unsigned requests with 403 and x-amzn-ErrorType', async () => {
    expect(await authorizeRoute({ authorizationType: 'AWS_IAM', scopes: [] }, testRequest(), deps())).toMatchObject({
      kind: 'denied',
      reason: 'AWS_IAM: the request is not signed',
      status: 403,
      message: 'Forbidden',
      headers: [['x-amzn-ErrorType', 'IncompleteSignatureException']],
    });
  });
});

describe('authorizer events and contexts', () => {
  test('builds route and method ARNs', () => {
    expect(executeApiArn(TEST_ENVIRONMENT, 'abc123', 'prod', { kind: 'request', method: 'GET', path: '/pets/1' })).toBe('arn:aws:execute-api:us-east-1:123456789012:abc123/prod/GET/pets/1');
    expect(executeApiArn(TEST_ENVIRONMENT, 'abc123', '$default', { kind: 'route-key', routeKey: '$default' })).toBe('arn:aws:execute-api:us-east-1:123456789012:abc123/$default/$default');
    expect(executeApiArn(TEST_ENVIRONMENT, 'ws1', 'dev', { kind: 'route-key', routeKey: '$connect' })).toBe('arn:aws:execute-api:us-east-1:123456789012:ws1/dev/$connect');
  });

  test('the 2.0 authorizer event is the integration event without body, with routeArn and identitySource', () => {
    const event = {
      version: '2.0',
      routeKey: 'GET /pets',
      rawPath: '/pets',
      rawQueryString: 'a=1',
      headers: { authorization: 't' },
      requestContext: { requestId: 'r' } as APIGatewayProxyEventV2['requestContext'],
      body: 'secret',
      isBase64Encoded: false,
    } satisfies APIGatewayProxyEventV2;
    const built = buildAuthorizerEventV2(event, 'arn:route', ['t']);
    expect(built).toEqual({ version: '2.0', type: 'REQUEST', routeArn: 'arn:route', identitySource: ['t'], routeKey: 'GET /pets', rawPath: '/pets', rawQueryString: 'a=1', cookies: [], headers: { authorization: 't' }, requestContext: { requestId: 'r' } });
  });

  test('the 1.0 authorizer event drops body and authorizer and joins identity values', () => {
    const event = { version: '1.0', path: '/pets', headers: { a: 'b' }, body: 'x', isBase64Encoded: false, requestContext: { requestId: 'r', authorizer: { claims: null } } };
    expect(buildAuthorizerEventV1(event, 'arn:method', ['v1', 'v2'])).toEqual({
      version: '1.0',
      type: 'REQUEST',
      methodArn: 'arn:method',
      identitySource: 'v1,v2',
      authorizationToken: 'v1,v2',
      path: '/pets',
      headers: { a: 'b' },
      requestContext: { requestId: 'r' },
    });
    expect(buildAuthorizerEventV1({ headers: {}, requestContext: { routeKey: '$connect' } }, 'arn:connect')).toEqual({ type: 'REQUEST', methodArn: 'arn:connect', headers: {}, requestContext: { routeKey: '$connect' } });
  });
});
