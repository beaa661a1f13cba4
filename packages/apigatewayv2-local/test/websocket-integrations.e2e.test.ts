// End to end: MOCK and HTTP integrations on WebSocket routes, from aws-cdk-lib's constructs (and the L1
// resources aws-cdk-lib has no L2 for: integration responses, HTTP integrations on WebSocket APIs), served on
// real sockets to real `ws` clients; the HTTP routes reach a backend this test starts.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Duration } from 'aws-cdk-lib';
import { CfnIntegration, CfnIntegrationResponse, CfnRoute, CfnRouteResponse, WebSocketApi, WebSocketStage } from 'aws-cdk-lib/aws-apigatewayv2';
import { WebSocketLambdaIntegration, WebSocketMockIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startGateway, type Gateway, type GatewayStageInfo } from '../src/index.js';
import { handlerDirectory, synthStack, tearDownWebSocketE2e, type SynthesizedApp } from './support/synth-stack.js';
import { connect, handshake, type TestClient } from './support/ws-client.js';

let code: SynthesizedApp;
let app: SynthesizedApp;
let state: string;
let gateway: Gateway;
let stage: GatewayStageInfo;
let backend: Server;
const received: { method: string; url: string; body: string }[] = [];
const lines: string[] = [];
const clients: TestClient[] = [];

async function open(query = ''): Promise<TestClient> {
  const client = await connect(`${stage.url}${query}`);
  clients.push(client);
  return client;
}

beforeAll(async () => {
  state = mkdtempSync(join(tmpdir(), 'apigw-local-ws-integrations-'));
  backend = createServer((request, response) => {
    let body = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => (body += chunk));
    request.on('end', () => {
      received.push({ method: request.method ?? '', url: request.url ?? '', body });
      response.writeHead(request.url?.includes('fail') ? 500 : 200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ backend: 'saw', body }));
    });
  });
  await new Promise<void>((resolve) => backend.listen(0, '127.0.0.1', resolve));
  const backendUrl = `http://127.0.0.1:${(backend.address() as AddressInfo).port}`;
  // The only function: its module records that an environment started it.
  code = handlerDirectory({ 'index.js': `require('node:fs').writeFileSync(process.env.STARTED_FILE, 'started');\nexports.echo = async (event) => ({ statusCode: 200, body: event.body });\n` });
  app = synthStack('WebSocketIntegrationsE2e', (stack) => {
    const echo = new lambda.Function(stack, 'EchoFn', {
      runtime: lambda.Runtime.NODEJS_22_X,
      handler: 'index.echo',
      code: lambda.Code.fromAsset(code.directory),
      timeout: Duration.seconds(10),
      environment: { STARTED_FILE: join(state, 'started') },
    });
    const api = new WebSocketApi(stack, 'Api', {
      connectRouteOptions: {
        integration: new WebSocketMockIntegration('ConnectMock', {
          requestTemplates: { $default: '{"statusCode": 200}' },
          templateSelectionExpression: '\\$default',
        }),
      },
      defaultRouteOptions: { integration: new WebSocketLambdaIntegration('EchoIntegration', echo), returnResponse: true },
    });
    api.addRoute('ping', {
      integration: new WebSocketMockIntegration('PingMock', { requestTemplates: { $default: '{"statusCode": 200}' }, templateSelectionExpression: '\\$default' }),
      returnResponse: true,
    });
    const pingIntegration = api.node.findAll().find((c): c is CfnIntegration => c instanceof CfnIntegration && c.integrationType === 'MOCK' && c.node.path.includes('ping'));
    new CfnIntegrationResponse(stack, 'PongResponse', {
      apiId: api.apiId,
      integrationId: pingIntegration!.ref,
      integrationResponseKey: '/200/',
      templateSelectionExpression: '\\$default',
      responseTemplates: { $default: '{"action":"pong","connectionId":"$context.connectionId","n":$input.json(\'$.n\')}' },
    });
    const httpRoute = (id: string, routeKey: string, integration: CfnIntegration): void => {
      const route = new CfnRoute(stack, `${id}Route`, { apiId: api.apiId, routeKey, target: `integrations/${integration.ref}`, routeResponseSelectionExpression: '$default' });
      new CfnRouteResponse(stack, `${id}RouteResponse`, { apiId: api.apiId, routeId: route.ref, routeResponseKey: '$default' });
    };
    // HTTP_PROXY to the backend's own URL; and one whose public URL --backend replaces.
    httpRoute('Direct', 'direct', new CfnIntegration(stack, 'DirectIntegration', { apiId: api.apiId, integrationType: 'HTTP_PROXY', integrationMethod: 'POST', integrationUri: `${backendUrl}/direct` }));
    httpRoute('Public', 'public', new CfnIntegration(stack, 'PublicIntegration', { apiId: api.apiId, integrationType: 'HTTP_PROXY', integrationMethod: 'PUT', integrationUri: 'https://backend.example.com/public' }));
    httpRoute('Fail', 'fail', new CfnIntegration(stack, 'FailIntegration', { apiId: api.apiId, integrationType: 'HTTP_PROXY', integrationMethod: 'POST', integrationUri: `${backendUrl}/fail` }));
    // An AWS service integration (SQS SendMessage), served by the local endpoint --backend gives it; and one without.
    const sqs = (id: string) =>
      new CfnIntegration(stack, id, {
        apiId: api.apiId,
        integrationType: 'AWS',
        integrationMethod: 'POST',
        integrationUri: 'arn:aws:apigateway:us-east-1:sqs:path/123456789012/queue',
        requestParameters: { 'integration.request.header.Content-Type': "'application/x-www-form-urlencoded'" },
        requestTemplates: { $default: 'Action=SendMessage&MessageBody=$input.path(\'$.text\')' },
        templateSelectionExpression: '\\$default',
      });
    httpRoute('Enqueue', 'enqueue', sqs('QueueIntegration'));
    httpRoute('Unserved', 'unserved', sqs('UnservedQueueIntegration'));
    new WebSocketStage(stack, 'DevStage', { webSocketApi: api, stageName: 'dev', autoDeploy: true });
  });
  gateway = await startGateway({ assembly: app.directory, port: 0, log: (line) => lines.push(line), backends: { PublicIntegration: backendUrl, QueueIntegration: `${backendUrl}/sqs` } });
  stage = gateway.apis.find((a) => a.protocol === 'WEBSOCKET')?.stages[0] as GatewayStageInfo;
}, 120_000);

afterAll(async () => {
  await tearDownWebSocketE2e({ clients, gateway, app, code, state: undefined });
  backend.close();
  rmSync(state, { recursive: true, force: true });
});

describe('MOCK integrations on WebSocket routes', () => {
  test('lists the MOCK and HTTP routes without a "not served" notice', () => {
    const text = lines.join('\n');
    expect(text).toMatch(/route\s+ping\s+→ mock \(two-way\)/);
    expect(text).not.toMatch(/not served on WebSocket routes|integration response templates are not applied/);
  });

  test('a MOCK ping route answers pong from its integration response without starting a function', async () => {
    const client = await open();
    client.ws.send(JSON.stringify({ action: 'ping', n: 3 }));
    const reply = JSON.parse(await client.next()) as { action: string; connectionId: string; n: number };
    expect(reply).toMatchObject({ action: 'pong', n: 3 });
    expect(reply.connectionId).toMatch(/^[A-Za-z0-9_-]+=$/);
    expect(existsSync(join(state, 'started'))).toBe(false);
  });
});

describe('HTTP integrations on WebSocket routes', () => {
  test('HTTP_PROXY sends the message to the backend and its answer back to the two-way route', async () => {
    const client = await open();
    const message = JSON.stringify({ action: 'direct', text: 'hi' });
    client.ws.send(message);
    expect(JSON.parse(await client.next())).toEqual({ backend: 'saw', body: message });
    expect(received).toContainEqual({ method: 'POST', url: '/direct', body: message });
  });

  test('--backend replaces the integration URL origin', async () => {
    const client = await open();
    const message = JSON.stringify({ action: 'public' });
    client.ws.send(message);
    expect(JSON.parse(await client.next())).toEqual({ backend: 'saw', body: message });
    expect(received).toContainEqual({ method: 'PUT', url: '/public', body: message });
  });

  test('a backend status is not an error: its body still comes back', async () => {
    const client = await open();
    client.ws.send(JSON.stringify({ action: 'fail' }));
    expect(JSON.parse(await client.next())).toMatchObject({ backend: 'saw' });
  });

  test('an AWS service integration goes through its request template to the endpoint --backend gives; without one it is reported and errors', async () => {
    const client = await open();
    client.ws.send(JSON.stringify({ action: 'enqueue', text: 'hello' }));
    expect(JSON.parse(await client.next())).toEqual({ backend: 'saw', body: 'Action=SendMessage&MessageBody=hello' });
    expect(received).toContainEqual({ method: 'POST', url: '/sqs/123456789012/queue', body: 'Action=SendMessage&MessageBody=hello' });
    client.ws.send(JSON.stringify({ action: 'unserved' }));
    expect(JSON.parse(await client.next())).toMatchObject({ message: 'Internal server error' });
    expect(lines.join('\n')).toMatch(/route\s+enqueue\s+→ AWS sqs POST http:\/\/127\.0\.0\.1:\d+\/sqs\/123456789012\/queue \(integration QueueIntegration, --backend\)/);
    expect(lines.join('\n')).toMatch(/UnservedQueueIntegration\w*\s+AWS service integration https:\/\/sqs\.us-east-1\.amazonaws\.com\/123456789012\/queue \(sqs\) is not emulated/);
  });

  test('the $connect MOCK lets clients in; unknown stages are still refused', async () => {
    expect((await handshake(stage.url.replace(/\/dev$/, '/nope'))).kind).toBe('refused');
  });
});
