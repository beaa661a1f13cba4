import { invokeFunction } from '../gateway/invoke-function.js';
import type { LambdaIntegrationModel } from '../model/index.js';
import { buildEventV1 } from './build-event-v1.js';
import { buildEventV2 } from './build-event-v2.js';
import { INTEGRATION_TIMEOUT_STATUS } from './gateway-error.js';
import { type IntegrationOutcome, failWith } from './integration-outcome.js';
import { mapResultV1 } from './map-result-v1.js';
import { mapResultV2 } from './map-result-v2.js';
import type { RoutedRequest } from './routed-request.js';
import type { HttpHandlerDeps } from './types.js';

/**
 * Runs a Lambda proxy integration (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html): builds the 1.0 or 2.0 event, invokes the function through the
 * shared `invokeFunction` and maps the result. Failures follow https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-troubleshooting-lambda.html: function error, crash, the
 * function's own timeout, throttling, a missing function and a malformed result → 500; the integration
 * timeout elapsing first → 503, the function keeps running.
 */
export async function callLambdaIntegration(
  routed: RoutedRequest,
  integration: LambdaIntegrationModel,
  deps: Pick<HttpHandlerDeps, 'invoker' | 'resolveFunction' | 'newLambdaRequestId'>,
): Promise<IntegrationOutcome> {
  const event = integration.payloadFormatVersion === '1.0' ? buildEventV1(routed) : buildEventV2(routed);
  const outcome = await invokeFunction(deps, integration, routed.stage, event);
  switch (outcome.kind) {
    case 'failed':
      return failWith(500, outcome.error);
    case 'timed-out':
      return failWith(INTEGRATION_TIMEOUT_STATUS, outcome.error);
    case 'returned': {
      const mapped = integration.payloadFormatVersion === '1.0' ? mapResultV1(outcome.payload) : mapResultV2(outcome.payload);
      if (mapped.kind === 'malformed') return failWith(500, `malformed Lambda result: ${mapped.reason}`);
      return { kind: 'reply', statusCode: mapped.statusCode, headers: mapped.headers, body: mapped.body };
    }
  }
}
