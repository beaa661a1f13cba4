import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import type { ApiModel } from '../model/index.js';
import { ConnectionRegistry } from '../websocket/connection-registry.js';
import { MAX_REQUEST_HEAD_BYTES, type WebSocketLimits } from '../websocket/limits.js';
import type { ManagementExchange } from '../websocket/management-api.js';
import type { WebSocketDeps, WebSocketLogRecord } from '../websocket/types.js';
import { compileWebSocketApi } from '../websocket/websocket-api.js';
import { WebSocketAcceptor } from './accept-websocket.js';
import { answerClientError } from './answer-client-error.js';
import { DeadlineTimer } from './deadline-timer.js';
import { HeadDeadlines } from './head-deadlines.js';
import { listenTlsOrPlain } from './listen-tls-or-plain.js';
import { serveManagementRequest } from './serve-management-request.js';

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
  /** Takes a handshake that arrived elsewhere (the custom domain listener), its URL already the stage's. */
  readonly upgrade: (request: IncomingMessage, socket: Duplex, head: Buffer) => void;
  /** Serves an `@connections` call that arrived elsewhere; `routingPath` names stage and connection. */
  readonly manage: (request: IncomingMessage, response: ServerResponse, routingPath?: string) => void;
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
 * Serves one WebSocket API on its own port: clients connect to `ws://host:port/{stage}`; the stage's
 * callback URL `http://host:port/{stage}/@connections/{id}` (or `https://`: the port also speaks TLS; the
 * port's root for the `$default` stage) is the management API.
 */
export async function listenWebSocket(options: ListenWebSocketOptions): Promise<WebSocketListener> {
  let compiled = compileWebSocketApi(options.api);
  const registry = new ConnectionRegistry(options.limits, options.deps.now);
  const deadlines = new DeadlineTimer(() => registry.nextDeadline(), () => registry.closeExpired(), options.deps.now);
  const acceptor = new WebSocketAcceptor({ ...options, compiled: () => compiled, registry, onOpen: () => deadlines.schedule() });
  const timeoutMs = options.limits.requestTimeoutMs;

  const manage = async (request: IncomingMessage, response: ServerResponse, routingPath?: string): Promise<void> => {
    const started = performance.now();
    await options.ready;
    const exchange = await serveManagementRequest(request, response, {
      api: () => compiled.api,
      find: (id) => registry.get(id),
      checkSignature: options.deps.checkManagementSignature,
      bodyTimeoutMs: timeoutMs,
      ...(routingPath !== undefined && { routingPath }),
    });
    options.onManagement?.({ ...exchange, durationMs: performance.now() - started });
  };
  const onRequest = (request: IncomingMessage, response: ServerResponse, routingPath?: string): void => {
    manage(request, response, routingPath).catch((error: unknown) => {
      options.onError(`${request.method ?? 'GET'} ${request.url ?? '/'} failed`, error);
      if (!response.headersSent) response.writeHead(500, { 'content-type': 'application/json' });
      response.end('{"message":"Internal Server Error"}');
    });
  };

  const { plain, secure } = createHttpServers(options.tls, timeoutMs, onRequest, (request, socket, head) => acceptor.onUpgrade(request, socket, head));
  const port = await listenTlsOrPlain({ host: options.host, port: options.port, plain, secure, firstByteTimeoutMs: timeoutMs });

  let closed: Promise<void> | undefined;
  return {
    port: port.port,
    connectionCount: () => registry.size,
    upgrade: (request, socket, head) => acceptor.onUpgrade(request, socket, head),
    manage: onRequest,
    replaceApi(api) {
      compiled = compileWebSocketApi(api);
      return registry.replaceApi(api);
    },
    close() {
      closed ??= (async () => {
        registry.terminateAll();
        deadlines.stop();
        acceptor.close();
        await port.close();
      })();
      return closed;
    },
  };
}

/**
 * The plain and the TLS HTTP server of the port, both fed by `listenTlsOrPlain`: request heads over
 * `MAX_REQUEST_HEAD_BYTES` are answered 431, heads that do not arrive within `timeoutMs` 408 (as the servers
 * never listen, Node's own header and request timeouts are not armed: the deadlines are ours).
 */
function createHttpServers(
  tls: ListenWebSocketOptions['tls'],
  timeoutMs: number,
  onRequest: (request: IncomingMessage, response: ServerResponse) => void,
  onUpgrade: (request: IncomingMessage, socket: Duplex, head: Buffer) => void,
): { readonly plain: Server; readonly secure: Server } {
  const headDeadlines = new HeadDeadlines(timeoutMs);
  const request = (incoming: IncomingMessage, response: ServerResponse): void => {
    headDeadlines.clear(incoming.socket);
    onRequest(incoming, response);
  };
  const plain = createHttpServer({ maxHeaderSize: MAX_REQUEST_HEAD_BYTES }, request);
  const secure = createHttpsServer({ key: tls.key, cert: tls.cert, maxHeaderSize: MAX_REQUEST_HEAD_BYTES, handshakeTimeout: timeoutMs }, request);
  plain.on('connection', (socket: Socket) => headDeadlines.arm(socket));
  secure.on('secureConnection', (socket: Socket) => headDeadlines.arm(socket));
  for (const server of [plain, secure] as Server[]) {
    server.on('upgrade', (incoming: IncomingMessage, socket: Duplex, head: Buffer) => {
      headDeadlines.clear(socket);
      onUpgrade(incoming, socket, head);
    });
    server.on('clientError', (error: Error & { code?: string }, socket: Duplex) => {
      headDeadlines.clear(socket);
      answerClientError(error, socket);
    });
  }
  return { plain, secure };
}
