// The floor under any local gateway that runs each function in a process of its own:
// `node --import tsx bench/process-boundary-floor.ts http|http-empty-event|websocket` prints its URL when listening.
//
// A raw node:http (or `ws`) server that does nothing a gateway does (no stages, routes, authorizers, ids,
// logs or result checks) except hand every request to one child process and answer with what comes back:
// a payload 2.0 event (or a WebSocket MESSAGE event) of the same shape as apigw-local's, sent as one JSON
// line on a pipe (the lines of one event-loop turn in one write), the child calling the same handler as
// the gateway bench's function and writing its result back as apigw-local's runtimes do (the result's
// message, then its payload on a line of its own). The gateway and WebSocket
// benches run it beside the raw server: its CPU per request over the raw server's is what the process
// boundary alone costs, the part of apigw-local's ratio that no gateway code can remove while functions
// keep their own processes. `http-empty-event` sends `{}` instead of the event: what the transport alone
// costs (a message each way), without any event to serialize and parse.
import { spawn } from 'node:child_process';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { Socket } from 'node:net';
import type { Readable, Writable } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
// The same line framing as apigw-local's channel.
import { forEachLine } from '../packages/apigatewayv2-local/dist/lambda/node/runtime/line-splitter.js';

const ACCOUNT_ID = '123456789012';
const API_ID = 'floor00001';
const FUNCTION_ARN = `arn:aws:lambda:us-east-1:${ACCOUNT_ID}:function:floor`;
const TIMEOUT_MS = 3_000;

interface Invoke {
  readonly requestId: string;
  readonly event: Record<string, unknown>;
}

/** The parent's side: one child, invocations in one write per turn, results matched by request id. */
function startChild(): (invoke: Invoke) => Promise<string> {
  const child = spawn(process.execPath, [...process.execArgv, import.meta.filename, 'child'], { stdio: ['ignore', 'inherit', 'inherit', 'pipe', 'pipe'] });
  const toChild = child.stdio[3] as Writable;
  const pending = new Map<string, (payload: string) => void>();
  let batch: string[] = [];
  const flush = (): void => {
    const lines = batch;
    batch = [];
    toChild.write(lines.join(''));
  };
  // As apigw-local's channel: a result's message, then its payload verbatim on the next line.
  let resultOf: string | undefined;
  forEachLine(child.stdio[4] as Readable, (line) => {
    if (resultOf === undefined) {
      resultOf = (JSON.parse(line) as { requestId: string }).requestId;
      return;
    }
    pending.get(resultOf)?.(line);
    pending.delete(resultOf);
    resultOf = undefined;
  });
  process.on('exit', () => child.kill('SIGKILL'));
  return (invoke) =>
    new Promise((resolve) => {
      pending.set(invoke.requestId, resolve);
      if (batch.length === 0) setImmediate(flush);
      batch.push(JSON.stringify({ type: 'invoke', ...invoke, invokedFunctionArn: FUNCTION_ARN, timeoutMs: TIMEOUT_MS }), '\n');
    });
}

/** The child's side: one invocation at a time, each result written as soon as the handler settles. */
function runChild(): void {
  // The context is built per invocation, as a runtime does; this handler does not read it.
  const handler = (event: { body?: string }, _context: object): Promise<object> =>
    Promise.resolve(event.body === undefined ? { statusCode: 200, headers: { 'content-type': 'text/plain' }, body: 'Hello from Lambda!' } : { statusCode: 200, body: event.body });
  const output = new Socket({ fd: 4, readable: false, writable: true });
  const queue: Invoke[] = [];
  let running = false;
  const run = async (): Promise<void> => {
    running = true;
    for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
      const deadline = Date.now() + TIMEOUT_MS;
      const result = await handler(next.event, { awsRequestId: next.requestId, getRemainingTimeInMillis: () => deadline - Date.now() });
      output.write(`{"type":"result","requestId":${JSON.stringify(next.requestId)}}\n${JSON.stringify(result)}\n`);
    }
    running = false;
  };
  const input = new Socket({ fd: 3, readable: true, writable: false });
  forEachLine(input, (line) => {
    queue.push(JSON.parse(line) as Invoke);
    if (!running) void run();
  });
  input.on('end', () => process.exit(0));
}

let sequence = 0;
const nextId = (): string => `floor-${++sequence}`;

function requestContext(requestId: string, extra: object): object {
  const now = Date.now();
  return { accountId: ACCOUNT_ID, apiId: API_ID, requestId, stage: '$default', time: new Date(now).toISOString(), timeEpoch: now, ...extra };
}

function serveHttp(emptyEvent: boolean): void {
  const invoke = startChild();
  const answer = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const requestId = nextId();
    const [path = '/', query = ''] = (request.url ?? '/').split('?');
    const headers = request.headers;
    const event = emptyEvent ? {} : {
      version: '2.0',
      routeKey: `${request.method} ${path}`,
      rawPath: path,
      rawQueryString: query,
      headers,
      requestContext: requestContext(requestId, {
        domainName: headers.host,
        domainPrefix: API_ID,
        http: { method: request.method, path, protocol: `HTTP/${request.httpVersion}`, sourceIp: request.socket.remoteAddress, userAgent: headers['user-agent'] ?? '' },
        routeKey: `${request.method} ${path}`,
      }),
      isBase64Encoded: false,
    };
    const result = JSON.parse(await invoke({ requestId, event })) as { statusCode: number; headers: Record<string, string>; body: string };
    const body = Buffer.from(result.body);
    response.writeHead(result.statusCode, { ...result.headers, 'content-length': body.length, 'apigw-requestid': requestId });
    response.end(body);
  };
  const server = createServer((request, response) => void answer(request, response));
  server.listen(0, '127.0.0.1', () => {
    const address = server.address();
    console.log(`http://127.0.0.1:${typeof address === 'object' && address !== null ? address.port : 0}`);
  });
}

function serveWebSocket(): void {
  const invoke = startChild();
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  server.on('connection', (socket: WebSocket) => {
    const connectionId = nextId();
    socket.on('message', (data: Buffer) => {
      const requestId = nextId();
      const event = {
        requestContext: requestContext(requestId, {
          routeKey: '$default',
          eventType: 'MESSAGE',
          messageId: requestId,
          connectionId,
          domainName: '127.0.0.1',
          connectedAt: 0,
          messageDirection: 'IN',
          extendedRequestId: requestId,
          identity: { sourceIp: '127.0.0.1' },
        }),
        body: data.toString(),
        isBase64Encoded: false,
      };
      void invoke({ requestId, event }).then((payload) => socket.send((JSON.parse(payload) as { body: string }).body));
    });
  });
  server.on('listening', () => {
    const address = server.address();
    console.log(`ws://127.0.0.1:${typeof address === 'object' && address !== null ? address.port : 0}/live`);
  });
}

const mode = process.argv[2];
if (mode === 'child') runChild();
else if (mode === 'http' || mode === 'http-empty-event') serveHttp(mode === 'http-empty-event');
else if (mode === 'websocket') serveWebSocket();
else throw new Error('usage: process-boundary-floor.ts http|http-empty-event|websocket');
