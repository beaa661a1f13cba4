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
import { readRequestBody, type RequestBodyResult } from './read-request-body.js';
import { headerPairs, splitTarget } from './request-parts.js';

export interface ServeManagementOptions {
  /** The API as served now (a reload may replace it while a body is read). */
  readonly api: () => ApiModel;
  readonly find: (connectionId: string) => ManagedConnection | undefined;
  readonly checkSignature: ManagementSignatureCheck;
  /** A body that has not arrived whole this long after its head is answered 408. */
  readonly bodyTimeoutMs: number;
}

/**
 * Serves one `@connections` call on the WebSocket port: reads the body (at most `MAX_POST_BYTES`, within
 * `bodyTimeoutMs`), lets `handleManagementRequest` answer, writes the reply. Returns what happened, for the
 * log; a client that left mid-body gets no answer (`reply` undefined), as it is gone.
 */
export async function serveManagementRequest(request: IncomingMessage, response: ServerResponse, options: ServeManagementOptions): Promise<Omit<ManagementExchange, 'durationMs'>> {
  const body = await readBodyWithin(request, MAX_POST_BYTES, options.bodyTimeoutMs);
  const { path, query: rawQueryString } = splitTarget(request.url ?? '/');
  const method = request.method ?? 'GET';
  if (body.kind === 'aborted') {
    request.socket.destroy();
    return { method, path, reply: undefined };
  }
  if (body.kind === 'timed-out') {
    const reply: ManagementReply = { statusCode: 408, headers: [], body: Buffer.alloc(0), error: `the body did not arrive within ${options.bodyTimeoutMs} ms` };
    response.writeHead(408, { 'content-length': '0', connection: 'close' });
    response.end(() => request.socket.destroy());
    return { method, path, reply };
  }
  const reply = await handleManagementRequest(
    options.api(),
    { method, path, rawQueryString, headers: headerPairs(request), body: body.kind === 'complete' ? body.body : 'too-large' },
    options.find,
    options.checkSignature,
  );
  const headers: string[] = reply.headers.flat();
  headers.push('content-length', String(reply.body.length));
  if (body.kind === 'too-large') {
    headers.push('connection', 'close');
    request.resume();
  }
  response.writeHead(reply.statusCode, headers);
  response.end(reply.body);
  return { method, path, reply };
}

/** A body read that the client may also abandon, or stall past the timeout. */
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
