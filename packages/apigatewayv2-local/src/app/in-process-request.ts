import type { HeaderPair } from '../gateway/headers.js';
import { bodyFields, isOverLimit, type ReceivedRequest } from '../gateway/received-request.js';
import { answerExchange, type HttpExchange } from '../http/answer-exchange.js';
import { isFramingHeader } from '../http/framing-headers.js';
import type { HttpReply } from '../http/index.js';

/** The client address an in-process request carries as `sourceIp`: the loopback a socket client would have. */
export const IN_PROCESS_SOURCE_IP = '127.0.0.1';

/**
 * `gateway.request`'s answer: the exchange a socket request gets (`answerExchange`: the core, `failed` when
 * it throws, the request log), for a fetch `Request`, answered as a fetch `Response`.
 */
export async function answerInProcess(maxBodyBytes: number, exchange: HttpExchange, request: Request): Promise<Response> {
  const started = performance.now();
  const received = await toReceivedRequest(request, Date.now(), maxBodyBytes);
  const answer = await answerExchange(exchange, received, () => performance.now() - started);
  return toResponse(answer, received.method);
}

/**
 * Reads a fetch `Request` as the server reads a socket request: the path and query as sent (still
 * percent-encoded), the headers in order plus `Host` (which every HTTP/1.1 client sends), and the body,
 * marked `bodyTooLarge` past `maxBodyBytes` as the socket reader would.
 */
export async function toReceivedRequest(request: Request, receivedAtMs: number, maxBodyBytes: number): Promise<ReceivedRequest> {
  const url = new URL(request.url);
  const headers: HeaderPair[] = [];
  if (!request.headers.has('host')) headers.push(['host', url.host]);
  for (const [name, value] of request.headers) {
    // `Headers` joins repeated names with ", " except Set-Cookie, which it keeps apart.
    if (name === 'set-cookie') for (const cookie of request.headers.getSetCookie()) headers.push([name, cookie]);
    else headers.push([name, value]);
  }
  const body = request.body === null ? Buffer.alloc(0) : Buffer.from(await request.arrayBuffer());
  return {
    method: request.method,
    path: url.pathname,
    rawQueryString: url.search.slice(1),
    headers,
    ...bodyFields(isOverLimit(body.length, maxBodyBytes) ? { kind: 'too-large' } : { kind: 'complete', body }),
    sourceIp: IN_PROCESS_SOURCE_IP,
    protocol: 'HTTP/1.1',
    receivedAtMs,
  };
}

/** Statuses whose response has no body (fetch's `Response` refuses one). */
const NULL_BODY_STATUSES = new Set([204, 205, 304]);

/**
 * Turns a gateway reply into a fetch `Response` with what the socket path writes (`writeHttpResponse`):
 * the same headers, `content-length` for the body, no body for `HEAD`. Headers only a socket server adds
 * (`date`, `connection`, `keep-alive`) are absent.
 */
export function toResponse(reply: HttpReply, method: string): Response {
  const headers = new Headers();
  for (const [name, value] of reply.headers) {
    if (!isFramingHeader(name.toLowerCase())) headers.append(name, value);
  }
  headers.set('content-length', String(reply.body.length));
  const body = method === 'HEAD' || NULL_BODY_STATUSES.has(reply.statusCode) ? null : new Uint8Array(reply.body);
  return new Response(body, { status: reply.statusCode, headers });
}
