import type { LambdaIntegrationModel } from '../model/index.js';
import type { InvokeResult } from '../lambda/invoker.js';
import { buildEventV1 } from './build-event-v1.js';
import { buildEventV2 } from './build-event-v2.js';
import { type IntegrationOutcome, failWith } from './integration-outcome.js';
import { mapResultV1 } from './map-result-v1.js';
import { mapResultV2 } from './map-result-v2.js';
import type { RoutedRequest } from './routed-request.js';
import { substituteStageVariables } from './stage-variables.js';
import type { HttpHandlerDeps } from './types.js';
import { withTimeout } from './with-timeout.js';

/**
 * Runs a Lambda proxy integration (spec 2): resolves the function (stage variables in the ARN, 2.1),
 * builds the 1.0 or 2.0 event, invokes it under the integration timeout and maps the result. Failures
 * follow spec 2.8: function error, crash, the function's own timeout, throttling, a missing function and a
 * malformed result → 500; the integration timeout elapsing first → 503, the function keeps running.
 */
export async function callLambdaIntegration(
  routed: RoutedRequest,
  integration: LambdaIntegrationModel,
  deps: Pick<HttpHandlerDeps, 'invoker' | 'resolveFunction' | 'newLambdaRequestId'>,
): Promise<IntegrationOutcome> {
  const arn = substituteStageVariables(integration.functionArn, routed.stage.stageVariables);
  if (!arn.ok) return failWith(500, `stage variable ${arn.missing} is not defined on stage ${routed.stage.name}`);
  const fn = deps.resolveFunction(arn.value);
  if (!fn) return failWith(500, `no local function for ${arn.value}`);

  const event = integration.payloadFormatVersion === '1.0' ? buildEventV1(routed) : buildEventV2(routed);
  const invocation = deps.invoker.invoke(fn, { event, requestId: deps.newLambdaRequestId() });
  let timed;
  try {
    timed = await withTimeout(invocation, integration.timeoutMs);
  } catch (error) {
    return failWith(500, `invoker failed: ${String(error)}`);
  }
  if (timed.kind === 'timed-out') return failWith(503, `integration timeout after ${integration.timeoutMs} ms`);
  return mapInvokeResult(timed.value, integration.payloadFormatVersion);
}

function mapInvokeResult(result: InvokeResult, version: '1.0' | '2.0'): IntegrationOutcome {
  switch (result.kind) {
    case 'success': {
      const mapped = version === '1.0' ? mapResultV1(result.payload) : mapResultV2(result.payload);
      if (mapped.kind === 'malformed') return failWith(500, `malformed Lambda result: ${mapped.reason}`);
      return { kind: 'reply', statusCode: mapped.statusCode, headers: mapped.headers, body: mapped.body };
    }
    case 'function-error':
      return failWith(500, `function error: ${result.errorType}: ${result.errorMessage}`);
    case 'runtime-error':
      return failWith(500, `runtime error: ${result.errorType}: ${result.errorMessage}`);
    case 'timeout':
      return failWith(500, `function timed out after ${result.timeoutMs} ms`);
    case 'throttled':
      return failWith(500, 'function throttled');
  }
}
