import { SignatureV4 } from '@smithy/signature-v4';
import { describe, expect, test } from 'vitest';
import { buildAuthorizerEventV1 } from '../gateway/authorizer-event.js';
import { receivedRequest } from '../gateway/received-request-fixtures.js';
import { requestFacts } from '../gateway/request-facts.js';
import { handleHttpRequest } from '../http/handle-http-request.js';
import { FUNCTION_ARN, FakeInvoker, deps, httpApi, request, returns, route, stage } from '../http/http-test-fixtures.js';
import type { InvokeResult } from '../lambda/invoker.js';
import type { ApiModel, LambdaAuthorizerModel } from '../model/index.js';
import { lambdaAuthorizer } from './authorizer-fixtures.js';
import { IssuerKeyStore } from './issuer-keys.js';
import { indexCredentials } from './local-credentials.js';
import { createRouteAuthorizer } from './route-authorizer.js';
import { Sha256 } from './verify-sigv4.js';
import { connectClient } from '../websocket/connect-client.js';
import { compileWebSocketApi } from '../websocket/websocket-api.js';
import { upgrade, webSocketApi, wsDeps, wsRoute } from '../websocket/websocket-test-fixtures.js';

type AnyEvent = Record<string, unknown> & { requestContext: Record<string, unknown> };

/** Authorizer calls (events with `type: REQUEST`) answer `authorize`; integration calls echo their event. */
function invoker(authorize: (event: AnyEvent) => unknown): FakeInvoker {
  return new FakeInvoker((event): InvokeResult => {
    const e = event as AnyEvent;
    return e.type === 'REQUEST' ? returns(authorize(e)) : returns({ statusCode: 200, body: JSON.stringify(e) });
  });
}

function gatewayDeps(fake: FakeInvoker) {
  const base = deps({ invoker: fake });
  return { ...base, authorizeRoute: createRouteAuthorizer({ services: base, issuerKeys: new IssuerKeyStore(), credentials: indexCredentials([]) }) };
}

function securedApi(authorizer: LambdaAuthorizerModel, stages = [stage('$default')]): ApiModel {
  const api = httpApi({ routes: [route('GET /pets/{id}', 'Integ', { authorizationType: 'CUSTOM', authorizerId: authorizer.authorizerId }), route('GET /iam', 'Integ', { authorizationType: 'AWS_IAM' })], stages });
  return { ...api, authorizers: new Map([[authorizer.authorizerId, authorizer]]) };
}

const withToken = (token: string) => ({ headers: [['Host', '127.0.0.1:3000'], ['Authorization', token]] as const });

describe('createRouteAuthorizer with the HTTP core', () => {
  test('a 2.0 Lambda authorizer gets the request as a 2.0 event with routeArn, and its context reaches the integration', async () => {
    const fake = invoker((event) => ({ isAuthorized: event.identitySource instanceof Array && event.identitySource[0] === 'good', context: { tier: 'gold' } }));
    const api = securedApi(lambdaAuthorizer({ functionArn: FUNCTION_ARN }));
    const response = await handleHttpRequest(api, request('GET', '/pets/7?x=1', withToken('good')), gatewayDeps(fake));
    expect(response.statusCode).toBe(200);
    const [authorizerCall, integrationCall] = fake.calls.map((c) => c.request.event as AnyEvent);
    expect(authorizerCall).toMatchObject({
      version: '2.0',
      type: 'REQUEST',
      routeArn: 'arn:aws:execute-api:us-east-1:123456789012:a1b2c3d4e5/$default/GET/pets/7',
      identitySource: ['good'],
      routeKey: 'GET /pets/{id}',
      rawQueryString: 'x=1',
      pathParameters: { id: '7' },
    });
    expect(authorizerCall).not.toHaveProperty('body');
    expect(authorizerCall?.requestContext).not.toHaveProperty('authorizer');
    expect(integrationCall?.requestContext.authorizer).toEqual({ lambda: { tier: 'gold' } });
    expect(response.log.authorizer).toBe('Lambda LambdaAuth');
  });

  test('a refusal is answered before the integration, with the reason in the log', async () => {
    const fake = invoker(() => ({ isAuthorized: false }));
    const response = await handleHttpRequest(securedApi(lambdaAuthorizer({ functionArn: FUNCTION_ARN })), request('GET', '/pets/7', withToken('bad')), gatewayDeps(fake));
    expect(response.statusCode).toBe(403);
    expect(response.body.toString()).toBe('{"message":"Forbidden"}');
    expect(response.headers.some(([n]) => n === 'apigw-requestid')).toBe(true);
    expect(response.log.error).toBe('Lambda LambdaAuth: isAuthorized is false');
    expect(fake.calls).toHaveLength(1);
  });

  test('a 1.0 authorizer gets methodArn without the stage prefix in the path, and the 1.0 integration gets principalId and context', async () => {
    const fake = invoker((event) => ({
      principalId: 'user-7',
      policyDocument: { Version: '2012-10-17', Statement: [{ Action: 'execute-api:Invoke', Effect: 'Allow', Resource: event.methodArn }] },
      context: { n: 1 },
    }));
    const authorizer = lambdaAuthorizer({ functionArn: FUNCTION_ARN, payloadFormatVersion: '1.0', enableSimpleResponses: false });
    const api = securedApi(authorizer, [stage('prod')]);
    const v1Api: ApiModel = { ...api, integrations: new Map([...api.integrations].map(([id, i]) => [id, i.kind === 'lambda' ? { ...i, payloadFormatVersion: '1.0' as const } : i])) };
    const response = await handleHttpRequest(v1Api, request('GET', '/prod/pets/7', withToken('t')), gatewayDeps(fake));
    expect(response.statusCode).toBe(200);
    const [authorizerCall, integrationCall] = fake.calls.map((c) => c.request.event as AnyEvent);
    expect(authorizerCall).toMatchObject({ type: 'REQUEST', methodArn: 'arn:aws:execute-api:us-east-1:123456789012:a1b2c3d4e5/prod/GET/pets/7', identitySource: 't', authorizationToken: 't', httpMethod: 'GET' });
    expect(integrationCall?.requestContext.authorizer).toEqual({ principalId: 'user-7', n: 1 });
  });

  test('IAM refusals carry AWS message and x-amzn-ErrorType', async () => {
    const fake = invoker(() => ({ isAuthorized: true }));
    const response = await handleHttpRequest(securedApi(lambdaAuthorizer({ functionArn: FUNCTION_ARN })), request('GET', '/iam', withToken('AWS4-HMAC-SHA256 Credential=AKIAX/20260101/us-east-1/execute-api/aws4_request, SignedHeaders=host, Signature=00')), gatewayDeps(fake));
    expect(response.statusCode).toBe(403);
    expect(response.body.toString()).toBe('{"message":"The security token included in the request is invalid."}');
    expect(response.headers).toContainEqual(['x-amzn-ErrorType', 'UnrecognizedClientException']);
    expect(fake.calls).toHaveLength(0);
  });
});

describe('createRouteAuthorizer for WebSocket $connect', () => {
  const connectEvent = { headers: { Auth: 'k' }, queryStringParameters: { token: 'q1' }, requestContext: { routeKey: '$connect', eventType: 'CONNECT', connectionId: 'c1' }, isBase64Encoded: false };

  async function connect(answer: (event: AnyEvent) => unknown, authorizer: LambdaAuthorizerModel) {
    const fake = invoker(answer);
    const base = deps({ invoker: fake });
    const authorize = createRouteAuthorizer({ services: base, issuerKeys: new IssuerKeyStore(), credentials: indexCredentials([]) });
    const api: ApiModel = { ...httpApi({ routes: [], stages: [stage('dev')] }), protocol: 'WEBSOCKET', authorizers: new Map([[authorizer.authorizerId, authorizer]]) };
    const connectRoute = route('$connect', 'Integ', { authorizationType: 'CUSTOM', authorizerId: authorizer.authorizerId });
    const decision = await authorize({
      api,
      route: connectRoute,
      stage: stage('dev'),
      facts: requestFacts({ apiId: api.apiId, accountId: '123456789012', requestId: 'r1', stage: 'dev', routeKey: '$connect', request: receivedRequest() }),
      request: receivedRequest({ path: '/dev', rawQueryString: 'token=q1', headers: [['Auth', 'k']] }),
      resourceArn: 'arn:aws:execute-api:us-east-1:123456789012:a1b2c3d4e5/dev/$connect',
      authorizerEvent: () => buildAuthorizerEventV1(connectEvent, 'arn:aws:execute-api:us-east-1:123456789012:a1b2c3d4e5/dev/$connect'),
    });
    return { decision, events: fake.calls.map((c) => c.request.event as AnyEvent) };
  }

  const wsAuthorizer = lambdaAuthorizer({ functionArn: FUNCTION_ARN, payloadFormatVersion: '1.0', enableSimpleResponses: false, identitySource: ['route.request.header.Auth', 'route.request.querystring.token'] });
  const policy = (effect: 'Allow' | 'Deny') => (event: AnyEvent) => ({
    principalId: 'me',
    policyDocument: { Version: '2012-10-17', Statement: [{ Action: 'execute-api:Invoke', Effect: effect, Resource: event.methodArn }] },
    context: { room: 'lobby' },
  });

  test('runs the REQUEST authorizer with the $connect event and methodArn, and allows with principalId and context', async () => {
    const { decision, events } = await connect(policy('Allow'), wsAuthorizer);
    expect(events).toEqual([{ type: 'REQUEST', methodArn: 'arn:aws:execute-api:us-east-1:123456789012:a1b2c3d4e5/dev/$connect', headers: { Auth: 'k' }, queryStringParameters: { token: 'q1' }, requestContext: connectEvent.requestContext }]);
    expect(decision).toEqual({ kind: 'allowed', decidedBy: 'Lambda LambdaAuth', authorizer: { kind: 'lambda', principalId: 'me', context: { room: 'lobby' } } });
  });

  test('a Deny is 403, and a missing identity value is 401 without a call', async () => {
    expect((await connect(policy('Deny'), wsAuthorizer)).decision).toMatchObject({ kind: 'denied', status: 403 });
    const missing = await connect(policy('Allow'), { ...wsAuthorizer, identitySource: ['route.request.header.Missing'] });
    expect(missing.decision).toMatchObject({ kind: 'denied', status: 401 });
    expect(missing.events).toHaveLength(0);
  });
});

describe('createRouteAuthorizer for IAM on WebSocket $connect', () => {
  const credential = { accessKeyId: 'AKIACONNECTUNIT', secretAccessKey: 'connect-secret' };
  const iamApi = compileWebSocketApi({ ...webSocketApi([{ ...wsRoute('$connect'), authorizationType: 'AWS_IAM' }]), stages: [stage('prod')] });

  /** The query string a client's presigned URL for `path` carries. */
  async function presignedQuery(path: string): Promise<string> {
    const signer = new SignatureV4({ credentials: credential, region: 'us-east-1', service: 'execute-api', sha256: Sha256 });
    const request = { method: 'GET', protocol: 'http:', hostname: '127.0.0.1', port: 3001, path, query: {}, headers: { host: '127.0.0.1:3001' } };
    const signed = await signer.presign(request, { signingDate: new Date(wsDeps().now()) });
    return new URLSearchParams(Object.entries(signed.query ?? {}).map(([name, value]): [string, string] => [name, String(value)])).toString();
  }

  function connectDeps() {
    const base = wsDeps();
    return { ...base, authorizeRoute: createRouteAuthorizer({ services: base, issuerKeys: new IssuerKeyStore(), credentials: indexCredentials([credential]) }) };
  }

  test('verifies the signature against the path the client requested', async () => {
    const signedForSlash = await connectClient(iamApi, upgrade('/prod/', await presignedQuery('/prod/')), connectDeps());
    expect(signedForSlash).toMatchObject({ kind: 'accepted' });
    const signedForBare = await connectClient(iamApi, upgrade('/prod', await presignedQuery('/prod')), connectDeps());
    expect(signedForBare).toMatchObject({ kind: 'accepted' });
  });

  test('refuses a signature made for another path than the one requested', async () => {
    const outcome = await connectClient(iamApi, upgrade('/prod/', await presignedQuery('/prod')), connectDeps());
    expect(outcome).toMatchObject({ kind: 'rejected', status: 403 });
  });
});
