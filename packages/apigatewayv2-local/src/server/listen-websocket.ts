import { createServer as createHttpServer, STATUS_CODES, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { createServer as createNetServer, type AddressInfo, type Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer, type RawData } from 'ws';
import type { ApiModel } from '../model/index.js';
import { connectClient, disconnectClient, receiveMessage } from '../websocket/connection-lifecycle.js';
import { CLOSE_CODES, FrameScanner, type WebSocketLimits } from '../websocket/limits.js';
import {
  handleManagementRequest,
  MAX_POST_BYTES,
  type ManagedConnection,
  type ManagementReply,
  type SendResult,
} from '../websocket/management-api.js';
import type { ConnectionContext, WebSocketDeps, WebSocketLogRecord } from '../websocket/types.js';
import { compileWebSocketApi } from '../websocket/websocket-api.js';
import { readRequestBody } from './read-request-body.js';
import { NO_BODY, readReceivedRequest } from './request-parts.js';

/** One `@connections` call, for the log. */
export interface ManagementExchange {
  readonly method: string;
  readonly path: string;
  readonly reply: ManagementReply;
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
};

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
    perMessageDeflate: false,
    clientTracking: false,
    handleProtocols: (_offered, request) => subprotocols.get(request) ?? false,
  });

  const onUpgrade = (request: IncomingMessage, socket: Duplex, head: Buffer): void => {
    socket.on('error', () => socket.destroy());
    handshake(request, socket, head).catch((error: unknown) => {
      options.onError(`handshake of ${request.url ?? '/'} failed`, error);
      writeRejection(socket, 500, [], Buffer.from('{"message":"Internal Server Error"}'));
    });
  };

  const handshake = async (request: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> => {
    const upgrade = readReceivedRequest(request, NO_BODY, Date.now());
    await options.ready;
    // What `ws` would refuse after `$connect` ran is refused before it (RFC 6455 4.2.1).
    if (!isValidHandshake(request)) {
      writeRejection(socket, 400, [], Buffer.alloc(0));
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
    manage(request, response).catch((error: unknown) => {
      options.onError(`${request.method ?? 'GET'} ${request.url ?? '/'} failed`, error);
      if (!response.headersSent) response.writeHead(500, { 'content-type': 'application/json' });
      response.end('{"message":"Internal Server Error"}');
    });
  };

  const manage = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const started = performance.now();
    await options.ready;
    const received = readReceivedRequest(request, await readRequestBody(request, MAX_POST_BYTES), Date.now());
    const { path } = received;
    const reply = await handleManagementRequest(compiled.api, received, (id) => connections.get(id), options.deps.checkManagementSignature);
    const headers: string[] = reply.headers.flat();
    headers.push('content-length', String(reply.body.length));
    if (received.bodyTooLarge) {
      headers.push('connection', 'close');
      request.resume();
    }
    response.writeHead(reply.statusCode, headers);
    response.end(reply.body);
    options.onManagement?.({ method: request.method ?? 'GET', path, reply, durationMs: performance.now() - started });
  };

  const plain = createHttpServer(onRequest);
  const secure = createHttpsServer({ key: options.tls.key, cert: options.tls.cert }, onRequest);
  for (const server of [plain, secure] as Server[]) {
    server.on('upgrade', onUpgrade);
    server.on('clientError', (_error, socket: Duplex) => socket.destroy());
  }
  // One port, two protocols: the first byte tells a TLS handshake from plain HTTP.
  const listener = createNetServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    socket.once('data', (chunk: Buffer) => {
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

function isValidHandshake(request: IncomingMessage): boolean {
  const version = request.headers['sec-websocket-version'];
  return (
    request.method === 'GET' &&
    (request.headers.upgrade ?? '').toLowerCase() === 'websocket' &&
    /^[+/0-9A-Za-z]{22}==$/.test(request.headers['sec-websocket-key'] ?? '') &&
    (version === '13' || version === '8')
  );
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
  socket.end(Buffer.concat([Buffer.from(lines.join('\r\n'), 'latin1'), body]));
}
