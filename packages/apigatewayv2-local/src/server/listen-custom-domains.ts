import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { Duplex } from 'node:stream';
import { answerExchange, type HttpExchange } from '../http/answer-exchange.js';
import { answerClientError } from './answer-client-error.js';
import { listenTlsOrPlain } from './listen-tls-or-plain.js';
import { readRequestBody } from './read-request-body.js';
import { readReceivedRequest } from './request-parts.js';
import { writeHttpResponse } from './write-http-response.js';
import { writeRawResponse } from './write-raw-response.js';

/** Where one request to the custom domain port goes: an API's own handlers, under the stage's path, or a refusal. */
export type DomainRoute =
  | { readonly kind: 'http'; readonly path: string; readonly exchange: HttpExchange }
  | {
      readonly kind: 'websocket';
      readonly path: string;
      readonly upgrade: (request: IncomingMessage, socket: Duplex, head: Buffer) => void;
      readonly manage: (request: IncomingMessage, response: ServerResponse, routingPath?: string) => void;
    }
  | { readonly kind: 'refused'; readonly status: number; readonly body: string; readonly error: string };

export interface ListenCustomDomainsOptions {
  readonly host: string;
  /** 0 picks a free port. */
  readonly port: number;
  /** The certificate the TLS side presents (its names include the template's domain names). */
  readonly tls: { readonly key: string; readonly cert: string };
  readonly maxBodyBytes: number;
  /** A connection that sends nothing this long is closed. */
  readonly firstByteTimeoutMs: number;
  /** Resolves a request by its `Host` header and path (no query). */
  readonly route: (host: string, path: string) => DomainRoute;
  /** A request the port refused (unknown host, no mapping), for the log. */
  readonly onRefused: (line: { readonly method: string; readonly host: string; readonly path: string; readonly status: number; readonly error: string }) => void;
}

export interface CustomDomainListener {
  readonly port: number;
  readonly close: () => Promise<void>;
}

function splitUrl(url: string): { readonly path: string; readonly query: string } {
  const at = url.indexOf('?');
  return at === -1 ? { path: url, query: '' } : { path: url.slice(0, at), query: url.slice(at) };
}

/**
 * The custom domain port: one port speaking plain HTTP and TLS, where every request (HTTP API calls,
 * WebSocket handshakes, `@connections` calls) goes to the API and stage its `Host` and mapping key name,
 * answered by that API's own handlers as if it had arrived on the API's port under the stage's path.
 */
export async function listenCustomDomains(options: ListenCustomDomainsOptions): Promise<CustomDomainListener> {
  const routeOf = (request: IncomingMessage): { route: DomainRoute; query: string; host: string; path: string } => {
    const host = request.headers.host ?? '';
    const { path, query } = splitUrl(request.url ?? '/');
    return { route: options.route(host, path), query, host, path };
  };
  const refuse = (request: IncomingMessage, host: string, path: string, route: Extract<DomainRoute, { kind: 'refused' }>): void =>
    options.onRefused({ method: request.method ?? 'GET', host, path, status: route.status, error: route.error });

  const onRequest = (request: IncomingMessage, response: ServerResponse): void => {
    const { route, query, host, path } = routeOf(request);
    switch (route.kind) {
      case 'refused':
        refuse(request, host, path, route);
        response.writeHead(route.status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(route.body) });
        response.end(route.body);
        return;
      case 'websocket':
        // The signature of an `@connections` call covers the path the client sent: the URL stays, the route says the stage.
        route.manage(request, response, route.path);
        return;
      case 'http':
        request.url = route.path + query;
        serveHttp(request, response, route.exchange, options.maxBodyBytes).catch(() => response.destroy());
    }
  };
  const onUpgrade = (request: IncomingMessage, socket: Duplex, head: Buffer): void => {
    const { route, query, host, path } = routeOf(request);
    if (route.kind === 'websocket') {
      request.url = route.path + query;
      route.upgrade(request, socket, head);
      return;
    }
    const refused = route.kind === 'refused' ? route : { kind: 'refused' as const, status: 404, body: '{"message":"Not Found"}', error: 'an HTTP API is mapped here, not a WebSocket API' };
    refuse(request, host, path, refused);
    socket.on('error', () => socket.destroy());
    writeRawResponse(socket, refused.status, [['content-type', 'application/json']], Buffer.from(refused.body));
  };

  const plain: Server = createHttpServer(onRequest);
  const secure: Server = createHttpsServer({ key: options.tls.key, cert: options.tls.cert }, onRequest);
  for (const server of [plain, secure]) {
    server.on('upgrade', onUpgrade);
    server.on('clientError', (error: Error & { code?: string }, socket: Duplex) => answerClientError(error, socket));
  }
  return listenTlsOrPlain({ host: options.host, port: options.port, plain, secure, firstByteTimeoutMs: options.firstByteTimeoutMs });
}

async function serveHttp(request: IncomingMessage, response: ServerResponse, exchange: HttpExchange, maxBodyBytes: number): Promise<void> {
  const receivedAtMs = Date.now();
  const started = performance.now();
  const received = readReceivedRequest(request, await readRequestBody(request, maxBodyBytes), receivedAtMs);
  if (received.bodyTooLarge) request.resume();
  const answer = await answerExchange(exchange, received, () => performance.now() - started);
  writeHttpResponse(request, response, answer, { closeConnection: received.bodyTooLarge === true });
}
