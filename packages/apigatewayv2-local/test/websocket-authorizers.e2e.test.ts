// End to end: `$connect` authorization of WebSocket APIs synthesized from aws-cdk-lib's authorizer constructs.
// A Lambda REQUEST authorizer runs before `$connect` and before the handshake completes; IAM verifies a
// presigned (SigV4 query) connection URL against the gateway's local credentials.
// https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-websocket-api-lambda-auth.html
// https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-websocket-control-access-iam.html
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SignatureV4 } from '@smithy/signature-v4';
import { WebSocketApi, WebSocketStage } from 'aws-cdk-lib/aws-apigatewayv2';
import { WebSocketIamAuthorizer, WebSocketLambdaAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { WebSocketLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { Sha256 } from '../src/authorizers/verify-sigv4.js';
import { startGateway, type Gateway } from '../src/index.js';
import type { WebSocketEvent } from '../src/websocket/build-websocket-event.js';
import { handlerDirectory, synthStack, tearDownWebSocketE2e, type SynthesizedApp } from './support/synth-stack.js';
import { connect, eventually, handshake, type TestClient } from './support/ws-client.js';

const HANDLERS = `
const fs = require('node:fs');
const record = (kind, event) => fs.appendFileSync(process.env.EVENTS_FILE, JSON.stringify({ kind, event }) + '\\n');
exports.authorize = async (event) => {
  record('authorizer', event);
  const token = event.queryStringParameters.token;
  const effect = token.startsWith('allow') ? 'Allow' : 'Deny';
  return {
    principalId: 'user-' + token,
    policyDocument: { Version: '2012-10-17', Statement: [{ Action: 'execute-api:Invoke', Effect: effect, Resource: event.methodArn }] },
    context: { plan: 'gold', seats: 3 },
  };
};
exports.connect = async (event) => { record('connect', event); return { statusCode: 200 }; };
exports.echo = async (event) => ({ statusCode: 200, body: event.body });
`;

const IAM_CREDENTIAL = { accessKeyId: 'AKIAWSCONNECTTEST', secretAccessKey: 'connect-secret' };

interface Recorded {
  readonly kind: 'authorizer' | 'connect';
  readonly event: WebSocketEvent & { methodArn?: string; type?: string };
}

let code: SynthesizedApp;
let app: SynthesizedApp;
let state: string;
let gateway: Gateway;
let lambdaStageUrl = '';
let iamStageUrl = '';
const clients: TestClient[] = [];

function recorded(): Recorded[] {
  const file = join(state, 'events.jsonl');
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line) as Recorded);
}

beforeAll(async () => {
  state = mkdtempSync(join(tmpdir(), 'apigw-local-ws-auth-'));
  code = handlerDirectory({ 'index.js': HANDLERS });
  app = synthStack('WebSocketAuth', (stack) => {
    const fn = (id: string, handler: string) =>
      new lambda.Function(stack, id, {
        runtime: lambda.Runtime.NODEJS_22_X,
        handler: `index.${handler}`,
        code: lambda.Code.fromAsset(code.directory),
        environment: { EVENTS_FILE: join(state, 'events.jsonl') },
      });
    const connectFn = fn('ConnectFn', 'connect');
    const echoFn = fn('EchoFn', 'echo');
    const lambdaApi = new WebSocketApi(stack, 'LambdaAuthApi', {
      connectRouteOptions: {
        integration: new WebSocketLambdaIntegration('ConnectIntegration', connectFn),
        authorizer: new WebSocketLambdaAuthorizer('TokenAuthorizer', fn('AuthorizerFn', 'authorize'), {
          identitySource: ['route.request.querystring.token'],
        }),
      },
      defaultRouteOptions: { integration: new WebSocketLambdaIntegration('EchoIntegration', echoFn), returnResponse: true },
    });
    new WebSocketStage(stack, 'LambdaStage', { webSocketApi: lambdaApi, stageName: 'prod', autoDeploy: true });
    const iamApi = new WebSocketApi(stack, 'IamAuthApi', {
      connectRouteOptions: {
        integration: new WebSocketLambdaIntegration('IamConnectIntegration', connectFn),
        authorizer: new WebSocketIamAuthorizer(),
      },
      defaultRouteOptions: { integration: new WebSocketLambdaIntegration('IamEchoIntegration', echoFn), returnResponse: true },
    });
    new WebSocketStage(stack, 'IamStage', { webSocketApi: iamApi, stageName: 'prod', autoDeploy: true });
  });
  gateway = await startGateway({ assembly: app.directory, port: 0, quiet: true, log: () => {}, iamCredentials: [IAM_CREDENTIAL] });
  const stageUrl = (name: string) => gateway.apis.find((api) => api.name === name)?.stages[0]?.url ?? '';
  lambdaStageUrl = stageUrl('LambdaAuthApi');
  iamStageUrl = stageUrl('IamAuthApi');
}, 120_000);

afterAll(() => tearDownWebSocketE2e({ clients, gateway, app, code, state }));

describe('a Lambda REQUEST authorizer on $connect', () => {
  test('an Allow opens the connection; principalId and context reach the $connect event', async () => {
    const client = await connect(`${lambdaStageUrl}?token=allow-1`);
    clients.push(client);
    const connectEvent = await eventually(() => recorded().find((r) => r.kind === 'connect' && r.event.queryStringParameters?.token === 'allow-1'));
    expect(connectEvent.event.requestContext.authorizer).toEqual({ principalId: 'user-allow-1', plan: 'gold', seats: 3 });
    const authorizerEvent = recorded().find((r) => r.kind === 'authorizer' && r.event.queryStringParameters?.token === 'allow-1');
    expect(authorizerEvent?.event).toMatchObject({ type: 'REQUEST', requestContext: { routeKey: '$connect', eventType: 'CONNECT' } });
    expect(authorizerEvent?.event.methodArn).toMatch(/^arn:aws:execute-api:us-east-1:123456789012:\w+\/prod\/\$connect$/);
    client.ws.send('still open');
    expect(await client.next()).toBe('still open');
  });

  test('a Deny refuses the handshake with 403 and $connect does not run', async () => {
    const result = await handshake(`${lambdaStageUrl}?token=deny-1`);
    expect(result.kind === 'refused' && result.status).toBe(403);
    await eventually(() => recorded().find((r) => r.kind === 'authorizer' && r.event.queryStringParameters?.token === 'deny-1'));
    expect(recorded().some((r) => r.kind === 'connect' && r.event.queryStringParameters?.token === 'deny-1')).toBe(false);
  });

  test('a missing identity source refuses with 401 without calling the authorizer', async () => {
    const before = recorded().length;
    const result = await handshake(lambdaStageUrl);
    expect(result.kind === 'refused' && result.status).toBe(401);
    expect(recorded().slice(before)).toEqual([]);
  });
});

describe('IAM on $connect', () => {
  const presign = async (secretAccessKey = IAM_CREDENTIAL.secretAccessKey, path = new URL(iamStageUrl).pathname): Promise<URL> => {
    const target = new URL(iamStageUrl);
    target.pathname = path;
    const signer = new SignatureV4({ credentials: { ...IAM_CREDENTIAL, secretAccessKey }, region: 'us-east-1', service: 'execute-api', sha256: Sha256 });
    const signed = await signer.presign({
      method: 'GET',
      protocol: 'http:',
      hostname: target.hostname,
      port: Number(target.port),
      path: target.pathname,
      query: {},
      headers: { host: target.host },
    });
    for (const [name, value] of Object.entries(signed.query ?? {})) target.searchParams.set(name, String(value));
    return target;
  };

  test('a presigned connection URL opens the connection', async () => {
    const client = await connect((await presign()).href);
    clients.push(client);
    client.ws.send('signed');
    expect(await client.next()).toBe('signed');
  });

  test('an unsigned, wrongly signed or tampered connection URL is refused with 403', async () => {
    const unsigned = await handshake(iamStageUrl);
    expect(unsigned.kind === 'refused' && unsigned.status).toBe(403);
    const wrongSecret = await handshake((await presign('not-the-secret')).href);
    expect(wrongSecret.kind === 'refused' && wrongSecret.status).toBe(403);
    const tampered = await presign();
    tampered.searchParams.set('extra', 'added after signing');
    const refused = await handshake(tampered.href);
    expect(refused.kind === 'refused' && refused.status).toBe(403);
  });

  test('the signature is checked against the path the client requested', async () => {
    const stagePath = new URL(iamStageUrl).pathname;
    const withSlash = await connect((await presign(undefined, `${stagePath}/`)).href);
    clients.push(withSlash);
    withSlash.ws.send('signed with a slash');
    expect(await withSlash.next()).toBe('signed with a slash');
    const signedForOtherPath = await presign(undefined, stagePath);
    signedForOtherPath.pathname = `${stagePath}/`;
    const refused = await handshake(signedForOtherPath.href);
    expect(refused.kind === 'refused' && refused.status).toBe(403);
  });
});
