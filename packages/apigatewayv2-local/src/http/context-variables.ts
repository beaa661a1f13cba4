import { formatClfTime } from './clf-time.js';
import { domainPrefixOf } from './gateway-request-headers.js';
import { firstHeader } from './http-headers.js';
import type { RoutedRequest } from './routed-request.js';

/**
 * The `$context` variables available before the integration runs (spec 9.3), for parameter mapping.
 * Authorizer, integration and response variables do not exist yet at that point and give undefined.
 */
export function contextVariable(routed: RoutedRequest, name: string): string | undefined {
  const { request, api } = routed;
  switch (name) {
    case 'accountId':
      return routed.accountId;
    case 'apiId':
      return api.apiId;
    case 'domainName':
      return routed.domainName;
    case 'domainPrefix':
      return domainPrefixOf(routed.domainName, api.apiId);
    case 'requestId':
    case 'extendedRequestId':
      return routed.requestId;
    case 'httpMethod':
      return request.method;
    case 'path':
      // `$context.path` keeps the stage prefix (spec 1.3).
      return request.path;
    case 'protocol':
      return 'HTTP/1.1';
    case 'requestTime':
      return formatClfTime(request.receivedAtMs);
    case 'requestTimeEpoch':
      return String(request.receivedAtMs);
    case 'routeKey':
      return routed.match.route.routeKey;
    case 'stage':
      return routed.stage.name;
    case 'identity.sourceIp':
      return request.sourceIp;
    case 'identity.userAgent':
      return firstHeader(request.headers, 'user-agent');
    default:
      return undefined;
  }
}
