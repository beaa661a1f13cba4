import { withTimeout } from '../gateway/with-timeout.js';
import type { AwsServiceIntegrationModel } from '../model/index.js';
import { buildAwsServiceCall } from './aws-service-actions.js';
import { UPSTREAM_FAILURE_STATUS } from './call-http-integration.js';
import { INTEGRATION_TIMEOUT_STATUS } from './gateway-error.js';
import { type IntegrationOutcome, failWith } from './integration-outcome.js';
import { mappingSourcesOf } from './parameter-mapping.js';
import { evaluateMappingValue } from './mapping-value.js';
import type { RoutedRequest } from './routed-request.js';
import type { HttpHandlerDeps } from './types.js';

/**
 * Runs an AWS service integration (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-aws-services.html):
 * the subtype's parameters come from `RequestParameters` evaluated against the request
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-aws-services-reference.html),
 * the action is called, and its output is answered 200 as JSON. A service error is answered with the
 * service's status and `{"message":…}`; a service that cannot be reached (no `--service-endpoint`) as any
 * unreachable target (`UPSTREAM_FAILURE_STATUS`); a parameter mapping that gives no usable input 500; the
 * integration timeout `INTEGRATION_TIMEOUT_STATUS`.
 */
export async function callAwsServiceIntegration(
  routed: RoutedRequest,
  integration: AwsServiceIntegrationModel,
  deps: Pick<HttpHandlerDeps, 'callAwsService'>,
): Promise<IntegrationOutcome> {
  const sources = mappingSourcesOf(routed);
  const built = buildAwsServiceCall(integration.subtype, integration.requestParameters, (expression) => evaluateMappingValue(expression, sources));
  if (!built.ok) return failWith(500, built.error);
  const controller = new AbortController();
  const timed = await withTimeout(deps.callAwsService(built.call, controller.signal), integration.timeoutMs, () => controller.abort()).catch(
    (error: unknown) => ({ kind: 'done' as const, value: { kind: 'unreachable' as const, message: String(error) } }),
  );
  if (timed.kind === 'timed-out') return failWith(INTEGRATION_TIMEOUT_STATUS, `integration timeout after ${integration.timeoutMs} ms (${integration.subtype})`);
  const answer = timed.value;
  switch (answer.kind) {
    case 'output':
      return { kind: 'reply', statusCode: 200, headers: [['content-type', 'application/json']], body: Buffer.from(JSON.stringify(answer.output), 'utf8') };
    case 'service-error':
      return {
        kind: 'reply',
        statusCode: answer.statusCode,
        headers: [['content-type', 'application/json']],
        body: Buffer.from(JSON.stringify({ message: answer.message, type: answer.errorType }), 'utf8'),
      };
    case 'unreachable':
      return failWith(UPSTREAM_FAILURE_STATUS, `${integration.subtype}: ${answer.message}`);
  }
}
