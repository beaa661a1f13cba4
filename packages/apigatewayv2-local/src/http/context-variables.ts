import { factContextVariable } from '../gateway/request-facts.js';
import type { RoutedRequest } from './routed-request.js';

/**
 * The `$context` variables available before the integration runs (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-logging-variables.html), for parameter mapping: the
 * request facts every protocol shares, plus the HTTP ones. Integration and response variables do not
 * exist yet at that point and give undefined.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-logging-variables.html
 */
export function contextVariable(routed: Pick<RoutedRequest, 'request' | 'facts'>, name: string): string | undefined {
  switch (name) {
    case 'httpMethod':
      return routed.request.method;
    case 'path':
      // `$context.path` keeps the stage prefix (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-stages.html).
      return routed.request.path;
    case 'protocol':
      return 'HTTP/1.1';
    default:
      return factContextVariable(routed.facts, name);
  }
}
