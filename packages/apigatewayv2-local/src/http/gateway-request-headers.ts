import { createHash } from 'node:crypto';
import type { RoutedRequest } from './routed-request.js';
import type { HeaderPair } from './types.js';

/**
 * The request headers an integration receives, lower-cased (spec 2.2): the client's headers, with the
 * ones API Gateway sets itself: `x-forwarded-for` (client IP appended), `x-forwarded-port`,
 * `x-forwarded-proto` and `x-amzn-trace-id` (kept when the client sent one).
 *
 * Locally the port and protocol are those the client really used (`http`, the local port) rather than
 * AWS's `443`/`https`, so apps that build absolute URLs from them point back at the local gateway.
 */
export function gatewayRequestHeaders(routed: RoutedRequest): HeaderPair[] {
  const { request } = routed;
  const headers: HeaderPair[] = [];
  const forwardedFor: string[] = [];
  let traceId: string | undefined;
  for (const [name, value] of request.headers) {
    const lower = name.toLowerCase();
    if (lower === 'x-forwarded-for') forwardedFor.push(value);
    else if (lower === 'x-forwarded-port' || lower === 'x-forwarded-proto') continue;
    else {
      if (lower === 'x-amzn-trace-id') traceId ??= value;
      headers.push([lower, value]);
    }
  }
  forwardedFor.push(request.sourceIp);
  headers.push(['x-forwarded-for', forwardedFor.join(', ')]);
  headers.push(['x-forwarded-port', portOf(routed.domainName)]);
  headers.push(['x-forwarded-proto', 'http']);
  if (traceId === undefined) headers.push(['x-amzn-trace-id', traceIdFor(routed.requestId, request.receivedAtMs)]);
  return headers;
}

function portOf(domainName: string): string {
  const match = /:(\d+)$/.exec(domainName);
  return match ? match[1] : '80';
}

/**
 * An X-Ray style trace id (`Root=1-{epoch seconds hex}-{24 hex}`), derived from the request id so that
 * events stay deterministic under injected ids.
 */
export function traceIdFor(requestId: string, epochMs: number): string {
  const seconds = Math.floor(epochMs / 1000).toString(16).padStart(8, '0');
  const unique = createHash('sha256').update(requestId).digest('hex').slice(0, 24);
  return `Root=1-${seconds}-${unique}`;
}

/**
 * `requestContext.domainPrefix` (spec 2.2): the first label of the host. When the client used an IP
 * address or `localhost`, the local host stands in for `{apiId}.execute-api…`, so the prefix is the apiId.
 */
export function domainPrefixOf(domainName: string, apiId: string): string {
  const host = domainName.replace(/:\d+$/, '').replace(/^\[(.*)\]$/, '$1');
  if (host === '' || host === 'localhost' || /^[\d.]+$/.test(host) || host.includes(':')) return apiId;
  return host.split('.', 1)[0];
}
