import type { HttpProxyIntegrationModel } from '../model/index.js';
import { firstHeader } from '../gateway/headers.js';
import { isFramingHeader } from './framing-headers.js';
import { INTEGRATION_TIMEOUT_STATUS } from './gateway-error.js';
import { type IntegrationOutcome, failWith } from './integration-outcome.js';
import type { RoutedRequest } from './routed-request.js';
import type { HeaderPair, HttpHandlerDeps } from './types.js';
import { buildUpstreamUrl, findBackend } from './upstream-target.js';
import { withTimeout } from '../gateway/with-timeout.js';

/**
 * Status for a backend that cannot be reached (connection refused, DNS/TLS failure, reset, or a private
 * integration without a `--backend`). Unconfirmed (AWS's HTTP integration page gives 500 or 502, and 502 is documented for no other HTTP API
 * failure: https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-http.html), so it is
 * one constant.
 */
export const UPSTREAM_FAILURE_STATUS = 500;

/** Hop-by-hop headers never forwarded in either direction (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-http.html, unconfirmed list). */
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'te', 'trailer', 'trailers', 'transfer-encoding', 'upgrade']);

function isHopByHop(lowerName: string, connectionTokens: ReadonlySet<string>): boolean {
  return HOP_BY_HOP.has(lowerName) || lowerName.startsWith('proxy-') || connectionTokens.has(lowerName);
}

/** Header names a `Connection` header declares hop-by-hop. */
function connectionTokens(headers: readonly HeaderPair[]): Set<string> {
  const value = firstHeader(headers, 'connection') ?? '';
  return new Set(value.split(',').map((t) => t.trim().toLowerCase()).filter((t) => t !== ''));
}

/** `for=` node of a `Forwarded` element; IPv6 addresses are bracketed and quoted (RFC 7239). */
function forwardedFor(ip: string): string {
  return ip.includes(':') ? `for="[${ip}]"` : `for=${ip}`;
}

/**
 * The headers sent to the backend (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-http.html): hop-by-hop headers, `Host` (the client sets the backend's)
 * and `Content-Length` (recomputed) are dropped; incoming `X-Forwarded-For/Host/Proto` are folded into a
 * standard `Forwarded` header, to which the gateway appends the client IP, the host the client used and
 * the protocol (format unconfirmed).
 */
export function upstreamRequestHeaders(routed: RoutedRequest): HeaderPair[] {
  const { request } = routed;
  const tokens = connectionTokens(request.headers);
  const headers: HeaderPair[] = [];
  const forwarded: string[] = [];
  for (const [name, value] of request.headers) {
    const lower = name.toLowerCase();
    if (isHopByHop(lower, tokens) || lower === 'host' || lower === 'content-length') continue;
    if (lower === 'forwarded') forwarded.push(value);
    else if (lower === 'x-forwarded-for') {
      forwarded.push(...value.split(',').map((ip) => ip.trim()).filter((ip) => ip !== '').map(forwardedFor));
    } else if (lower !== 'x-forwarded-host' && lower !== 'x-forwarded-proto') headers.push([name, value]);
  }
  forwarded.push(`${forwardedFor(request.sourceIp)};host=${routed.facts.domainName};proto=http`);
  headers.push(['forwarded', forwarded.join(', ')]);
  return headers;
}

/**
 * Runs an HTTP proxy integration (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-http.html): forwards method (`ANY` → the client's), URL, headers and body,
 * waits at most the integration timeout (→ 503, https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-http.html) and passes the backend's status, headers and
 * body through without its hop-by-hop and framing headers (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-http.html).
 */
export async function callHttpIntegration(
  routed: RoutedRequest,
  integration: HttpProxyIntegrationModel,
  deps: Pick<HttpHandlerDeps, 'forward' | 'backends'>,
): Promise<IntegrationOutcome> {
  const target = buildUpstreamUrl(routed, integration, findBackend(integration, deps.backends));
  if (!target.ok) return failWith(UPSTREAM_FAILURE_STATUS, target.error);
  const controller = new AbortController();
  const forwarding = deps.forward({
    method: integration.method === 'ANY' ? routed.request.method : integration.method,
    url: target.url,
    headers: upstreamRequestHeaders(routed),
    body: routed.request.body,
    signal: controller.signal,
  });
  const timed = await withTimeout(forwarding, integration.timeoutMs, () => controller.abort()).catch((error: unknown) => ({
    kind: 'forward-failed' as const,
    error,
  }));
  if (timed.kind === 'forward-failed') return failWith(UPSTREAM_FAILURE_STATUS, `HTTP client failed: ${String(timed.error)}`);
  if (timed.kind === 'timed-out') return failWith(INTEGRATION_TIMEOUT_STATUS, `integration timeout after ${integration.timeoutMs} ms (${target.url})`);
  const response = timed.value;
  if (response.kind === 'failed') return failWith(UPSTREAM_FAILURE_STATUS, `${target.url}: ${response.message}`);
  const tokens = connectionTokens(response.headers);
  const headers = response.headers.filter(([name]) => {
    const lower = name.toLowerCase();
    return !isHopByHop(lower, tokens) && !isFramingHeader(lower);
  });
  return { kind: 'reply', statusCode: response.statusCode, headers, body: response.body };
}
