import type { IncomingMessage } from 'node:http';
import type { HeaderPair } from '../gateway/headers.js';
import { bodyFields, type BodyReading, type ReceivedRequest } from '../gateway/received-request.js';

/** The body of a request that has none to read (a WebSocket upgrade). */
export const NO_BODY: BodyReading = { kind: 'complete', body: Buffer.alloc(0) };

/**
 * Reads what the gateway needs of a socket request, once: method, raw path and query, header lines, the
 * body as read (`NO_BODY` for an upgrade), client address and HTTP version. Every port (HTTP API requests,
 * WebSocket upgrades, `@connections` calls) reads its requests here.
 */
export function readReceivedRequest(request: IncomingMessage, body: BodyReading, receivedAtMs: number): ReceivedRequest {
  const { path, query } = splitTarget(request.url ?? '/');
  return {
    method: request.method ?? 'GET',
    path,
    rawQueryString: query,
    headers: headerPairs(request),
    ...bodyFields(body),
    sourceIp: clientAddress(request),
    protocol: `HTTP/${request.httpVersion}`,
    receivedAtMs,
  };
}

/** The request's header lines as received: names as the client wrote them, repeated names kept, in order. */
function headerPairs(request: IncomingMessage): HeaderPair[] {
  const headers: HeaderPair[] = [];
  const raw = request.rawHeaders;
  for (let i = 0; i + 1 < raw.length; i += 2) headers.push([raw[i], raw[i + 1]]);
  return headers;
}

/** Splits an origin-form (`/a?b`) or absolute-form (`http://h/a?b`) request target. */
function splitTarget(target: string): { path: string; query: string } {
  let rest = target;
  if (!rest.startsWith('/')) {
    const schemeEnd = rest.indexOf('://');
    if (schemeEnd >= 0) {
      const pathStart = rest.indexOf('/', schemeEnd + 3);
      rest = pathStart >= 0 ? rest.slice(pathStart) : '/';
    }
  }
  const mark = rest.indexOf('?');
  return mark < 0 ? { path: rest, query: '' } : { path: rest.slice(0, mark), query: rest.slice(mark + 1) };
}

/** The client's IP address, IPv4-mapped IPv6 addresses written as IPv4. */
function clientAddress(request: IncomingMessage): string {
  const address = request.socket.remoteAddress ?? '127.0.0.1';
  return address.startsWith('::ffff:') ? address.slice(7) : address;
}
