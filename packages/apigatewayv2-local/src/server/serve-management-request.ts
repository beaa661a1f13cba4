import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ApiModel } from '../model/index.js';
import {
  handleManagementRequest,
  MAX_POST_BYTES,
  type ManagedConnection,
  type ManagementExchange,
  type ManagementReply,
  type ManagementSignatureCheck,
} from '../websocket/management-api.js';
import type { BodyReading } from '../gateway/received-request.js';
import { readRequestBody } from './read-request-body.js';
import { NO_BODY, readReceivedRequest } from './request-parts.js';

export interface ServeManagementOptions {
  /** The API as served now (a reload may replace it while a body is read). */
  readonly api: () => ApiModel;
  readonly find: (connectionId: string) => ManagedConnection | undefined;
  readonly checkSignature: ManagementSignatureCheck;
  /** A body that has not arrived whole this long after its head is answered 408. */
  readonly bodyTimeoutMs: number;
  /** The path that names stage and connection, for a call through a custom domain (see `handleManagementRequest`). */
  readonly routingPath?: string;
}

/**
 * Serves one `@connections` call on the WebSocket port: reads the body (at most `MAX_POST_BYTES`, within
 * `bodyTimeoutMs`), lets `handleManagementRequest` answer, writes the reply. Returns what happened, for the
 * log; a client that left mid-body gets no answer (`reply` undefined), as it is gone.
 */
export async function serveManagementRequest(request: IncomingMessage, response: ServerResponse, options: ServeManagementOptions): Promise<Omit<ManagementExchange, 'durationMs'>> {
  const receivedAtMs = Date.now();
  const body = await readBodyWithin(request, MAX_POST_BYTES, options.bodyTimeoutMs);
  const method = request.method ?? 'GET';
  if (body.kind === 'aborted' || body.kind === 'timed-out') {
    const { path } = readReceivedRequest(request, NO_BODY, receivedAtMs);
    return answerUnread(request, response, body.kind, { method, path, timeoutMs: options.bodyTimeoutMs });
  }
  const received = readReceivedRequest(request, body, receivedAtMs);
  const reply = await handleManagementRequest(options.api(), received, options.find, options.checkSignature, options.routingPath);
  const headers: string[] = reply.headers.flat();
  headers.push('content-length', String(reply.body.length));
  if (received.bodyTooLarge) {
    headers.push('connection', 'close');
    request.resume();
  }
  response.writeHead(reply.statusCode, headers);
  response.end(reply.body);
  return { method, path: received.path, reply };
}

/** A body the client abandoned (no answer: it is gone) or stalled past the timeout (408, then the socket closes). */
function answerUnread(
  request: IncomingMessage,
  response: ServerResponse,
  kind: 'aborted' | 'timed-out',
  exchange: { readonly method: string; readonly path: string; readonly timeoutMs: number },
): Omit<ManagementExchange, 'durationMs'> {
  const { method, path } = exchange;
  if (kind === 'aborted') {
    request.socket.destroy();
    return { method, path, reply: undefined };
  }
  const reply: ManagementReply = { statusCode: 408, headers: [], body: Buffer.alloc(0), error: `the body did not arrive within ${exchange.timeoutMs} ms` };
  response.writeHead(408, { 'content-length': '0', connection: 'close' });
  response.end(() => request.socket.destroy());
  return { method, path, reply };
}

/** A body read that the client may also abandon, or stall past the timeout. */
type TimedBodyResult = BodyReading | { readonly kind: 'aborted' } | { readonly kind: 'timed-out' };

async function readBodyWithin(request: IncomingMessage, limitBytes: number, timeoutMs: number): Promise<TimedBodyResult> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<TimedBodyResult>((resolve) => {
    timer = setTimeout(() => resolve({ kind: 'timed-out' }), timeoutMs).unref();
  });
  // A read fails only when the client closed the connection mid-body.
  const read = Promise.resolve(readRequestBody(request, limitBytes)).catch((): TimedBodyResult => ({ kind: 'aborted' }));
  try {
    return await Promise.race([read, timedOut]);
  } finally {
    clearTimeout(timer);
  }
}
