// End to end: custom domain names served on one extra port by Host header and API mapping key, from
// aws-cdk-lib's DomainName and ApiMapping constructs: an HTTP API on api.example.com/v1, a WebSocket API on
// ws.example.com/chat; reached as a browser with a hosts entry would (TLS to the domain name, resolved to
// 127.0.0.1 like `curl --resolve`), over plain HTTP with a Host header, and by the real AWS SDK management
// client through the custom domain.
import { symlinkSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { ApiGatewayManagementApiClient, GetConnectionCommand, PostToConnectionCommand } from '@aws-sdk/client-apigatewaymanagementapi';
import { Duration } from 'aws-cdk-lib';
import { ApiMapping, DomainName, HttpApi, HttpMethod, WebSocketApi, WebSocketStage } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration, WebSocketLambdaIntegration, WebSocketMockIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { Certificate } from 'aws-cdk-lib/aws-certificatemanager';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { WebSocket } from 'ws';
import { startGateway, type Gateway } from '../src/index.js';
import { handlerDirectory, synthStack, tearDownWebSocketE2e, type SynthesizedApp } from './support/synth-stack.js';
import { eventually, type TestClient } from './support/ws-client.js';

const HANDLER = `const { ApiGatewayManagementApiClient, PostToConnectionCommand } = require('@aws-sdk/client-apigatewaymanagementapi');
// A handler reaches @connections through the custom domain: by the domain it was called on, or by a URL on
// the domain given in its environment (as a stage's callback URL on its domain would be).
exports.viaDomain = async (event) => {
  const byEvent = new ApiGatewayManagementApiClient({ endpoint: 'https://' + event.requestContext.domainName + '/chat' });
  const byEnv = new ApiGatewayManagementApiClient({ endpoint: process.env.DOMAIN_CALLBACK_URL });
  const ConnectionId = event.requestContext.connectionId;
  await byEvent.send(new PostToConnectionCommand({ ConnectionId, Data: 'by event domain ' + event.requestContext.domainName }));
  await byEnv.send(new PostToConnectionCommand({ ConnectionId, Data: 'by env ' + process.env.DOMAIN_CALLBACK_URL }));
  return { statusCode: 200 };
};
exports.handler = async (event) => ({
  statusCode: 200,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ rawPath: event.rawPath, routeKey: event.routeKey, domainName: event.requestContext.domainName, domainPrefix: event.requestContext.domainPrefix, stage: event.requestContext.stage }),
});`;

/** The local IAM credential the test signs `@connections` calls with. */
const CALLER = { accessKeyId: 'AKIDLOCALDOMAINS', secretAccessKey: 'local-domains-secret' };

let code: SynthesizedApp;
let app: SynthesizedApp;
let gateway: Gateway;
let port: number;
const lines: string[] = [];
const clients: TestClient[] = [];

/** What `curl --resolve api.example.com:PORT:127.0.0.1` does: every name resolves to the loopback address. */
const toLoopback: LookupFunction = (_hostname, options, callback) => {
  if (options.all) (callback as unknown as (e: null, a: { address: string; family: number }[]) => void)(null, [{ address: '127.0.0.1', family: 4 }]);
  else callback(null, '127.0.0.1', 4);
};

interface Answer {
  readonly status: number;
  readonly body: string;
  readonly altNames?: string;
}

function call(url: string, options: { method?: string; headers?: Record<string, string> } = {}): Promise<Answer> {
  const target = new URL(url);
  const secure = target.protocol === 'https:';
  return new Promise((resolve, reject) => {
    const request = (secure ? httpsRequest : httpRequest)(
      target,
      { method: options.method ?? 'GET', headers: options.headers, lookup: toLoopback, ...(secure && { rejectUnauthorized: false }) },
      (response) => {
        const altNames = secure ? (response.socket as TLSSocket).getPeerCertificate().subjectaltname : undefined;
        let body = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (body += chunk));
        response.on('end', () => {
          resolve({ status: response.statusCode ?? 0, body, ...(altNames !== undefined && { altNames }) });
        });
      },
    );
    request.on('error', reject);
    request.end();
  });
}

beforeAll(async () => {
  code = handlerDirectory({ 'index.js': HANDLER });
  app = synthStack('CustomDomainsE2e', (stack) => {
    const certificate = Certificate.fromCertificateArn(stack, 'Cert', 'arn:aws:acm:us-east-1:123456789012:certificate/abc');
    const fn = new lambda.Function(stack, 'Fn', { runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromAsset(code.directory), timeout: Duration.seconds(10) });
    const http = new HttpApi(stack, 'Books');
    http.addRoutes({ path: '/books/{id}', methods: [HttpMethod.GET], integration: new HttpLambdaIntegration('Books', fn) });
    const api = new DomainName(stack, 'ApiDomain', { domainName: 'api.example.com', certificate });
    new ApiMapping(stack, 'BooksV1', { api: http, domainName: api, apiMappingKey: 'v1' });
    const chat = new WebSocketApi(stack, 'Chat', {
      connectRouteOptions: { integration: new WebSocketMockIntegration('Connect') },
    });
    chat.addRoute('ping', { integration: new WebSocketMockIntegration('Ping'), returnResponse: false });
    const viaDomain = new lambda.Function(stack, 'ViaDomainFn', {
      runtime: lambda.Runtime.NODEJS_22_X,
      handler: 'index.viaDomain',
      code: lambda.Code.fromAsset(code.directory),
      timeout: Duration.seconds(20),
      environment: { DOMAIN_CALLBACK_URL: 'https://ws.example.com/chat' },
    });
    chat.addRoute('viadomain', { integration: new WebSocketLambdaIntegration('ViaDomain', viaDomain) });
    const prod = new WebSocketStage(stack, 'Prod', { webSocketApi: chat, stageName: 'prod', autoDeploy: true });
    const ws = new DomainName(stack, 'WsDomain', { domainName: 'ws.example.com', certificate });
    new ApiMapping(stack, 'ChatMapping', { api: chat, domainName: ws, stage: prod, apiMappingKey: 'chat' });
  });
  // Handlers require the AWS SDK: resolved through the workspace's node_modules, as bundled code would carry it.
  symlinkSync(join(import.meta.dirname, '..', '..', '..', 'node_modules'), join(app.directory, 'node_modules'));
  gateway = await startGateway({ assembly: app.directory, port: 0, domainPort: 0, log: (line) => lines.push(line), iamCredentials: [CALLER] });
  port = gateway.domainPort!;
}, 120_000);

afterAll(() => tearDownWebSocketE2e({ clients, gateway, app, code, state: undefined }));

describe('custom domains served by Host header', () => {
  test('the start-up table lists each domain URL and what each mapping key reaches, and no "not served" warning', () => {
    const text = lines.join('\n');
    expect(text).toContain(`api.example.com  https://api.example.com:${port}`);
    expect(text).toContain(`ws.example.com  wss://ws.example.com:${port}`);
    expect(text).toMatch(/\/v1\s+→ HTTP API CustomDomainsE2e\/Books\w* \(Books\) stage \$default/);
    expect(text).toMatch(/\/chat\s+→ WEBSOCKET API CustomDomainsE2e\/Chat\w* \(Chat\) stage prod/);
    expect(text).not.toContain('is not served');
  });

  test('an HTTP API answers on https://api.example.com/v1 (resolved to 127.0.0.1), the mapping key stripped, the domain in the request context', async () => {
    const answer = await call(`https://api.example.com:${port}/v1/books/7`);
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body)).toEqual({ rawPath: '/books/7', routeKey: 'GET /books/{id}', domainName: `api.example.com:${port}`, domainPrefix: 'api', stage: '$default' });
    expect(answer.altNames).toContain('DNS:api.example.com');
  });

  test('plain HTTP with a Host header reaches the same API', async () => {
    const answer = await call(`http://127.0.0.1:${port}/v1/books/8`, { headers: { host: 'api.example.com' } });
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body)).toMatchObject({ rawPath: '/books/8', domainName: 'api.example.com', domainPrefix: 'api' });
  });

  test('an unknown host is refused with 403 Forbidden and logged; an unmapped path is 404', async () => {
    expect(await call(`http://127.0.0.1:${port}/v1/books/1`, { headers: { host: 'other.example.com' } })).toMatchObject({ status: 403, body: '{"message":"Forbidden"}' });
    expect(lines.some((line) => line.includes('other.example.com') && line.includes('403'))).toBe(true);
    expect(await call(`http://127.0.0.1:${port}/v2/books/1`, { headers: { host: 'api.example.com' } })).toMatchObject({ status: 404 });
  });

  test('a WebSocket client connects to wss://ws.example.com/chat and the AWS SDK management client reaches it through the custom domain', async () => {
    const ws = new WebSocket(`wss://ws.example.com:${port}/chat`, { lookup: toLoopback, rejectUnauthorized: false });
    const frames: string[] = [];
    ws.on('message', (data: Buffer) => frames.push(data.toString('utf8')));
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    clients.push({ ws } as unknown as TestClient);
    const connectionId = await eventually(() =>
      lines.map((line) => /CONNECT (\S+) → \$connect 101/.exec(line)?.[1]).find((id) => id !== undefined),
    );
    const client = new ApiGatewayManagementApiClient({
      endpoint: `https://ws.example.com:${port}/chat`,
      region: 'us-east-1',
      credentials: CALLER,
      requestHandler: { httpsAgent: new HttpsAgent({ lookup: toLoopback, rejectUnauthorized: false }) },
    });
    await client.send(new PostToConnectionCommand({ ConnectionId: connectionId, Data: 'through the domain' }));
    expect(await eventually(() => frames[0])).toBe('through the domain');
    const info = await client.send(new GetConnectionCommand({ ConnectionId: connectionId }));
    expect(info.Identity?.SourceIp).toBe('127.0.0.1');

    // A function environment reaches @connections through the custom domain too (names resolved to 127.0.0.1, the local certificate trusted).
    ws.send(JSON.stringify({ action: 'viadomain' }));
    await eventually(() => (frames.length >= 3 ? frames : undefined), 30_000);
    expect(frames.slice(1).sort()).toEqual([`by env https://ws.example.com:${port}/chat`, `by event domain ws.example.com:${port}`]);
  }, 60_000);
});
