// End to end: the WebSocket port against clients that do not play by the rules, on raw sockets: sockets that
// send nothing or trickle their head, stalled and abandoned `@connections` bodies, handshakes RFC 6455 does
// not allow, oversized heads, ping floods, many fragments; the `$default` stage's callback URL, a connection
// managed through another stage's URL, and connection ids that would forge log lines.
import { connect as connectTls } from 'node:tls';
import { createConnection, type Socket } from 'node:net';
import { ApiGatewayManagementApiClient, GoneException, PostToConnectionCommand } from '@aws-sdk/client-apigatewaymanagementapi';
import { WebSocketApi, WebSocketStage } from 'aws-cdk-lib/aws-apigatewayv2';
import { WebSocketLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startGateway, type Gateway, type GatewayStageInfo } from '../src/index.js';
import { synthStack, tearDownWebSocketE2e, type SynthesizedApp } from './support/synth-stack.js';
import { connect, eventually, type TestClient } from './support/ws-client.js';

/** Answers every message with the connection's id and stage. */
const WHO = `exports.handler = async (event) => ({
  statusCode: 200,
  body: JSON.stringify({ connectionId: event.requestContext.connectionId, stage: event.requestContext.stage }),
});`;

const REQUEST_TIMEOUT_MS = 600;
const CALLER = { accessKeyId: 'AKIDHOSTILECALLER', secretAccessKey: 'hostile-caller-secret' };

let app: SynthesizedApp;
let gateway: Gateway;
let port = 0;
let root: GatewayStageInfo;
let dev: GatewayStageInfo;
const lines: string[] = [];
const clients: TestClient[] = [];

beforeAll(async () => {
  app = synthStack('HostileWebSocket', (stack) => {
    const who = new lambda.Function(stack, 'WhoFn', { runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromInline(WHO) });
    const api = new WebSocketApi(stack, 'Api', { defaultRouteOptions: { integration: new WebSocketLambdaIntegration('Who', who), returnResponse: true } });
    new WebSocketStage(stack, 'Root', { webSocketApi: api, stageName: '$default', autoDeploy: true });
    new WebSocketStage(stack, 'Dev', { webSocketApi: api, stageName: 'dev', autoDeploy: true });
  });
  gateway = await startGateway({
    assembly: app.directory,
    port: 0,
    log: (line) => lines.push(line),
    iamCredentials: [CALLER],
    webSocketLimits: { requestTimeoutMs: REQUEST_TIMEOUT_MS },
  });
  const stages = gateway.apis[0]?.stages ?? [];
  root = stages.find((s) => s.name === '$default') as GatewayStageInfo;
  dev = stages.find((s) => s.name === 'dev') as GatewayStageInfo;
  port = Number(new URL(root.url).port);
}, 120_000);

afterAll(() => tearDownWebSocketE2e({ clients, gateway, app, code: undefined, state: undefined }));

/** What a raw socket received until the server closed it, and how long that took. */
interface RawResult {
  readonly text: string;
  readonly closedAfterMs: number;
}

/** Opens a raw socket (plain or TLS), lets `drive` write to it, and waits for the server to close it. */
function raw(drive: (socket: Socket) => void, options: { readonly tls?: boolean; readonly timeoutMs?: number } = {}): Promise<RawResult> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    let text = '';
    const onConnect = (): void => drive(socket);
    const socket: Socket = options.tls
      ? connectTls({ host: '127.0.0.1', port, rejectUnauthorized: false }, onConnect)
      : createConnection({ host: '127.0.0.1', port }, onConnect);
    const limit = setTimeout(() => {
      socket.destroy();
      reject(new Error(`the server kept the socket open for ${options.timeoutMs ?? 10_000} ms; received ${JSON.stringify(text)}`));
    }, options.timeoutMs ?? 10_000);
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => (text += chunk));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearTimeout(limit);
      resolve({ text, closedAfterMs: Date.now() - started });
    });
  });
}

function statusLine(result: RawResult): string {
  return result.text.split('\r\n')[0] ?? '';
}

const UPGRADE = (extra = '', version = '1.1') =>
  `GET /dev HTTP/${version}\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n${extra}\r\n`;

describe('requests that never complete', () => {
  test('a socket that sends nothing is closed after the request timeout', async () => {
    const result = await raw(() => undefined);
    expect(result.text).toBe('');
    expect(result.closedAfterMs).toBeGreaterThanOrEqual(REQUEST_TIMEOUT_MS - 50);
  });

  test('a head trickled a byte at a time is answered 408 and closed', async () => {
    const head = UPGRADE('Sec-WebSocket-Version: 13\r\n');
    let timer: NodeJS.Timeout | undefined;
    const result = await raw((socket) => {
      let i = 0;
      timer = setInterval(() => {
        if (!socket.destroyed && i < head.length) socket.write(head[i++] ?? '');
      }, 50);
    });
    clearInterval(timer);
    expect(statusLine(result)).toBe('HTTP/1.1 408 Request Timeout');
  });

  test('over TLS, a client that completes the TLS handshake and sends no request is answered 408 and closed', async () => {
    const result = await raw(() => undefined, { tls: true });
    expect(statusLine(result)).toBe('HTTP/1.1 408 Request Timeout');
  });

  test('an @connections body that stalls is answered 408 and closed', async () => {
    const result = await raw((socket) => socket.write('POST /dev/@connections/AAAAAAAAAAAAAAA%3D HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 100\r\n\r\nonly ten b'));
    expect(statusLine(result)).toBe('HTTP/1.1 408 Request Timeout');
    expect(lines.join('\n')).toMatch(/POST \/dev\/@connections\/AAAAAAAAAAAAAAA%3D → \(not an operation\) 408 [\d.]+ ms \(the body did not arrive within 600 ms\)/);
  });

  test('a client that leaves mid-body is logged as one line, not as an internal error', async () => {
    await raw((socket) => {
      socket.write('POST /dev/@connections/BBBBBBBBBBBBBBB%3D HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 100\r\n\r\nonly ten b', () => {
        setTimeout(() => socket.destroy(), 50);
      });
    });
    const line = await eventually(() => lines.find((l) => l.includes('BBBBBBBBBBBBBBB')));
    expect(line).toMatch(/POST \/dev\/@connections\/BBBBBBBBBBBBBBB%3D → \(client closed the connection before its request was complete\) [\d.]+ ms$/);
    expect(lines.join('\n')).not.toMatch(/internal error/);
  });
});

describe('handshakes RFC 6455 does not allow', () => {
  test('another Sec-WebSocket-Version is answered 426 with Sec-WebSocket-Version: 13', async () => {
    const result = await raw((socket) => socket.write(UPGRADE('Sec-WebSocket-Version: 8\r\n')));
    expect(statusLine(result)).toBe('HTTP/1.1 426 Upgrade Required');
    expect(result.text).toMatch(/\r\nSec-WebSocket-Version: 13\r\n/);
  });

  test('an HTTP/1.0 upgrade is refused with 400', async () => {
    const result = await raw((socket) => socket.write(UPGRADE('Sec-WebSocket-Version: 13\r\n', '1.0')));
    expect(statusLine(result)).toBe('HTTP/1.1 400 Bad Request');
  });

  test('a head over 10240 bytes is answered 431', async () => {
    const result = await raw((socket) => socket.write(UPGRADE(`Sec-WebSocket-Version: 13\r\nX-Big: ${'b'.repeat(20 * 1024)}\r\n`)));
    expect(statusLine(result)).toBe('HTTP/1.1 431 Request Header Fields Too Large');
  });
});

describe('frames', () => {
  test('200 pings at once are all answered and the connection stays open', async () => {
    const client = await connect(dev.url);
    clients.push(client);
    let pongs = 0;
    client.ws.on('pong', () => (pongs += 1));
    for (let i = 0; i < 200; i++) client.ws.ping(String(i));
    await eventually(() => (pongs === 200 ? true : undefined));
    client.ws.send('still here?');
    expect(JSON.parse(await client.next())).toMatchObject({ stage: 'dev' });
  });

  test('a message in 20,000 one-byte frames (under 128 KB) is delivered', async () => {
    const client = await connect(dev.url);
    clients.push(client);
    for (let i = 0; i < 20_000; i++) client.ws.send('x', { fin: false });
    client.ws.send('x', { fin: true });
    expect(JSON.parse(await client.next())).toMatchObject({ stage: 'dev' });
  });
});

describe('@connections', () => {
  function management(endpoint: string): ApiGatewayManagementApiClient {
    return new ApiGatewayManagementApiClient({ endpoint, region: 'us-east-1', credentials: CALLER });
  }

  async function idOf(client: TestClient): Promise<string> {
    client.ws.send('who am I?');
    return (JSON.parse(await client.next()) as { connectionId: string }).connectionId;
  }

  test("the $default stage's advertised callback URL (the port's root) serves the management API", async () => {
    expect(root.callbackUrl).toBe(`http://127.0.0.1:${port}`);
    const client = await connect(root.url);
    clients.push(client);
    const id = await idOf(client);
    await management(root.callbackUrl ?? '').send(new PostToConnectionCommand({ ConnectionId: id, Data: 'to the root stage' }));
    expect(await client.next()).toBe('to the root stage');
  });

  test("a connection of another stage is 410 GoneException at this stage's callback URL", async () => {
    const client = await connect(dev.url);
    clients.push(client);
    const id = await idOf(client);
    const elsewhere = management(root.callbackUrl ?? '').send(new PostToConnectionCommand({ ConnectionId: id, Data: 'wrong stage' }));
    await expect(elsewhere).rejects.toBeInstanceOf(GoneException);
    await management(dev.callbackUrl ?? '').send(new PostToConnectionCommand({ ConnectionId: id, Data: 'right stage' }));
    expect(await client.next()).toBe('right stage');
    expect(client.pending).toEqual([]);
  });

  test('connection ids with a line feed or NUL write one escaped log line each', async () => {
    const client = management(dev.callbackUrl ?? '');
    for (const id of ['x\nFORGED [Api] POST /dev/@connections/y → PostToConnection 200 0.1 ms', 'x\u0000y']) {
      await expect(client.send(new PostToConnectionCommand({ ConnectionId: id, Data: 'x' }))).rejects.toMatchObject({ $metadata: { httpStatusCode: 400 } });
    }
    const text = lines.join('\n');
    expect(text).not.toMatch(/^FORGED/m);
    expect(text).not.toContain('\u0000');
    expect(text).toMatch(/BadRequestException: Invalid connectionId: x\\nFORGED/);
    expect(text).toMatch(/BadRequestException: Invalid connectionId: x\\x00y/);
  });
});
