// End to end with WebSocket templates from our own construct library: a chat through the @connections API
// (CALLBACK_URL from our WebSocketStage.callbackUrl), the route selection expression forms, and every
// WebSocket limit (frame, message, binary, idle, connection duration), with real `ws` clients.
import { existsSync, mkdtempSync, readFileSync, symlinkSync } from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { WebSocketApi, WebSocketStage } from 'cdk-apigatewayv2';
import { LambdaWebSocketIntegration } from 'cdk-apigatewayv2/integrations';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startGateway, type Gateway } from '../src/index.js';
import { handlerDirectory, synthStack, tearDownWebSocketE2e, type SynthesizedApp } from './support/synth-stack.js';
import { connect, eventually, type TestClient } from './support/ws-client.js';

const ECHO = `exports.handler = async (event) => ({
  statusCode: 200,
  body: JSON.stringify({ routeKey: event.requestContext.routeKey, length: event.body.length }),
});`;
const RECORD = `exports.handler = async (event) => {
  require('node:fs').appendFileSync(process.env.EVENTS_FILE, JSON.stringify(event.requestContext) + '\\n');
  return { statusCode: 200 };
};`;

/** Connect stores the connection id; send posts to every other stored id through CALLBACK_URL. */
const CHAT = `
const fs = require('node:fs');
const { ApiGatewayManagementApiClient, PostToConnectionCommand } = require('@aws-sdk/client-apigatewaymanagementapi');
const ids = () => (fs.existsSync(process.env.IDS_FILE) ? fs.readFileSync(process.env.IDS_FILE, 'utf8').split('\\n').filter(Boolean) : []);
exports.connect = async (event) => {
  fs.appendFileSync(process.env.IDS_FILE, event.requestContext.connectionId + '\\n');
  return { statusCode: 200 };
};
exports.send = async (event) => {
  const client = new ApiGatewayManagementApiClient({ endpoint: process.env.CALLBACK_URL });
  const from = event.requestContext.connectionId;
  const { text } = JSON.parse(event.body);
  await Promise.all(ids().filter((id) => id !== from).map((id) => client.send(new PostToConnectionCommand({ ConnectionId: id, Data: text }))));
  return { statusCode: 200 };
};
`;

const IDLE_MS = 1_000;
const MAX_DURATION_MS = 3_000;

let app: SynthesizedApp;
let code: SynthesizedApp;
let state: string;
let gateway: Gateway;
const urls: Record<string, string> = {};
const clients: TestClient[] = [];

async function open(api: string): Promise<TestClient> {
  const client = await connect(urls[api] ?? '');
  clients.push(client);
  return client;
}

interface DisconnectContext {
  readonly connectionId: string;
  readonly disconnectStatusCode: number;
  readonly disconnectReason: string;
}

function disconnects(): DisconnectContext[] {
  const file = join(state, 'events.jsonl');
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line) as DisconnectContext);
}

beforeAll(async () => {
  state = mkdtempSync(join(tmpdir(), 'apigw-local-ws-limits-'));
  code = handlerDirectory({ 'index.js': CHAT });
  app = synthStack('OwnWebSocket', (stack) => {
    const echo = new LambdaWebSocketIntegration({
      handler: new lambda.Function(stack, 'EchoFn', { runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromInline(ECHO) }),
    });
    const record = new LambdaWebSocketIntegration({
      handler: new lambda.Function(stack, 'RecordFn', {
        runtime: lambda.Runtime.NODEJS_22_X,
        handler: 'index.handler',
        code: lambda.Code.fromInline(RECORD),
        environment: { EVENTS_FILE: join(state, 'events.jsonl') },
      }),
    });
    const chat = new WebSocketApi(stack, 'Chat', {
      disconnectRouteOptions: { integration: record },
      defaultRouteOptions: { integration: echo, returnResponse: true },
    });
    const nested = new WebSocketApi(stack, 'Nested', { routeSelectionExpression: '$request.body.message.type' });
    nested.addRoute('join', { integration: echo, returnResponse: true });
    const joined = new WebSocketApi(stack, 'Joined', { routeSelectionExpression: '${request.body.service}/${request.body.op}' });
    joined.addRoute('chat/send', { integration: echo, returnResponse: true });
    for (const api of [chat, nested, joined]) new WebSocketStage(stack, `${api.node.id}Dev`, { webSocketApi: api, stageName: 'dev', autoDeploy: true });

    const chatFn = (id: string, handler: string) =>
      new lambda.Function(stack, id, {
        runtime: lambda.Runtime.NODEJS_22_X,
        handler: `index.${handler}`,
        code: lambda.Code.fromAsset(code.directory),
        environment: { IDS_FILE: join(state, 'ids.txt') },
      });
    const room = new WebSocketApi(stack, 'Room', {
      connectRouteOptions: { integration: new LambdaWebSocketIntegration({ handler: chatFn('ConnectFn', 'connect') }) },
    });
    const send = chatFn('SendFn', 'send');
    room.addRoute('send', { integration: new LambdaWebSocketIntegration({ handler: send }) });
    const roomStage = new WebSocketStage(stack, 'RoomDev', { webSocketApi: room, stageName: 'dev', autoDeploy: true });
    send.addEnvironment('CALLBACK_URL', roomStage.callbackUrl);
    roomStage.grantManageConnections(send);
  });
  // The chat handlers require the AWS SDK: the assembly, where their asset lives, resolves it through the
  // workspace's node_modules.
  symlinkSync(join(import.meta.dirname, '..', '..', '..', 'node_modules'), join(app.directory, 'node_modules'));
  gateway = await startGateway({
    assembly: app.directory,
    port: 0,
    quiet: true,
    log: () => {},
    webSocketLimits: { idleTimeoutMs: IDLE_MS, maxConnectionDurationMs: MAX_DURATION_MS },
  });
  for (const api of gateway.apis) urls[api.logicalId.replace(/[0-9A-F]{8}$/, '')] = api.stages[0]?.url ?? '';
}, 120_000);

afterAll(() => tearDownWebSocketE2e({ clients, gateway, app, code, state }));

describe('chat with our constructs', () => {
  test('a message reaches the other clients through postToConnection with CALLBACK_URL from WebSocketStage.callbackUrl', async () => {
    const [ann, ben, cat] = [await open('Room'), await open('Room'), await open('Room')];
    // The connections are open only after $connect stored their ids.
    expect(readFileSync(join(state, 'ids.txt'), 'utf8').split('\n').filter(Boolean)).toHaveLength(3);
    ann.ws.send(JSON.stringify({ action: 'send', text: 'hello room' }));
    expect([await ben.next(), await cat.next()]).toEqual(['hello room', 'hello room']);
    cat.ws.send(JSON.stringify({ action: 'send', text: 'hi back' }));
    expect([await ann.next(), await ben.next()]).toEqual(['hi back', 'hi back']);
    expect(ann.pending).toEqual([]);
  });
});

describe('route selection expressions', () => {
  test('a nested path: $request.body.message.type', async () => {
    const client = await open('Nested');
    client.ws.send(JSON.stringify({ message: { type: 'join' } }));
    expect(JSON.parse(await client.next())).toEqual({ routeKey: 'join', length: 27 });
  });

  test('a ${...} template joining two values; no match and no $default gives the Forbidden frame and the connection stays', async () => {
    const client = await open('Joined');
    client.ws.send(JSON.stringify({ service: 'chat', op: 'send' }));
    expect(JSON.parse(await client.next())).toMatchObject({ routeKey: 'chat/send' });
    client.ws.send(JSON.stringify({ service: 'chat', op: 'edit' }));
    expect(await client.next()).toMatch(/^\{"message": "Forbidden", "connectionId":"[A-Za-z0-9]{15}=", "requestId":"[^"]+"\}$/);
    client.ws.send('not json');
    expect(await client.next()).toMatch(/"message": "Forbidden"/);
    client.ws.send(JSON.stringify({ service: 'chat', op: 'send' }));
    expect(JSON.parse(await client.next())).toMatchObject({ routeKey: 'chat/send' });
  });
});

describe('handshakes', () => {
  test('a malformed upgrade request is refused with 400, and the port keeps serving', async () => {
    const { hostname, port } = new URL(urls.Chat ?? '');
    const status = await new Promise<string>((resolve, reject) => {
      const socket = createConnection({ host: hostname, port: Number(port) }, () => {
        socket.write(`GET /dev HTTP/1.1\r\nHost: ${hostname}:${port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: short\r\nSec-WebSocket-Version: 13\r\n\r\n`);
      });
      socket.setEncoding('utf8');
      socket.once('data', (text: string) => resolve(text.split('\r\n')[0] ?? ''));
      socket.on('error', reject);
    });
    expect(status).toBe('HTTP/1.1 400 Bad Request');
    const client = await open('Chat');
    client.ws.send('ok?');
    expect(JSON.parse(await client.next())).toMatchObject({ routeKey: '$default' });
  });
});

describe('WebSocket limits', () => {
  test('a frame over 32 KB closes that client with 1009; the others keep going', async () => {
    const offender = await open('Chat');
    const bystander = await open('Chat');
    offender.ws.send('x'.repeat(32 * 1024 + 1));
    expect((await offender.closed).code).toBe(1009);
    bystander.ws.send('still here');
    expect(JSON.parse(await bystander.next())).toEqual({ routeKey: '$default', length: 10 });
    await eventually(() => disconnects().find((d) => d.disconnectStatusCode === 1009));
  });

  test('a 100 KB message in frames of 25 KB is delivered; 160 KB in frames of 32 KB closes with 1009', async () => {
    const client = await open('Chat');
    const part = 'y'.repeat(25 * 1024);
    for (let i = 0; i < 3; i++) client.ws.send(part, { fin: false });
    client.ws.send(part, { fin: true });
    expect(JSON.parse(await client.next(10_000))).toEqual({ routeKey: '$default', length: 100 * 1024 });
    const frame = 'z'.repeat(32 * 1024);
    for (let i = 0; i < 4; i++) client.ws.send(frame, { fin: false });
    client.ws.send(frame, { fin: true });
    expect((await client.closed).code).toBe(1009);
  });

  test('a binary frame closes the client with 1003', async () => {
    const client = await open('Chat');
    client.ws.send(Buffer.from([1, 2, 3]));
    expect((await client.closed).code).toBe(1003);
    await eventually(() => disconnects().find((d) => d.disconnectStatusCode === 1003));
  });

  test('an idle connection is closed after the idle timeout; messages keep one open until the maximum duration', async () => {
    const started = Date.now();
    const idle = await open('Chat');
    const busy = await open('Chat');
    const ticker = setInterval(() => busy.ws.send('tick'), IDLE_MS / 4);
    try {
      const idleClose = await idle.closed;
      expect(idleClose.code).toBe(1001);
      expect(Date.now() - started).toBeGreaterThanOrEqual(IDLE_MS - 50);
      expect(busy.ws.readyState).toBe(busy.ws.OPEN);
      const busyClose = await busy.closed;
      expect(busyClose.code).toBe(1001);
      expect(Date.now() - started).toBeGreaterThanOrEqual(MAX_DURATION_MS - 50);
    } finally {
      clearInterval(ticker);
    }
    // $disconnect ran for both, with the reason of each close (earlier tests' idle clients add more idle ones).
    const reasons = await eventually(() => {
      const found = new Set(disconnects().filter((d) => d.disconnectStatusCode === 1001).map((d) => d.disconnectReason));
      return found.has('Going away: maximum connection duration') ? found : undefined;
    });
    expect([...reasons].sort()).toEqual(['Going away: idle timeout', 'Going away: maximum connection duration']);
  });
});
