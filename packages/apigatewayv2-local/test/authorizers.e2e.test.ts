// End to end: JWT, Lambda and IAM authorizers enforced on real sockets, against templates synthesized from
// aws-cdk-lib's authorizer constructs and from ours, with a local OpenID provider and SigV4 signing.
import type { APIGatewayProxyEvent, APIGatewayProxyEventV2 } from 'aws-lambda';
import { SignatureV4 } from '@smithy/signature-v4';
import { Duration } from 'aws-cdk-lib';
import { CorsHttpMethod, HttpApi, HttpMethod, PayloadFormatVersion } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpIamAuthorizer, HttpJwtAuthorizer, HttpLambdaAuthorizer, HttpLambdaResponseType, HttpUserPoolAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as own from 'cdk-apigatewayv2';
import * as ownAuthorizers from 'cdk-apigatewayv2/authorizers';
import { LambdaProxyIntegration } from 'cdk-apigatewayv2/integrations';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { Sha256 } from '../src/authorizers/verify-sigv4.js';
import { readGatewayModel, startGateway, type Gateway } from '../src/index.js';
import { REQUIRED_SCOPE, badTokenCorpus } from './support/bad-tokens.js';
import { type LocalOpenIdProvider, startOpenIdProvider } from './support/oidc-provider.js';
import { handlerDirectory, synthStack, type SynthesizedApp } from './support/synth-stack.js';

const HANDLERS = `
let calls = 0;
exports.echo = async (event) => ({ statusCode: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify(event) });
exports.simple = async (event) => {
  calls += 1;
  const token = event.identitySource[0];
  if (token === 'boom') throw new Error('authorizer exploded');
  if (token === 'Unauthorized') throw new Error('Unauthorized');
  if (token === 'garbage') return { allowed: 'maybe' };
  return { isAuthorized: token !== 'deny', context: { user: token, calls, routeArn: event.routeArn, type: event.type } };
};
exports.policy = async (event) => {
  calls += 1;
  const base = event.methodArn.split('/').slice(0, 2).join('/');
  return {
    principalId: 'user-' + event.identitySource,
    policyDocument: {
      Version: '2012-10-17',
      Statement: [
        { Action: 'execute-api:Invoke', Effect: 'Allow', Resource: base + '/GET/policy/*' },
        { Action: 'execute-api:Invoke', Effect: 'Deny', Resource: base + '/GET/policy/secret' },
      ],
    },
    context: { calls, version: event.version, authorizationToken: event.authorizationToken },
  };
};
`;

const IAM_CREDENTIAL = { accessKeyId: 'AKIALOCALE2E', secretAccessKey: 'local-e2e-secret' };

let provider: LocalOpenIdProvider;
/** Tokens of an https issuer (as AWS requires) whose keys the gateway is given with `jwks`. */
let httpsProvider: LocalOpenIdProvider;
const HTTPS_ISSUER = 'https://issuer.local.test';
let code: SynthesizedApp;
let cdkLib: SynthesizedApp;
let ours: SynthesizedApp;
let gateway: Gateway;
const lines: string[] = [];
let url = '';
let ownUrl = '';

beforeAll(async () => {
  provider = await startOpenIdProvider();
  httpsProvider = await startOpenIdProvider({ issuer: HTTPS_ISSUER });
  code = handlerDirectory({ 'index.js': HANDLERS });
  const fn = (scope: import('constructs').Construct, id: string, handler: string) =>
    new lambda.Function(scope, id, { runtime: lambda.Runtime.NODEJS_22_X, handler: `index.${handler}`, code: lambda.Code.fromAsset(code.directory) });

  cdkLib = synthStack('AuthE2e', (stack) => {
    const echo = new HttpLambdaIntegration('Echo', fn(stack, 'EchoFn', 'echo'));
    const echoV1 = new HttpLambdaIntegration('EchoV1', fn(stack, 'EchoV1Fn', 'echo'), { payloadFormatVersion: PayloadFormatVersion.VERSION_1_0 });
    const api = new HttpApi(stack, 'Api', { corsPreflight: { allowOrigins: ['https://app.example'], allowMethods: [CorsHttpMethod.GET], allowHeaders: ['authorization'] } });
    const jwt = new HttpJwtAuthorizer('Jwt', provider.issuer, { jwtAudience: [provider.audience] });
    const simple = new HttpLambdaAuthorizer('Simple', fn(stack, 'SimpleAuthFn', 'simple'), {
      responseTypes: [HttpLambdaResponseType.SIMPLE],
      identitySource: ['$request.header.x-token'],
      resultsCacheTtl: Duration.seconds(1),
    });
    const uncached = new HttpLambdaAuthorizer('Uncached', fn(stack, 'UncachedAuthFn', 'simple'), {
      responseTypes: [HttpLambdaResponseType.SIMPLE],
      identitySource: ['$request.header.x-token'],
      resultsCacheTtl: Duration.seconds(0),
    });
    const policy = new HttpLambdaAuthorizer('Policy', fn(stack, 'PolicyAuthFn', 'policy'), { identitySource: ['$request.querystring.key'] });
    api.addRoutes({ path: '/open', methods: [HttpMethod.GET], integration: echo });
    api.addRoutes({ path: '/jwt', methods: [HttpMethod.GET], integration: echo, authorizer: jwt, authorizationScopes: [REQUIRED_SCOPE] });
    api.addRoutes({ path: '/jwt-v1', methods: [HttpMethod.GET], integration: echoV1, authorizer: jwt });
    api.addRoutes({ path: '/simple/{id}', methods: [HttpMethod.GET], integration: echo, authorizer: simple });
    api.addRoutes({ path: '/other', methods: [HttpMethod.GET], integration: echo, authorizer: simple });
    api.addRoutes({ path: '/uncached', methods: [HttpMethod.GET], integration: echo, authorizer: uncached });
    api.addRoutes({ path: '/policy/{name}', methods: [HttpMethod.GET], integration: echoV1, authorizer: policy });
    api.addRoutes({ path: '/iam', methods: [HttpMethod.GET, HttpMethod.POST], integration: echo, authorizer: new HttpIamAuthorizer() });
  });

  ours = synthStack('OwnAuthE2e', (stack) => {
    const echo = new LambdaProxyIntegration({ handler: fn(stack, 'EchoFn', 'echo') });
    const api = new own.HttpApi(stack, 'OwnApi');
    const jwt = new ownAuthorizers.HttpJwtAuthorizer({ jwtIssuer: HTTPS_ISSUER, jwtAudience: [httpsProvider.audience] });
    const simple = new ownAuthorizers.HttpLambdaAuthorizer({
      handler: fn(stack, 'SimpleAuthFn', 'simple'),
      responseTypes: [ownAuthorizers.HttpLambdaResponseType.SIMPLE],
      identitySource: ['$request.header.x-token'],
      resultsCacheTtl: Duration.seconds(0),
    });
    api.addRoutes({ path: '/jwt', methods: [own.HttpMethod.GET], integration: echo, authorizer: jwt, authorizationScopes: [REQUIRED_SCOPE] });
    api.addRoutes({ path: '/simple', methods: [own.HttpMethod.GET], integration: echo, authorizer: simple });
    api.addRoutes({ path: '/iam', methods: [own.HttpMethod.GET], integration: echo, authorizer: new ownAuthorizers.HttpIamAuthorizer() });
  });

  gateway = await startGateway({ assembly: cdkLib.directory, port: 0, log: (line) => lines.push(line), iamCredentials: [IAM_CREDENTIAL] });
  url = gateway.apis[0].url ?? '';
}, 120_000);

afterAll(async () => {
  await gateway?.close();
  await provider?.close();
  await httpsProvider?.close();
  cdkLib?.dispose();
  ours?.dispose();
  code?.dispose();
});

async function get(path: string, headers: Record<string, string> = {}, base = url): Promise<Response> {
  return fetch(`${base}${path}`, { headers });
}

async function eventOf<T>(response: Response): Promise<T> {
  expect(response.status).toBe(200);
  return (await response.json()) as T;
}

describe('JWT authorizer (aws-cdk-lib HttpJwtAuthorizer)', () => {
  test('a valid token passes with its claims (as strings) and scopes in the 2.0 event', async () => {
    const token = await provider.mint({ claims: { groups: ['Admins', 'Readers'] } });
    const event = await eventOf<APIGatewayProxyEventV2 & { requestContext: { authorizer: { jwt: { claims: Record<string, string>; scopes: string[] } } } }>(
      await get('/jwt', { authorization: `Bearer ${token}` }),
    );
    expect(event.requestContext.authorizer.jwt.claims).toMatchObject({ sub: 'user-1', iss: provider.issuer, aud: provider.audience, groups: '[Admins Readers]' });
    expect(event.requestContext.authorizer.jwt.claims.exp).toMatch(/^\d+$/);
    expect(event.requestContext.authorizer.jwt.scopes).toEqual(['pets:read', 'pets:write']);
  });

  test('claims and scopes reach a payload 1.0 integration', async () => {
    const event = await eventOf<APIGatewayProxyEvent>(await get('/jwt-v1', { authorization: await provider.mint() }));
    expect(event.requestContext.authorizer).toMatchObject({ claims: { sub: 'user-1' }, scopes: ['pets:read', 'pets:write'] });
  });

  test('every token of the bad-token corpus is refused with AWS status, body and www-authenticate', async () => {
    for (const bad of await badTokenCorpus(provider)) {
      const response = await get('/jwt', bad.authorization === undefined ? {} : { authorization: bad.authorization });
      expect({ name: bad.name, status: response.status }).toEqual({ name: bad.name, status: bad.status });
      expect(await response.text()).toBe(bad.status === 401 ? '{"message":"Unauthorized"}' : '{"message":"Forbidden"}');
      if (bad.description !== undefined) expect(response.headers.get('www-authenticate')).toContain(`error_description="${bad.description}"`);
    }
  });

  test('a CORS preflight never reaches the authorizer', async () => {
    const response = await fetch(`${url}/jwt`, { method: 'OPTIONS', headers: { origin: 'https://app.example', 'access-control-request-method': 'GET' } });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe('https://app.example');
  });

  test('routes without an authorizer stay open', async () => {
    const event = await eventOf<APIGatewayProxyEventV2 & { requestContext: { authorizer?: unknown } }>(await get('/open'));
    expect(event.requestContext.authorizer).toBeUndefined();
  });
});

describe('Lambda authorizers (aws-cdk-lib HttpLambdaAuthorizer)', () => {
  type LambdaEvent = APIGatewayProxyEventV2 & { requestContext: { authorizer: { lambda: Record<string, unknown> } } };

  test('a simple answer allows with its context, denies with 403, and a missing identity is 401 without a call', async () => {
    const allowed = await eventOf<LambdaEvent>(await get('/uncached', { 'x-token': 'ann' }));
    expect(allowed.requestContext.authorizer.lambda).toMatchObject({ user: 'ann', type: 'REQUEST' });
    expect(allowed.requestContext.authorizer.lambda.routeArn).toMatch(/^arn:aws:execute-api:us-east-1:123456789012:[a-z0-9]{10}\/\$default\/GET\/uncached$/);
    const before = allowed.requestContext.authorizer.lambda.calls as number;

    const denied = await get('/uncached', { 'x-token': 'deny' });
    expect(denied.status).toBe(403);
    expect(await denied.text()).toBe('{"message":"Forbidden"}');
    const missing = await get('/uncached');
    expect(missing.status).toBe(401);
    expect(await missing.text()).toBe('{"message":"Unauthorized"}');

    const after = await eventOf<LambdaEvent>(await get('/uncached', { 'x-token': 'ann' }));
    expect(after.requestContext.authorizer.lambda.calls).toBe(before + 2);
  });

  test('a failing authorizer or an invalid answer is 500; throwing "Unauthorized" is 401', async () => {
    expect((await get('/uncached', { 'x-token': 'boom' })).status).toBe(500);
    expect((await get('/uncached', { 'x-token': 'garbage' })).status).toBe(500);
    expect((await get('/uncached', { 'x-token': 'Unauthorized' })).status).toBe(401);
  });

  test('answers are cached by identity for the TTL, across the routes of the authorizer, and expire', async () => {
    const first = await eventOf<LambdaEvent>(await get('/simple/1', { 'x-token': 'cached-user' }));
    const calls = first.requestContext.authorizer.lambda.calls;
    const second = await eventOf<LambdaEvent>(await get('/other', { 'x-token': 'cached-user' }));
    expect(second.requestContext.authorizer.lambda.calls).toBe(calls);
    expect(second.requestContext.authorizer.lambda.routeArn).toBe(first.requestContext.authorizer.lambda.routeArn);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const expired = await eventOf<LambdaEvent>(await get('/other', { 'x-token': 'cached-user' }));
    expect(expired.requestContext.authorizer.lambda.calls).toBe((calls as number) + 1);
  });

  test('an IAM-policy answer (payload 1.0) allows matching ARNs with principalId and context, and its Deny wins', async () => {
    const event = await eventOf<APIGatewayProxyEvent>(await get('/policy/public?key=k1'));
    expect(event.requestContext.authorizer).toMatchObject({ principalId: 'user-k1', version: '1.0', authorizationToken: 'k1' });
    expect((await get('/policy/secret?key=k1')).status).toBe(403);
    expect((await get('/policy/public')).status).toBe(401);
  });
});

describe('IAM authorization (aws-cdk-lib HttpIamAuthorizer)', () => {
  const signer = (secretAccessKey = IAM_CREDENTIAL.secretAccessKey) =>
    new SignatureV4({ credentials: { ...IAM_CREDENTIAL, secretAccessKey }, region: 'us-east-1', service: 'execute-api', sha256: Sha256 });

  async function signedFetch(path: string, options: { method?: string; body?: string; secret?: string; tamper?: (init: { headers: Record<string, string>; body?: string }) => void } = {}): Promise<Response> {
    const target = new URL(`${url}${path}`);
    const signed = await signer(options.secret).sign({
      method: options.method ?? 'GET',
      protocol: 'http:',
      hostname: target.hostname,
      port: Number(target.port),
      path: target.pathname,
      query: Object.fromEntries(target.searchParams),
      headers: { host: target.host, ...(options.body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: options.body,
    });
    const init = { headers: { ...signed.headers }, body: options.body };
    options.tamper?.(init);
    delete init.headers.host;
    return fetch(target, { method: options.method ?? 'GET', headers: init.headers, body: init.body });
  }

  test('a SigV4-signed request passes, with the caller in requestContext.authorizer.iam', async () => {
    const event = await eventOf<APIGatewayProxyEventV2 & { requestContext: { authorizer: { iam: Record<string, unknown> } } }>(await signedFetch('/iam?x=1'));
    expect(event.requestContext.authorizer.iam).toMatchObject({
      accessKey: IAM_CREDENTIAL.accessKeyId,
      accountId: '123456789012',
      userArn: 'arn:aws:iam::123456789012:user/apigw-local',
      cognitoIdentity: null,
    });
    expect((await signedFetch('/iam', { method: 'POST', body: '{"a":1}' })).status).toBe(200);
  });

  test('unsigned, wrongly signed and tampered requests are 403 with AWS error types', async () => {
    const unsigned = await get('/iam');
    expect(unsigned.status).toBe(403);
    expect(unsigned.headers.get('x-amzn-errortype')).toBe('IncompleteSignatureException');

    const wrongSecret = await signedFetch('/iam', { secret: 'not-the-secret' });
    expect(wrongSecret.status).toBe(403);
    expect(wrongSecret.headers.get('x-amzn-errortype')).toBe('InvalidSignatureException');
    expect(((await wrongSecret.json()) as { message: string }).message).toMatch(/^The request signature we calculated does not match/);

    const tamperedBody = await signedFetch('/iam', { method: 'POST', body: '{"a":1}', tamper: (init) => (init.body = '{"a":2}') });
    expect(tamperedBody.status).toBe(403);

    const unknownKey = await signedFetch('/iam', { tamper: (init) => (init.headers.authorization = init.headers.authorization.replace(IAM_CREDENTIAL.accessKeyId, 'AKIAUNKNOWN')) });
    expect(unknownKey.status).toBe(403);
    expect(unknownKey.headers.get('x-amzn-errortype')).toBe('UnrecognizedClientException');
  });
});

describe('start-up table and request log', () => {
  test("the start-up table shows each route's authorization", () => {
    const text = lines.join('\n');
    expect(text).toMatch(/GET \/jwt\s+→ Lambda EchoFn\w* \(payload 2\.0\)\s+\[JWT Jwt scopes pets:read\]/);
    expect(text).toMatch(/GET \/open\s+→ .*\[open\]/);
    expect(text).toMatch(/GET \/simple\/\{id\}\s+→ .*\[Lambda Simple \(payload 2\.0 simple, cached 1 s\)\]/);
    expect(text).toMatch(/GET \/iam\s+→ .*\[AWS_IAM/);
    expect(text).not.toContain('not enforced');
  });

  test('the request log names the authorizer that decided and why it refused', () => {
    const text = lines.join('\n');
    expect(text).toMatch(/GET \/jwt → GET \/jwt 401 .*\(JWT Jwt: .*expired/);
    expect(text).toMatch(/GET \/uncached → GET \/uncached 403 .*\(Lambda Uncached: isAuthorized is false\)/);
    expect(text).toMatch(/GET \/jwt → GET \/jwt 200 .*\(allowed by JWT Jwt\)/);
  });
});

describe('templates from our own authorizer constructs (cdk-apigatewayv2/authorizers)', () => {
  let ownGateway: Gateway;
  beforeAll(async () => {
    ownGateway = await startGateway({
      assembly: ours.directory,
      port: 0,
      quiet: true,
      log: () => undefined,
      iamCredentials: [IAM_CREDENTIAL],
      jwks: { [HTTPS_ISSUER]: httpsProvider.jwksUri },
    });
    ownUrl = ownGateway.apis[0].url ?? '';
  });
  afterAll(() => ownGateway?.close());

  test('JWT with an https issuer pointed at local keys: valid tokens pass, the bad-token corpus is refused', async () => {
    expect((await get('/jwt', { authorization: `Bearer ${await httpsProvider.mint()}` }, ownUrl)).status).toBe(200);
    for (const bad of await badTokenCorpus(httpsProvider)) {
      const response = await get('/jwt', bad.authorization === undefined ? {} : { authorization: bad.authorization }, ownUrl);
      expect({ name: bad.name, status: response.status }).toEqual({ name: bad.name, status: bad.status });
    }
  });

  test('Lambda: allows and denies; IAM: unsigned is refused', async () => {
    expect((await get('/simple', { 'x-token': 'ann' }, ownUrl)).status).toBe(200);
    expect((await get('/simple', { 'x-token': 'deny' }, ownUrl)).status).toBe(403);
    expect((await get('/simple', {}, ownUrl)).status).toBe(401);
    expect((await get('/iam', {}, ownUrl)).status).toBe(403);
  });
});

describe('Cognito user pool authorizer (aws-cdk-lib HttpUserPoolAuthorizer), its issuer pointed at local keys', () => {
  let pool: SynthesizedApp;
  let poolGateway: Gateway;
  let poolUrl = '';
  let issuer = '';
  let clientId = '';

  beforeAll(async () => {
    pool = synthStack('PoolAuthE2e', (stack) => {
      const userPool = new cognito.UserPool(stack, 'Pool');
      const api = new HttpApi(stack, 'PoolApi');
      api.addRoutes({
        path: '/me',
        methods: [HttpMethod.GET],
        integration: new HttpLambdaIntegration('Echo', new lambda.Function(stack, 'EchoFn', { runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.echo', code: lambda.Code.fromAsset(code.directory) })),
        authorizer: new HttpUserPoolAuthorizer('PoolAuthorizer', userPool),
      });
    });
    const model = await readGatewayModel({ assembly: pool.directory });
    const authorizer = [...(model.apis[0]?.authorizers.values() ?? [])][0];
    if (authorizer?.kind !== 'jwt') throw new Error('the user pool authorizer is not a JWT authorizer in the template');
    issuer = authorizer.issuer;
    clientId = authorizer.audience[0] ?? '';
    poolGateway = await startGateway({ assembly: pool.directory, port: 0, quiet: true, log: () => undefined, jwks: { [issuer]: provider.jwksUri } });
    poolUrl = poolGateway.apis[0]?.url ?? '';
  }, 120_000);

  afterAll(async () => {
    await poolGateway?.close();
    pool?.dispose();
  });

  test('access tokens (client_id, no aud) and ID tokens (aud) of the pool pass; other clients and issuers are refused', async () => {
    expect(issuer).toMatch(/^https:\/\/cognito-idp\.us-east-1\.amazonaws\.com\/./);
    const access = await provider.mint({ claims: { iss: issuer, aud: undefined, client_id: clientId, token_use: 'access', scope: 'aws.cognito.signin.user.admin' } });
    const event = await eventOf<APIGatewayProxyEventV2 & { requestContext: { authorizer: { jwt: { claims: Record<string, string> } } } }>(await get('/me', { authorization: access }, poolUrl));
    expect(event.requestContext.authorizer.jwt.claims).toMatchObject({ client_id: clientId, token_use: 'access' });
    const id = await provider.mint({ claims: { iss: issuer, aud: clientId, token_use: 'id' } });
    expect((await get('/me', { authorization: id }, poolUrl)).status).toBe(200);
    const otherClient = await provider.mint({ claims: { iss: issuer, aud: undefined, client_id: 'another-client' } });
    expect((await get('/me', { authorization: otherClient }, poolUrl)).status).toBe(401);
    expect((await get('/me', { authorization: await provider.mint({ claims: { aud: clientId } }) }, poolUrl)).status).toBe(401);
  });
});
