import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { GatewayHttpResponse, IncomingHttpRequest } from '../http/index.js';
import { readRequestBody } from './read-request-body.js';
import { clientAddress, headerPairs, splitTarget } from './request-parts.js';
import { writeHttpResponse } from './write-http-response.js';

/** How one exchange went, for the request log. */
export interface HttpExchangeRecord {
  readonly request: IncomingHttpRequest;
  readonly response: GatewayHttpResponse;
  readonly durationMs: number;
}

export interface ListenHttpOptions {
  readonly host: string;
  /** 0 picks a free port. */
  readonly port: number;
  /** Bodies past this size are not read; the client gets `tooLarge()`. */
  readonly maxBodyBytes: number;
  /** Answers one request; may reject, the client then gets `failed()`. */
  readonly handle: (request: IncomingHttpRequest) => Promise<GatewayHttpResponse>;
  /** The answer to a request whose body is over `maxBodyBytes`. */
  readonly tooLarge: (request: IncomingHttpRequest) => GatewayHttpResponse;
  /** The answer when `handle` threw: the listener keeps serving. */
  readonly failed: (request: IncomingHttpRequest, error: unknown) => GatewayHttpResponse;
  /** Called once per answered request. */
  readonly onExchange?: (record: HttpExchangeRecord) => void;
}

/** A listening HTTP server; `server` stays reachable so WebSocket upgrades can share the port. */
export interface HttpListener {
  readonly server: Server;
  readonly port: number;
  /** Stops accepting, lets in-flight requests finish (up to `graceMs`), then drops every connection. */
  readonly close: (graceMs?: number) => Promise<void>;
}

const DEFAULT_CLOSE_GRACE_MS = 2_000;

/** Starts an HTTP server on `host:port` that turns each request into an `IncomingHttpRequest`. */
export async function listenHttp(options: ListenHttpOptions): Promise<HttpListener> {
  const inFlight = new Set<Promise<void>>();
  const server = createServer((request, response) => {
    const done = serve(options, request, response).catch(() => {
      // serve() answers every failure itself; this only guards against a socket that died mid-write.
      response.destroy();
    });
    inFlight.add(done);
    void done.finally(() => inFlight.delete(done));
  });
  // A malformed request line or header never reaches the handler; answer it as Node would and move on.
  server.on('clientError', (_error, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nconnection: close\r\ncontent-length: 0\r\n\r\n');
    else socket.destroy();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  let closing: Promise<void> | undefined;
  return {
    server,
    port,
    close(graceMs = DEFAULT_CLOSE_GRACE_MS) {
      closing ??= closeServer(server, inFlight, graceMs);
      return closing;
    },
  };
}

async function serve(options: ListenHttpOptions, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const receivedAtMs = Date.now();
  const started = performance.now();
  const body = await readRequestBody(request, options.maxBodyBytes);
  const incoming = toIncomingRequest(request, body.kind === 'complete' ? body.body : Buffer.alloc(0), receivedAtMs);
  let answer: GatewayHttpResponse;
  if (body.kind === 'too-large') {
    answer = options.tooLarge(incoming);
    // Stop reading: discard whatever the client still sends and close once the answer is out.
    request.resume();
    writeHttpResponse(request, response, answer, { closeConnection: true });
  } else {
    try {
      answer = await options.handle(incoming);
    } catch (error) {
      answer = options.failed(incoming, error);
    }
    writeHttpResponse(request, response, answer);
  }
  options.onExchange?.({ request: incoming, response: answer, durationMs: performance.now() - started });
}

function toIncomingRequest(request: IncomingMessage, body: Buffer, receivedAtMs: number): IncomingHttpRequest {
  const { path, query } = splitTarget(request.url ?? '/');
  return {
    method: request.method ?? 'GET',
    path,
    rawQueryString: query,
    headers: headerPairs(request),
    body,
    sourceIp: clientAddress(request),
    protocol: `HTTP/${request.httpVersion}`,
    receivedAtMs,
  };
}

async function closeServer(server: Server, inFlight: Set<Promise<void>>, graceMs: number): Promise<void> {
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeIdleConnections();
  if (inFlight.size > 0) {
    let timer: NodeJS.Timeout | undefined;
    const grace = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, graceMs);
    });
    await Promise.race([Promise.allSettled([...inFlight]), grace]);
    clearTimeout(timer);
  }
  server.closeAllConnections();
  await closed;
}
