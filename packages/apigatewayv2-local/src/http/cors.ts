import type { CorsModel } from '../model/index.js';
import { firstHeader } from '../gateway/headers.js';
import type { HeaderList, HeaderPair } from './types.js';

/**
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-cors.html origin matching: `*` allows any origin, `https://*` / `http://*` any origin of that scheme,
 * anything else must equal the origin exactly (case-sensitive, unconfirmed).
 */
export function isOriginAllowed(cors: CorsModel, origin: string): boolean {
  return cors.allowOrigins.some((allowed) => {
    if (allowed === '*') return true;
    if (allowed === 'https://*' || allowed === 'http://*') return origin.startsWith(allowed.slice(0, -1));
    return allowed === origin;
  });
}

/** `*` when configured (unconfirmed), otherwise the request's origin echoed back (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-cors.html). */
function allowOriginValue(cors: CorsModel, origin: string): string {
  return cors.allowOrigins.includes('*') ? '*' : origin;
}

function originHeaders(cors: CorsModel, origin: string): HeaderPair[] {
  const value = allowOriginValue(cors, origin);
  const headers: HeaderPair[] = [['access-control-allow-origin', value]];
  if (cors.allowCredentials) headers.push(['access-control-allow-credentials', 'true']);
  if (value !== '*') headers.push(['vary', 'Origin']);
  return headers;
}

function listIncludes(list: readonly string[], value: string): boolean {
  const wanted = value.toLowerCase();
  return list.some((item) => item === '*' || item.toLowerCase() === wanted);
}

/**
 * Answers a CORS preflight when the API's configuration covers it (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-cors.html): `OPTIONS` with `Origin`
 * and `Access-Control-Request-Method`, an allowed origin, an allowed method and every requested header
 * allowed. Returns the preflight headers for a 204, or undefined when the request must be routed normally.
 */
export function preflightHeaders(cors: CorsModel, method: string, headers: HeaderList): HeaderPair[] | undefined {
  if (method !== 'OPTIONS') return undefined;
  const origin = firstHeader(headers, 'origin');
  const requestedMethod = firstHeader(headers, 'access-control-request-method');
  if (origin === undefined || requestedMethod === undefined) return undefined;
  if (!isOriginAllowed(cors, origin) || !listIncludes(cors.allowMethods, requestedMethod.trim())) return undefined;
  const requestedHeaders = (firstHeader(headers, 'access-control-request-headers') ?? '')
    .split(',')
    .map((h) => h.trim())
    .filter((h) => h !== '');
  if (!requestedHeaders.every((h) => listIncludes(cors.allowHeaders, h))) return undefined;

  const result = originHeaders(cors, origin);
  const methods = cors.allowMethods.includes('*') ? requestedMethod.trim() : cors.allowMethods.join(',');
  result.push(['access-control-allow-methods', methods]);
  const allowHeaders = cors.allowHeaders.includes('*') ? requestedHeaders.join(',') : cors.allowHeaders.join(',');
  if (allowHeaders !== '') result.push(['access-control-allow-headers', allowHeaders]);
  if (cors.maxAgeSeconds !== undefined) result.push(['access-control-max-age', String(cors.maxAgeSeconds)]);
  return result;
}

/**
 * Response headers for an actual (non-preflight) request under a CORS configuration (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-cors.html): the
 * integration's own `access-control-*` headers are dropped, and when the request carried an allowed
 * `Origin`, the configured allow-origin, allow-credentials and expose-headers are added.
 */
export function applyCorsHeaders(cors: CorsModel, requestHeaders: HeaderList, responseHeaders: readonly HeaderPair[]): HeaderPair[] {
  const result = responseHeaders.filter(([name]) => !name.toLowerCase().startsWith('access-control-'));
  const origin = firstHeader(requestHeaders, 'origin');
  if (origin === undefined || !isOriginAllowed(cors, origin)) return result;
  result.push(...originHeaders(cors, origin));
  if (cors.exposeHeaders.length > 0) result.push(['access-control-expose-headers', cors.exposeHeaders.join(',')]);
  return result;
}
