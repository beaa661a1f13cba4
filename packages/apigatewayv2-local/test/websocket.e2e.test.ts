// End to end: a chat app synthesized from aws-cdk-lib's WebSocket constructs, served on real sockets, with
// real `ws` clients and the real AWS SDK management client; handlers run locally and reach the
// @connections API through `https://${domainName}/${stage}` and through a CALLBACK_URL variable.
import { existsSync, mkdtempSync, readFileSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  ApiGatewayManagementApiClient,
  DeleteConnectionCommand,
  GetConnectionCommand,
  GoneException,
  PostToConnectionCommand,
  PayloadTooLargeException,
} from '@aws-sdk/client-apigatewaymanagementapi';
import { Duration } from 'aws-cdk-lib';
import { WebSocketApi, WebSocketStage } from 'aws-cdk-lib/aws-apigatewayv2';
import { WebSocketLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startGateway, type Gateway, type GatewayStageInfo } from '../src/index.js';
import type { WebSocketEvent } from '../src/websocket/build-websocket-event.js';
import { handlerDirectory, synthStack, tearDownWebSocketE2e, type SynthesizedApp } from './support/synth-stack.js';
import { connect, eventually, handshake, pause, type TestClient } from './support/ws-client.js';

const HANDLERS = `
const fs = require('node:fs');
const {
  ApiGatewayManagementApiClient, DeleteConnectionCommand, GetConnectionCommand, PostToConnectionCommand,
} = require('@aws-sdk/client-apigatewaymanagementapi');
const record = (event) => fs.appendFileSync(process.env.EVENTS_FILE, JSON.stringify(event) + '\\n');
// The open connections: $connect appends '+id', $disconnect appends '-id'. Appends only, as the two run
// concurrently in their own environments and a rewrite by one could drop a line the other just added.
const connections = () => {
  const open = new Set();
  const lines = fs.existsSync(process.env.CONNECTIONS_FILE) ? fs.readFileSync(process.env.CONNECTIONS_FILE, 'utf8').split('\\n') : [];
  for (const line of lines) {
    if (line.startsWith('+')) open.add(line.slice(1));
    else if (line.startsWith('-')) open.delete(line.slice(1));
  }
  return [...open];
};
const byDomain = (event) => new ApiGatewayManagementApiClient({
  endpoint: 'https://' + event.requestContext.domainName + '/' + event.requestContext.stage,
});
const byEnv = () => new ApiGatewayManagementApiClient({ endpoint: process.env.CALLBACK_URL });
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

exports.connect = async (event) => {
  record(event);
  const token = event.queryStringParameters && event.queryStringParameters.token;
  if (token === 'deny') return { statusCode: 401, body: 'no entry' };
  if (token === 'bad') return { statusCode: 400 };
  if (token === 'throw') throw new Error('connect failed');
  fs.appendFileSync(process.env.CONNECTIONS_FILE, '+' + event.requestContext.connectionId + '\\n');
  const offered = event.headers['Sec-WebSocket-Protocol'];
  return offered ? { statusCode: 200, headers: { 'Sec-WebSocket-Protocol': offered.split(',')[0].trim() } } : { statusCode: 200 };
};
exports.disconnect = async (event) => {
  record(event);
  fs.appendFileSync(process.env.CONNECTIONS_FILE, '-' + event.requestContext.connectionId + '\\n');
  return { statusCode: 200 };
};
const broadcast = async (client, event) => {
  const { text } = JSON.parse(event.body);
  const from = event.requestContext.connectionId;
  // A connection can close before its $disconnect ran (best effort, as on AWS): 410 Gone is skipped, as chat apps do.
  await Promise.all(connections().filter((id) => id !== from).map((id) =>
    client.send(new PostToConnectionCommand({ ConnectionId: id, Data: JSON.stringify({ from, text }) })).catch((error) => {
      if (error.name !== 'GoneException') throw error;
    })));
  return { statusCode: 200, body: 'not sent: one-way route' };
};
exports.sendByDomain = (event) => broadcast(byDomain(event), event);
exports.sendByEnv = (event) => broadcast(byEnv(), event);
exports.echo = async (event) => {
  record(event);
  return { statusCode: 200, body: JSON.stringify({ routeKey: event.requestContext.routeKey, body: event.body }) };
};
exports.oneway = async () => ({ statusCode: 200, body: 'never sent' });
exports.fail = async () => { throw new Error('boom'); };
exports.slow = async () => { await sleep(1500); return { statusCode: 200, body: 'late' }; };
exports.statusOnly = async () => ({ statusCode: 500, body: 'a 500 body is still a message' });
exports.manage = async (event) => {
  const { op, id } = JSON.parse(event.body);
  const client = byDomain(event);
  const target = id || event.requestContext.connectionId;
  try {
    if (op === 'get') {
      const info = await client.send(new GetConnectionCommand({ ConnectionId: target }));
      return { statusCode: 200, body: JSON.stringify({ sourceIp: info.Identity.SourceIp, connectedAt: info.ConnectedAt.toISOString(), lastActiveAt: info.LastActiveAt.toISOString() }) };
    }
    if (op === 'delete') { await client.send(new DeleteConnectionCommand({ ConnectionId: target })); return { statusCode: 200, body: 'deleted' }; }
    await client.send(new PostToConnectionCommand({ ConnectionId: target, Data: 'hello ' + target }));
    return { statusCode: 200, body: 'posted' };
  } catch (error) {
    return { statusCode: 200, body: JSON.stringify({ error: error.name, status: error.$metadata && error.$metadata.httpStatusCode }) };
  }
};
`;

let code: SynthesizedApp;
let app: SynthesizedApp;
let state: string;
let gateway: Gateway;
let stage: GatewayStageInfo;
const lines: string[] = [];
const clients: TestClient[] = [];

function readEvents(): WebSocketEvent[] {
  const file = join(state, 'events.jsonl');
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line) as WebSocketEvent);
}

async function open(query = ''): Promise<TestClient> {
  const client = await connect(`${stage.url}${query}`);
  clients.push(client);
  return client;
}

/** The local IAM credential the gateway accepts from callers outside Lambda (its `iamCredentials` option). */
const CALLER = { accessKeyId: 'AKIDLOCALCALLER', secretAccessKey: 'local-caller-secret' };

/** The management client a test (or an app outside Lambda) builds from the stage's callback URL. */
function managementClient(credentials: { accessKeyId: string; secretAccessKey: string } = CALLER): ApiGatewayManagementApiClient {
  return new ApiGatewayManagementApiClient({ endpoint: stage.callbackUrl, region: 'us-east-1', credentials });
}

/** The connection id of a client, as the `$connect` handler saw it (the events file keeps every event). */
async function connectionIdOf(count: number): Promise<string[]> {
  return eventually(() => {
    const ids = readEvents().filter((e) => e.requestContext.eventType === 'CONNECT').map((e) => e.requestContext.connectionId);
    return ids.length >= count ? ids : undefined;
  });
}

beforeAll(async () => {
  state = mkdtempSync(join(tmpdir(), 'apigw-local-ws-state-'));
  code = handlerDirectory({ 'index.js': HANDLERS });
  app = synthStack('WebSocketE2e', (stack) => {
    const environment = { CONNECTIONS_FILE: join(state, 'connections.txt'), EVENTS_FILE: join(state, 'events.jsonl') };
    const fn = (id: string, handler: string) =>
      new lambda.Function(stack, id, {
        runtime: lambda.Runtime.NODEJS_22_X,
        handler: `index.${handler}`,
        code: lambda.Code.fromAsset(code.directory),
        timeout: Duration.seconds(10),
        environment,
      });
    const integration = (id: string, handler: string, timeout?: Duration) =>
      new WebSocketLambdaIntegration(`${id}Integration`, fn(`${id}Fn`, handler), timeout ? { timeout } : {});
    const api = new WebSocketApi(stack, 'ChatApi', {
      connectRouteOptions: { integration: integration('Connect', 'connect') },
      disconnectRouteOptions: { integration: integration('Disconnect', 'disconnect') },
      defaultRouteOptions: { integration: integration('Default', 'echo'), returnResponse: true },
    });
    api.addRoute('sendmessage', { integration: integration('SendByDomain', 'sendByDomain') });
    const sendByEnv = fn('SendByEnvFn', 'sendByEnv');
    api.addRoute('sendviaenv', { integration: new WebSocketLambdaIntegration('SendByEnvIntegration', sendByEnv) });
    api.addRoute('echo', { integration: integration('Echo', 'echo'), returnResponse: true });
    api.addRoute('oneway', { integration: integration('OneWay', 'oneway') });
    api.addRoute('fail', { integration: integration('Fail', 'fail') });
    api.addRoute('slow', { integration: integration('Slow', 'slow', Duration.millis(500)), returnResponse: true });
    api.addRoute('status', { integration: integration('Status', 'statusOnly'), returnResponse: true });
    api.addRoute('manage', { integration: integration('Manage', 'manage'), returnResponse: true });
    const prod = new WebSocketStage(stack, 'ProdStage', { webSocketApi: api, stageName: 'prod', autoDeploy: true });
    sendByEnv.addEnvironment('CALLBACK_URL', prod.callbackUrl);
  });
  // Handlers require the AWS SDK: the assembly (where their asset directories live) resolves it through the
  // workspace's node_modules, as a project's bundled code would carry it.
  symlinkSync(join(import.meta.dirname, '..', '..', '..', 'node_modules'), join(app.directory, 'node_modules'));
  gateway = await startGateway({ assembly: app.directory, port: 0, log: (line) => lines.push(line), iamCredentials: [CALLER] });
  const api = gateway.apis.find((a) => a.protocol === 'WEBSOCKET');
  stage = api?.stages[0] as GatewayStageInfo;
}, 120_000);

afterAll(() => tearDownWebSocketE2e({ clients, gateway, app, code, state }));

describe('WebSocket API from aws-cdk-lib constructs', () => {
  test('lists the API with its stage URL, callback URL and routes, two-way ones marked', () => {
    const port = new URL(stage.url).port;
    expect(stage).toEqual({ name: 'prod', url: `ws://127.0.0.1:${port}/prod`, callbackUrl: `http://127.0.0.1:${port}/prod` });
    const text = lines.join('\n');
    expect(text).toMatch(/WEBSOCKET API WebSocketE2e\/ChatApi\w* \(ChatApi\)/);
    expect(text).toMatch(/stage\s+prod\s+ws:\/\/127\.0\.0\.1:\d+\/prod\s+callback http:\/\/127\.0\.0\.1:\d+\/prod/);
    expect(text).toMatch(/selection\s+\$request\.body\.action/);
    expect(text).toMatch(/route\s+echo\s+→ Lambda EchoFn\w* \(payload 1\.0\) \(two-way\)\s+\[open\]/);
    expect(text).toMatch(/route\s+oneway\s+→ Lambda OneWayFn\w* \(payload 1\.0\)\s+\[open\]\n/);
  });

  test('runs $connect before the handshake with the query string and headers, and gives AWS-shaped ids', async () => {
    const before = readEvents().length;
    const client = await open('?token=ok&tag=a&tag=b');
    const connectEvent = await eventually(() => readEvents().slice(before).find((e) => e.requestContext.eventType === 'CONNECT'));
    const port = new URL(stage.url).port;
    expect(connectEvent.requestContext).toMatchObject({
      routeKey: '$connect',
      eventType: 'CONNECT',
      messageDirection: 'IN',
      stage: 'prod',
      domainName: `127.0.0.1:${port}`,
      identity: { sourceIp: '127.0.0.1' },
    });
    expect(connectEvent.requestContext.connectionId).toMatch(/^[A-Za-z0-9]{15}=$/);
    expect(connectEvent.requestContext.requestId).toBe(connectEvent.requestContext.extendedRequestId);
    expect(connectEvent.requestContext.connectedAt).toBe(connectEvent.requestContext.requestTimeEpoch);
    expect(connectEvent.requestContext.messageId).toBeUndefined();
    expect(connectEvent.queryStringParameters).toEqual({ token: 'ok', tag: 'b' });
    expect(connectEvent.multiValueQueryStringParameters).toEqual({ token: ['ok'], tag: ['a', 'b'] });
    expect(connectEvent.headers).toMatchObject({ Host: `127.0.0.1:${port}`, 'X-Forwarded-For': '127.0.0.1', 'X-Forwarded-Proto': 'http' });
    expect(connectEvent.headers?.['Sec-WebSocket-Key']).toBeDefined();
    expect(connectEvent.multiValueHeaders?.Host).toEqual([`127.0.0.1:${port}`]);
    client.ws.close(1000, 'bye');
    await client.closed;
  });

  test('refuses the upgrade with the $connect status: 401 and 400 from the function, 502 when it throws', async () => {
    for (const [token, status] of [['deny', 401], ['bad', 400], ['throw', 502]] as const) {
      const result = await handshake(`${stage.url}?token=${token}`);
      expect(result).toMatchObject({ kind: 'refused', status });
    }
    expect(lines.join('\n')).toMatch(/\[ChatApi\w*\] CONNECT [A-Za-z0-9]{15}= → \$connect 401 Lambda ConnectFn\w* \(payload 1\.0\) [\d.]+ ms \(\$connect returned 401\)/);
  });

  test('selects the subprotocol the $connect function returns', async () => {
    const result = await handshake(stage.url, { protocols: ['chat.v2', 'chat.v1'] });
    if (result.kind !== 'open') throw new Error(`refused ${result.status}`);
    clients.push(result.client);
    expect(result.client.ws.protocol).toBe('chat.v2');
  });

  test('chat: a message reaches the other clients through postToConnection, endpoint from domainName/stage and from CALLBACK_URL', async () => {
    const connectsBefore = readEvents().filter((e) => e.requestContext.eventType === 'CONNECT').length;
    const alice = await open();
    const bob = await open();
    const carol = await open();
    await connectionIdOf(connectsBefore + 3);
    alice.ws.send(JSON.stringify({ action: 'sendmessage', text: 'hi from alice' }));
    const [toBob, toCarol] = [JSON.parse(await bob.next()) as { text: string }, JSON.parse(await carol.next()) as { text: string }];
    expect([toBob.text, toCarol.text]).toEqual(['hi from alice', 'hi from alice']);
    bob.ws.send(JSON.stringify({ action: 'sendviaenv', text: 'hi from bob' }));
    expect((JSON.parse(await alice.next()) as { text: string }).text).toBe('hi from bob');
    expect((JSON.parse(await carol.next()) as { text: string }).text).toBe('hi from bob');
    // One-way routes: the sender gets nothing back.
    await pause(200);
    expect([alice.pending, bob.pending]).toEqual([[], []]);
    for (const client of [alice, bob, carol]) client.ws.close();
  });

  test('two-way routes send the result back to the sender only; one-way routes send nothing', async () => {
    const sender = await open();
    const other = await open();
    sender.ws.send(JSON.stringify({ action: 'oneway' }));
    sender.ws.send(JSON.stringify({ action: 'echo', n: 1 }));
    expect(JSON.parse(await sender.next())).toEqual({ routeKey: 'echo', body: '{"action":"echo","n":1}' });
    sender.ws.send(JSON.stringify({ action: 'status' }));
    expect(await sender.next()).toBe('a 500 body is still a message');
    await pause(200);
    expect(sender.pending).toEqual([]);
    expect(other.pending).toEqual([]);
  });

  test('sends MESSAGE events with a messageId and no headers', async () => {
    const client = await open();
    client.ws.send(JSON.stringify({ action: 'echo', n: 2 }));
    await client.next();
    const event = await eventually(() => readEvents().find((e) => e.body === '{"action":"echo","n":2}'));
    expect(event.requestContext).toMatchObject({ eventType: 'MESSAGE', routeKey: 'echo', messageDirection: 'IN', stage: 'prod' });
    expect(event.requestContext.messageId).toMatch(/^[A-Za-z0-9+/]{15}=$/);
    expect(event.requestContext.messageId).not.toBe(event.requestContext.requestId);
    expect(event.headers).toBeUndefined();
    expect(event.isBase64Encoded).toBe(false);
  });

  test('routes non-JSON and unmatched messages to $default', async () => {
    const client = await open();
    client.ws.send('plain text');
    expect(JSON.parse(await client.next())).toEqual({ routeKey: '$default', body: 'plain text' });
    client.ws.send(JSON.stringify({ action: 'nosuchroute' }));
    expect(JSON.parse(await client.next())).toEqual({ routeKey: '$default', body: '{"action":"nosuchroute"}' });
  });

  test('answers a failing and a timed-out integration with AWS error frames and keeps the connection open', async () => {
    const client = await open();
    client.ws.send(JSON.stringify({ action: 'fail' }));
    expect(await client.next()).toMatch(/^\{"message": "Internal server error", "connectionId":"[A-Za-z0-9]{15}=", "requestId":"[^"]+"\}$/);
    client.ws.send(JSON.stringify({ action: 'slow' }));
    expect(await client.next()).toMatch(/^\{"message": "Endpoint request timed out", "connectionId":"[A-Za-z0-9]{15}=", "requestId":"[^"]+"\}$/);
    client.ws.send(JSON.stringify({ action: 'echo' }));
    expect(JSON.parse(await client.next())).toMatchObject({ routeKey: 'echo' });
  });

  test('GetConnection from a handler and from the test; DeleteConnection closes with 1000 and runs $disconnect', async () => {
    const client = await open();
    client.ws.send(JSON.stringify({ action: 'manage', op: 'get' }));
    const info = JSON.parse(await client.next()) as { sourceIp: string; connectedAt: string; lastActiveAt: string };
    expect(info.sourceIp).toBe('127.0.0.1');
    expect(Date.parse(info.lastActiveAt)).toBeGreaterThanOrEqual(Date.parse(info.connectedAt));

    const before = readEvents().length;
    client.ws.send(JSON.stringify({ action: 'echo', who: 'me' }));
    await client.next();
    const id = (await eventually(() => readEvents().slice(before).find((e) => e.body === '{"action":"echo","who":"me"}'))).requestContext.connectionId;
    const management = managementClient();
    const described = await management.send(new GetConnectionCommand({ ConnectionId: id }));
    expect(described.Identity?.SourceIp).toBe('127.0.0.1');
    await management.send(new PostToConnectionCommand({ ConnectionId: id, Data: 'from outside' }));
    expect(await client.next()).toBe('from outside');
    await management.send(new DeleteConnectionCommand({ ConnectionId: id }));
    expect(await client.closed).toEqual({ code: 1000, reason: 'Connection Closed Normally' });
    const disconnect = await eventually(() =>
      readEvents().find((e) => e.requestContext.eventType === 'DISCONNECT' && e.requestContext.connectionId === id),
    );
    expect(disconnect.requestContext).toMatchObject({ routeKey: '$disconnect', disconnectStatusCode: 1000, disconnectReason: 'Connection Closed Normally' });
    expect(disconnect.headers?.Host).toBe(new URL(stage.url).host);
  });

  test('a gone connection: 410 GoneException to the SDK, from the test and from a handler', async () => {
    const client = await open();
    client.ws.send(JSON.stringify({ action: 'echo', mark: 'gone' }));
    await client.next();
    const id = (await eventually(() => readEvents().find((e) => e.body === '{"action":"echo","mark":"gone"}'))).requestContext.connectionId;
    client.ws.close(1001, 'leaving');
    await client.closed;
    await eventually(() => readEvents().find((e) => e.requestContext.eventType === 'DISCONNECT' && e.requestContext.connectionId === id));
    const sent = managementClient().send(new PostToConnectionCommand({ ConnectionId: id, Data: 'anyone?' }));
    await expect(sent).rejects.toBeInstanceOf(GoneException);
    await expect(sent).rejects.toMatchObject({ $metadata: { httpStatusCode: 410 } });

    const asker = await open();
    asker.ws.send(JSON.stringify({ action: 'manage', op: 'post', id }));
    expect(JSON.parse(await asker.next())).toEqual({ error: 'GoneException', status: 410 });
    const disconnect = readEvents().find((e) => e.requestContext.eventType === 'DISCONNECT' && e.requestContext.connectionId === id);
    expect(disconnect?.requestContext).toMatchObject({ disconnectStatusCode: 1001, disconnectReason: 'leaving' });
  });

  test('the management API refuses unsigned calls and calls signed by a key or secret it does not know with 403', async () => {
    const client = await open();
    client.ws.send(JSON.stringify({ action: 'echo', mark: 'unsigned' }));
    await client.next();
    const id = (await eventually(() => readEvents().find((e) => e.body === '{"action":"echo","mark":"unsigned"}'))).requestContext.connectionId;
    const unsigned = await fetch(`${stage.callbackUrl}/@connections/${encodeURIComponent(id)}`, { method: 'POST', body: 'sneaky' });
    expect(unsigned.status).toBe(403);
    await expect(managementClient({ accessKeyId: 'AKIDSTRANGER', secretAccessKey: 'x' }).send(new PostToConnectionCommand({ ConnectionId: id, Data: 'x' })))
      .rejects.toMatchObject({ $metadata: { httpStatusCode: 403 } });
    await expect(managementClient({ ...CALLER, secretAccessKey: 'wrong' }).send(new PostToConnectionCommand({ ConnectionId: id, Data: 'x' })))
      .rejects.toMatchObject({ $metadata: { httpStatusCode: 403 } });
    client.ws.send(JSON.stringify({ action: 'echo', mark: 'still here' }));
    expect(JSON.parse(await client.next())).toMatchObject({ body: '{"action":"echo","mark":"still here"}' });
    expect(client.pending).toEqual([]);
  });

  test('the management API answers 400 for a malformed id and 413 over 128 KB', async () => {
    const management = managementClient();
    await expect(management.send(new PostToConnectionCommand({ ConnectionId: 'not-an-id', Data: 'x' }))).rejects.toMatchObject({
      name: 'BadRequestException',
      $metadata: { httpStatusCode: 400 },
    });
    const client = await open();
    client.ws.send(JSON.stringify({ action: 'echo', mark: 'big' }));
    await client.next();
    const id = (await eventually(() => readEvents().find((e) => e.body === '{"action":"echo","mark":"big"}'))).requestContext.connectionId;
    await management.send(new PostToConnectionCommand({ ConnectionId: id, Data: 'x'.repeat(128 * 1024) }));
    expect((await client.next()).length).toBe(128 * 1024);
    const tooLarge = management.send(new PostToConnectionCommand({ ConnectionId: id, Data: 'x'.repeat(128 * 1024 + 1) }));
    await expect(tooLarge).rejects.toBeInstanceOf(PayloadTooLargeException);
    await expect(tooLarge).rejects.toMatchObject({ $metadata: { httpStatusCode: 413 } });
  });

  test('logs one line per connect, message and disconnect', () => {
    const text = lines.join('\n');
    expect(text).toMatch(/\[ChatApi\w*\] CONNECT [A-Za-z0-9]{15}= → \$connect 101 Lambda ConnectFn\w* \(payload 1\.0\) [\d.]+ ms/);
    expect(text).toMatch(/\[ChatApi\w*\] MESSAGE [A-Za-z0-9]{15}= → echo Lambda EchoFn\w* \(payload 1\.0\) \(replied\) [\d.]+ ms/);
    expect(text).toMatch(/\[ChatApi\w*\] DISCONNECT [A-Za-z0-9]{15}= → \$disconnect 1000 Lambda DisconnectFn\w* \(payload 1\.0\) [\d.]+ ms/);
    expect(text).toMatch(/\[ChatApi\w*\] POST \/prod\/@connections\/[A-Za-z0-9]{15}%3D → PostToConnection 200 [\d.]+ ms/);
  });
});
