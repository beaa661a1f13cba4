import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { answerExchange, type HttpExchange } from '../http/answer-exchange.js';
import { answerClientError } from './answer-client-error.js';
import { readRequestBody } from './read-request-body.js';
import { readReceivedRequest } from './request-parts.js';
import { writeHttpResponse } from './write-http-response.js';

export type { HttpExchangeRecord } from '../http/answer-exchange.js';

export interface ListenHttpOptions extends HttpExchange {
  readonly host: string;
  /** 0 picks a free port. */
  readonly port: number;
  /** Bodies past this size are not read: `handle` gets the request with `bodyTooLarge` set. */
  readonly maxBodyBytes: number;
  /**
   * How long a client may take to send the request line and headers before it is answered 408 and the
   * connection closed. @default HEADERS_TIMEOUT_MS (60 s)
   */
  readonly headersTimeoutMs?: number;
}

/** A listening HTTP server; `server` stays reachable so WebSocket upgrades can share the port. */
export interface HttpListener {
  readonly server: Server;
  readonly port: number;
  /** Stops accepting, lets in-flight requests finish (up to `graceMs`), then drops every connection. */
  readonly close: (graceMs?: number) => Promise<void>;
}

const DEFAULT_CLOSE_GRACE_MS = 2_000;
/**
 * How long a client may take to send its request line and headers: Node's own `headersTimeout` (AWS's
 * limit is unconfirmed; see the README's "Differences from AWS").
 */
export const HEADERS_TIMEOUT_MS = 60_000;
/** How often Node checks connections against the timeout, at most (its own default). */
const MAX_CHECK_INTERVAL_MS = 30_000;

/** Starts an HTTP server on `host:port` that reads each request into a `ReceivedRequest`. */
export async function listenHttp(options: ListenHttpOptions): Promise<HttpListener> {
  const inFlight = new InFlight();
  const headersTimeout = options.headersTimeoutMs ?? HEADERS_TIMEOUT_MS;
  const server = createServer({ headersTimeout, connectionsCheckingInterval: Math.min(MAX_CHECK_INTERVAL_MS, headersTimeout) }, (request, response) => {
    inFlight.start();
    serve(options, request, response).then(inFlight.end, () => {
      // serve() answers every failure itself; this only guards against a socket that died mid-write.
      response.destroy();
      inFlight.end();
    });
  });
  // A malformed request line or header, or headers that never complete, never reach the handler: answer
  // with a status and close.
  server.on('clientError', answerClientError);
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
  const reading = readRequestBody(request, options.maxBodyBytes);
  const received = readReceivedRequest(request, reading instanceof Promise ? await reading : reading, receivedAtMs);
  // Past the limit: discard whatever the client still sends, and close once the answer is out.
  if (received.bodyTooLarge) request.resume();
  const answer = await answerExchange(options, received, () => performance.now() - started);
  writeHttpResponse(request, response, answer, { closeConnection: received.bodyTooLarge === true });
}

/** How many requests are being answered; a count rather than a set of promises, which cost per request. */
class InFlight {
  private count = 0;
  private onDrained?: () => void;

  readonly start = (): void => {
    this.count += 1;
  };

  readonly end = (): void => {
    this.count -= 1;
    if (this.count === 0) this.onDrained?.();
  };

  /** Resolves once no request is being answered (at once when none is). */
  drained(): Promise<void> {
    if (this.count === 0) return Promise.resolve();
    return new Promise((resolve) => {
      this.onDrained = resolve;
    });
  }
}

async function closeServer(server: Server, inFlight: InFlight, graceMs: number): Promise<void> {
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeIdleConnections();
  let timer: NodeJS.Timeout | undefined;
  const grace = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, graceMs);
  });
  await Promise.race([inFlight.drained(), grace]);
  clearTimeout(timer);
  server.closeAllConnections();
  await closed;
}
