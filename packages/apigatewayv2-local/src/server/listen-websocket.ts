import { createServer as createHttpServer, STATUS_CODES, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { createServer as createNetServer, type AddressInfo, type Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer, type RawData } from 'ws';
import type { ApiModel } from '../model/index.js';
import { connectClient, disconnectClient, receiveMessage } from '../websocket/connection-lifecycle.js';
import { CLOSE_CODES, FrameScanner, MAX_REQUEST_HEAD_BYTES, maxFragments, type WebSocketLimits } from '../websocket/limits.js';
import {
  handleManagementRequest,
  MAX_POST_BYTES,
  type ManagedConnection,
  type ManagementReply,
  type SendResult,
} from '../websocket/management-api.js';
import type { ConnectionContext, UpgradeRequest, WebSocketDeps, WebSocketLogRecord } from '../websocket/types.js';
import { compileWebSocketApi } from '../websocket/websocket-api.js';
import { readRequestBody, type RequestBodyResult } from './read-request-body.js';
import { clientAddress, headerPairs, splitTarget } from './request-parts.js';

/** One `@connections` call, for the log. */
export interface ManagementExchange {
  readonly method: string;
  readonly path: string;
  /** Undefined when the client closed the connection before its request was complete: nothing was answered. */
  readonly reply: ManagementReply | undefined;
  readonly durationMs: number;
}

export interface ListenWebSocketOptions {
  readonly host: string;
  /** 0 picks a free port. */
  readonly port: number;
  readonly api: ApiModel;
  /** The certificate the port's TLS side presents (the same port speaks plain HTTP/WebSocket and TLS). */
  readonly tls: { readonly key: string; readonly cert: string };
  readonly deps: WebSocketDeps;
  readonly limits: WebSocketLimits;
  /** Settles once every API listens: handshakes and management calls wait for it. */
  readonly ready: Promise<void>;
  /** One record per connect, message and disconnect. */
  readonly onEvent?: (record: WebSocketLogRecord) => void;
  /** One record per `@connections` call. */
  readonly onManagement?: (exchange: ManagementExchange) => void;
  /** A failure of the gateway itself (a bug, not a function error); the listener keeps serving. */
  readonly onError: (message: string, error: unknown) => void;
}

export interface WebSocketListener {
  readonly port: number;
  /** How many clients are connected now. */
  readonly connectionCount: () => number;
  /**
   * Serves a new version of the API (watch mode) on the same port: handshakes, messages and `@connections`
   * calls from now on use its routes. Open connections stay open when their stage still exists (they carry
   * on with the new stage's settings); the others are closed with 1001 and get no `$disconnect`, as their
   * stage is gone. Returns how many connections were closed.
   */
  readonly replaceApi: (api: ApiModel) => number;
  /** Closes every connection (1001, without `$disconnect`) and stops listening. */
  readonly close: () => Promise<void>;
}

/**
 * A client's writes past this many unsent bytes make `PostToConnection` answer 429 (LimitExceededException):
 * the client is not reading. Unconfirmed size; one constant.
 */
export const SEND_BUFFER_LIMIT_BYTES = 4 * 1024 * 1024;

/** TLS records start with this byte (handshake content type); plain HTTP starts with a method's letter. */
const TLS_HANDSHAKE = 0x16;

/** ws error codes → the close code the connection ends with. */
const WS_ERROR_CLOSE_CODES: Readonly<Record<string, number>> = {
  WS_ERR_UNSUPPORTED_MESSAGE_LENGTH: CLOSE_CODES.messageTooBig,
  WS_ERR_INVALID_UTF8: 1007,
  WS_ERR_TOO_MANY_BUFFERED_PARTS: CLOSE_CODES.policyViolation,
};

/** The only WebSocket version the gateway speaks (RFC 6455); a handshake asking another is answered 426. */
const WEBSOCKET_VERSION = '13';

/**
 * Serves one WebSocket API on its own port: clients connect to `ws://host:port/{stage}`; the stage's
 * callback URL `http://host:port/{stage}/@connections/{id}` (or `https://`: the port also speaks TLS) is the
 * management API. `$connect` runs before the handshake completes (`ws` with `noServer`), so a refused
 * client never sees an open socket.
 */
export async function listenWebSocket(options: ListenWebSocketOptions): Promise<WebSocketListener> {
  let compiled = compileWebSocketApi(options.api);
  const connections = new Map<string, LiveConnection>();
  const subprotocols = new WeakMap<IncomingMessage, string>();
  const sockets = new Set<Socket>();
  let closing = false;
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: options.limits.maxMessageBytes,
    maxFragments: maxFragments(options.limits),
    // Pings are answered below, where a client that does not read its pongs is closed with a close frame.
    autoPong: false,
    perMessageDeflate: false,
    clientTracking: false,
    handleProtocols: (_offered, request) => subprotocols.get(request) ?? false,
  });

  const onUpgrade = (request: IncomingMessage, socket: Duplex, head: Buffer): void => {
    headDeadlines.clear(socket);
    socket.on('error', () => socket.destroy());
    handshake(request, socket, head).catch((error: unknown) => {
      options.onError(`handshake of ${request.url ?? '/'} failed`, error);
      writeRejection(socket, 500, [], Buffer.from('{"message":"Internal Server Error"}'));
    });
  };

  const handshake = async (request: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> => {
    const upgrade = toUpgradeRequest(request);
    await options.ready;
    // What `ws` would refuse after `$connect` ran is refused before it.
    const invalid = checkHandshake(request);
    if (invalid !== undefined) {
      writeRejection(socket, invalid.status, invalid.headers, Buffer.alloc(0));
      return;
    }
    const outcome = await connectClient(compiled, upgrade, options.deps);
    if (outcome.kind === 'rejected') {
      writeRejection(socket, outcome.status, outcome.headers, outcome.body);
      options.onEvent?.(outcome.log);
      return;
    }
    if (closing || socket.destroyed) {
      socket.destroy();
      options.onEvent?.({ ...outcome.log, status: 1006, error: 'the client left before $connect finished' });
      return;
    }
    if (outcome.subprotocol !== undefined) subprotocols.set(request, outcome.subprotocol);
    wss.handleUpgrade(request, socket, head, (ws) => {
      options.onEvent?.(outcome.log);
      open(ws, outcome.connection, socket as Socket);
    });
  };

  const open = (ws: WebSocket, context: ConnectionContext, socket: Socket): void => {
    const live = new LiveConnection(ws, context, options.deps.now());
    const { connectionId } = context;
    connections.set(connectionId, live);
    const scanner = new FrameScanner(options.limits.maxFrameBytes);
    socket.prependListener('data', (chunk: Buffer) => {
      if (live.closeRequested) return;
      const check = scanner.feed(chunk);
      if (check.kind === 'frame-too-large') live.close(CLOSE_CODES.messageTooBig, 'Frame too big');
    });
    const idle = setTimeout(() => live.close(CLOSE_CODES.idle, 'Going away: idle timeout'), options.limits.idleTimeoutMs).unref();
    const lifetime = setTimeout(
      () => live.close(CLOSE_CODES.maxDuration, 'Going away: maximum connection duration'),
      options.limits.maxConnectionDurationMs,
    ).unref();
    live.onActivity = () => idle.refresh();

    ws.on('message', (data: RawData, isBinary: boolean) => {
      if (live.closeRequested) return;
      if (isBinary) {
        live.close(CLOSE_CODES.unsupportedData, 'Binary frames are not supported');
        return;
      }
      live.touch(options.deps.now());
      receiveMessage(compiled, live.context, rawText(data), options.deps).then(
        (outcome) => {
          if (outcome.reply !== undefined) live.send(outcome.reply);
          options.onEvent?.(outcome.log);
        },
        (error: unknown) => options.onError(`message on ${connectionId} failed`, error),
      );
    });
    ws.on('ping', (data: Buffer) => {
      // A client that floods pings without reading the pongs would grow the send buffer without bound.
      if (ws.bufferedAmount > SEND_BUFFER_LIMIT_BYTES) live.close(CLOSE_CODES.policyViolation, 'Policy violation: pongs are not read');
      else if (!live.closeRequested) ws.pong(data);
    });
    ws.on('error', (error: Error & { code?: string }) => {
      // ws closes the socket itself after a protocol error; remember why for $disconnect.
      live.closeRequested ??= { code: WS_ERROR_CLOSE_CODES[error.code ?? ''] ?? 1002, reason: error.message };
    });
    ws.on('close', (code: number, reason: Buffer) => {
      clearTimeout(idle);
      clearTimeout(lifetime);
      connections.delete(connectionId);
      if (closing || live.stageRemoved) return;
      const close = live.closeRequested ?? { code, reason: reason.toString('utf8') };
      disconnectClient(compiled, live.context, { statusCode: close.code, reason: close.reason }, options.deps).then(
        (record) => options.onEvent?.(record),
        (error: unknown) => options.onError(`$disconnect of ${connectionId} failed`, error),
      );
    });
  };

  const onRequest = (request: IncomingMessage, response: ServerResponse): void => {
    headDeadlines.clear(request.socket);
    manage(request, response).catch((error: unknown) => {
      options.onError(`${request.method ?? 'GET'} ${request.url ?? '/'} failed`, error);
      if (!response.headersSent) response.writeHead(500, { 'content-type': 'application/json' });
      response.end('{"message":"Internal Server Error"}');
    });
  };

  const manage = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const started = performance.now();
    await options.ready;
    const body = await readBodyWithin(request, MAX_POST_BYTES, options.limits.requestTimeoutMs);
    const { path, query: rawQueryString } = splitTarget(request.url ?? '/');
    const exchange = { method: request.method ?? 'GET', path };
    if (body.kind === 'aborted') {
      request.socket.destroy();
      options.onManagement?.({ ...exchange, reply: undefined, durationMs: performance.now() - started });
      return;
    }
    if (body.kind === 'timed-out') {
      response.writeHead(408, { 'content-length': '0', connection: 'close' });
      response.end(() => request.socket.destroy());
      const reply = { statusCode: 408, headers: [], body: Buffer.alloc(0), error: `the body did not arrive within ${options.limits.requestTimeoutMs} ms` };
      options.onManagement?.({ ...exchange, reply, durationMs: performance.now() - started });
      return;
    }
    const reply = await handleManagementRequest(
      compiled.api,
      {
        method: request.method ?? 'GET',
        path,
        rawQueryString,
        headers: headerPairs(request),
        body: body.kind === 'complete' ? body.body : 'too-large',
      },
      (id) => connections.get(id),
      options.deps.checkManagementSignature,
    );
    const headers: string[] = reply.headers.flat();
    headers.push('content-length', String(reply.body.length));
    if (body.kind === 'too-large') {
      headers.push('connection', 'close');
      request.resume();
    }
    response.writeHead(reply.statusCode, headers);
    response.end(reply.body);
    options.onManagement?.({ ...exchange, reply, durationMs: performance.now() - started });
  };

  // These servers never listen (the port below hands them their sockets), so Node's own header and request
  // timeouts are not armed: the deadlines are ours.
  const timeoutMs = options.limits.requestTimeoutMs;
  const headDeadlines = new HeadDeadlines(timeoutMs);
  const plain = createHttpServer({ maxHeaderSize: MAX_REQUEST_HEAD_BYTES }, onRequest);
  const secure = createHttpsServer(
    { key: options.tls.key, cert: options.tls.cert, maxHeaderSize: MAX_REQUEST_HEAD_BYTES, handshakeTimeout: timeoutMs },
    onRequest,
  );
  plain.on('connection', (socket: Socket) => headDeadlines.arm(socket));
  secure.on('secureConnection', (socket: Socket) => headDeadlines.arm(socket));
  for (const server of [plain, secure] as Server[]) {
    server.on('upgrade', onUpgrade);
    server.on('clientError', (error: Error & { code?: string }, socket: Duplex) => {
      headDeadlines.clear(socket);
      answerClientError(error, socket);
    });
  }
  // One port, two protocols: the first byte tells a TLS handshake from plain HTTP.
  const listener = createNetServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    // A client that connects and sends nothing is closed: no HTTP answer is possible before its first byte.
    socket.setTimeout(timeoutMs, () => socket.destroy());
    socket.once('data', (chunk: Buffer) => {
      socket.setTimeout(0);
      socket.pause();
      socket.unshift(chunk);
      if (chunk[0] === TLS_HANDSHAKE) {
        secure.emit('connection', socket);
      } else {
        plain.emit('connection', socket);
        socket.resume();
      }
    });
  });
  await new Promise<void>((resolve, reject) => {
    listener.once('error', reject);
    listener.listen(options.port, options.host, () => {
      listener.off('error', reject);
      resolve();
    });
  });

  let closed: Promise<void> | undefined;
  return {
    port: (listener.address() as AddressInfo).port,
    connectionCount: () => connections.size,
    replaceApi(api) {
      compiled = compileWebSocketApi(api);
      let closed = 0;
      for (const live of connections.values()) {
        const stage = api.stages.find((candidate) => candidate.name === live.context.stage.name);
        if (stage === undefined) {
          live.stageRemoved = true;
          live.close(CLOSE_CODES.goingAway, 'Going away: stage removed');
          closed += 1;
        } else {
          live.context = { ...live.context, api, stage };
        }
      }
      return closed;
    },
    close() {
      closed ??= (async () => {
        closing = true;
        const stopped = new Promise<void>((resolve) => listener.close(() => resolve()));
        for (const live of connections.values()) live.terminate();
        wss.close();
        for (const socket of sockets) socket.destroy();
        await stopped;
      })();
      return closed;
    },
  };
}

/** One open connection: what the management API and the limits act on. */
class LiveConnection implements ManagedConnection {
  readonly open = true;
  lastActiveAt: number;
  /** Set when a reload removed the connection's stage: it closes without `$disconnect`. */
  stageRemoved = false;
  /** The close the gateway started (limit, DELETE, error), reported to `$disconnect` instead of the echo. */
  closeRequested: { readonly code: number; readonly reason: string } | undefined;
  onActivity: () => void = () => undefined;

  constructor(
    private readonly ws: WebSocket,
    /** Replaced when a reload serves a new version of the API (same connection, new api and stage). */
    public context: ConnectionContext,
    now: number,
  ) {
    this.lastActiveAt = now;
  }

  touch(now: number): void {
    this.lastActiveAt = now;
    this.onActivity();
  }

  send(text: string): SendResult {
    if (this.ws.readyState !== WebSocket.OPEN || this.closeRequested) return 'gone';
    if (this.ws.bufferedAmount > SEND_BUFFER_LIMIT_BYTES) return 'buffer-full';
    this.ws.send(text);
    this.touch(Date.now());
    return 'sent';
  }

  close(code: number, reason: string): void {
    if (this.closeRequested) return;
    this.closeRequested = { code, reason };
    this.ws.close(code, reason);
  }

  terminate(): void {
    this.closeRequested ??= { code: CLOSE_CODES.goingAway, reason: 'Going away' };
    this.ws.terminate();
  }
}

/**
 * Why a handshake is not one RFC 6455 allows (4.2.1: an HTTP/1.1 or later GET with `Upgrade: websocket` and
 * a 16-byte base64 key), or undefined when it is. Another `Sec-WebSocket-Version` is answered 426 with the
 * version the server speaks (4.2.2).
 * https://www.rfc-editor.org/rfc/rfc6455#section-4.2.1
 */
function checkHandshake(request: IncomingMessage): { readonly status: number; readonly headers: readonly (readonly [string, string])[] } | undefined {
  const valid =
    request.method === 'GET' &&
    request.httpVersion !== '1.0' &&
    (request.headers.upgrade ?? '').toLowerCase() === 'websocket' &&
    /^[+/0-9A-Za-z]{22}==$/.test(request.headers['sec-websocket-key'] ?? '');
  if (!valid) return { status: 400, headers: [] };
  if (request.headers['sec-websocket-version'] !== WEBSOCKET_VERSION) {
    return { status: 426, headers: [['Sec-WebSocket-Version', WEBSOCKET_VERSION]] };
  }
  return undefined;
}

/**
 * Per socket, the time its first request head has to arrive (counted from when the HTTP server got the
 * socket); past it the client gets 408 and the socket closes. Later requests on a kept-alive socket are
 * bounded by Node's keep-alive timeout until their head arrives.
 */
class HeadDeadlines {
  private readonly timers = new WeakMap<Duplex, NodeJS.Timeout>();

  constructor(private readonly timeoutMs: number) {}

  arm(socket: Duplex): void {
    const timer = setTimeout(() => {
      this.timers.delete(socket);
      writeRejection(socket, 408, [], Buffer.alloc(0));
    }, this.timeoutMs).unref();
    this.timers.set(socket, timer);
    socket.once('close', () => this.clear(socket));
  }

  clear(socket: Duplex): void {
    clearTimeout(this.timers.get(socket));
    this.timers.delete(socket);
  }
}

/** A body read that the client may also abandon, or stall past `timeoutMs`. */
type TimedBodyResult = RequestBodyResult | { readonly kind: 'aborted' } | { readonly kind: 'timed-out' };

async function readBodyWithin(request: IncomingMessage, limitBytes: number, timeoutMs: number): Promise<TimedBodyResult> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<TimedBodyResult>((resolve) => {
    timer = setTimeout(() => resolve({ kind: 'timed-out' }), timeoutMs).unref();
  });
  // A read fails only when the client closed the connection mid-body.
  const read = readRequestBody(request, limitBytes).catch((): TimedBodyResult => ({ kind: 'aborted' }));
  try {
    return await Promise.race([read, timedOut]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Answers a request Node could not parse, as far as the socket still takes an answer: 431 for a head over
 * `MAX_REQUEST_HEAD_BYTES`, 408 for a request that took too long, 400 for anything else.
 */
function answerClientError(error: Error & { code?: string }, socket: Duplex): void {
  const status = error.code === 'HPE_HEADER_OVERFLOW' ? 431 : error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400;
  if (socket.writable) writeRejection(socket, status, [], Buffer.alloc(0));
  else socket.destroy();
}

function toUpgradeRequest(request: IncomingMessage): UpgradeRequest {
  const { path, query } = splitTarget(request.url ?? '/');
  return { path, rawQueryString: query, headers: headerPairs(request), sourceIp: clientAddress(request), receivedAtMs: Date.now() };
}

function rawText(data: RawData): string {
  if (Buffer.isBuffer(data)) return data.toString('utf8');
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return Buffer.from(data).toString('utf8');
}

/** Refuses a handshake: a plain HTTP response on the raw socket, then the socket closes. */
function writeRejection(socket: Duplex, status: number, headers: readonly (readonly [string, string])[], body: Buffer): void {
  if (socket.destroyed) return;
  const lines = [`HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Error'}`];
  for (const [name, value] of headers) lines.push(`${name}: ${value}`);
  lines.push(`content-length: ${body.length}`, 'connection: close', '', '');
  // Destroyed once written: a client that never closes its side does not keep the socket.
  socket.end(Buffer.concat([Buffer.from(lines.join('\r\n'), 'latin1'), body]), () => socket.destroy());
}
