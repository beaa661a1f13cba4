import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { formatClfTime } from './clf-time.js';
import { domainPrefixOf, gatewayRequestHeaders } from './gateway-request-headers.js';
import { firstHeader } from './http-headers.js';
import { groupQueryParameters, parseQueryString } from './query-string.js';
import { encodeEventBody } from './request-body.js';
import type { RoutedRequest } from './routed-request.js';

/**
 * The payload format 2.0 event (spec 2.2). Empty collections are omitted rather than null; `cookie`
 * headers become `cookies` and leave `headers`; repeated headers and query parameters are joined with
 * `,`; `rawPath` keeps the stage prefix (spec 1.3) while `routeKey`/`pathParameters` use the stripped path.
 * `requestContext.authorizer` is absent: authorizers are not enforced yet (no fake identity is invented).
 */
export function buildEventV2(routed: RoutedRequest): APIGatewayProxyEventV2 {
  const { request, match, stage, api } = routed;
  const headers: Record<string, string> = {};
  const cookies: string[] = [];
  for (const [name, value] of gatewayRequestHeaders(routed)) {
    if (name === 'cookie') {
      cookies.push(...splitCookies(value));
      continue;
    }
    headers[name] = name in headers ? `${headers[name]},${value}` : value;
  }
  const query: Record<string, string> = {};
  for (const [name, values] of groupQueryParameters(parseQueryString(request.rawQueryString))) {
    query[name] = values.join(',');
  }
  const userAgent = firstHeader(request.headers, 'user-agent') ?? '';
  const routeKey = match.route.routeKey;
  return {
    version: '2.0',
    routeKey,
    rawPath: request.path,
    rawQueryString: request.rawQueryString,
    ...(cookies.length > 0 ? { cookies } : {}),
    headers,
    ...(Object.keys(query).length > 0 ? { queryStringParameters: query } : {}),
    requestContext: {
      accountId: routed.accountId,
      apiId: api.apiId,
      domainName: routed.domainName,
      domainPrefix: domainPrefixOf(routed.domainName, api.apiId),
      http: {
        method: request.method,
        path: request.path,
        // API Gateway talks HTTP/1.1 to integrations whatever the client used ($context.protocol).
        protocol: 'HTTP/1.1',
        sourceIp: request.sourceIp,
        userAgent,
      },
      requestId: routed.requestId,
      routeKey,
      stage: stage.name,
      time: formatClfTime(request.receivedAtMs),
      timeEpoch: request.receivedAtMs,
    },
    ...(Object.keys(match.pathParameters).length > 0 ? { pathParameters: { ...match.pathParameters } } : {}),
    ...(Object.keys(stage.stageVariables).length > 0 ? { stageVariables: { ...stage.stageVariables } } : {}),
    ...encodeEventBody(request.body, firstHeader(request.headers, 'content-type')),
  };
}

/** `a=1; b=2` → `['a=1', 'b=2']` (spec 2.2: every cookie of every `Cookie` header, trimmed). */
export function splitCookies(header: string): string[] {
  return header
    .split(';')
    .map((c) => c.trim())
    .filter((c) => c !== '');
}
