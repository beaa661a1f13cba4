import type { LambdaIntegrationModel, StageModel } from '../model/index.js';
import type { GatewayServices } from './gateway-services.js';
import { substituteStageVariables } from './stage-variables.js';
import { withTimeout } from './with-timeout.js';

/**
 * How a Lambda proxy integration's call ended, classified the way every protocol answers it:
 * - `returned`: the handler returned; the protocol reads `payload` (HTTP maps it to a response, WebSocket
 *   `$connect` reads its status code, two-way routes send it back);
 * - `failed`: the function could not give a result (function error, crash, its own timeout, throttling,
 *   no local function, an undefined stage variable in its ARN): HTTP answers 500, WebSocket sends
 *   `Internal server error`;
 * - `timed-out`: the integration timeout elapsed first; the function keeps running: HTTP answers 503,
 *   WebSocket sends `Endpoint request timed out`.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-troubleshooting-lambda.html
 */
export type FunctionOutcome =
  | { readonly kind: 'returned'; readonly payload: string }
  | {
      readonly kind: 'failed';
      readonly error: string;
      /** Set when the handler threw: its error type and message (Lambda authorizers read the message). */
      readonly functionError?: { readonly errorType: string; readonly errorMessage: string };
    }
  | { readonly kind: 'timed-out'; readonly error: string };

/**
 * Invokes the function of a Lambda proxy integration with `event`: resolves the ARN (stage variables of the
 * serving stage first), runs it under the integration's timeout and classifies the outcome.
 */
export async function invokeFunction(
  services: Pick<GatewayServices, 'invoker' | 'resolveFunction' | 'newLambdaRequestId'>,
  integration: Pick<LambdaIntegrationModel, 'functionArn' | 'timeoutMs' | 'invokeDenied'>,
  stage: Pick<StageModel, 'name' | 'stageVariables'>,
  event: unknown,
): Promise<FunctionOutcome> {
  // Lambda refuses a call its resource policy does not allow; API Gateway answers as for any failure.
  const denied = integration.invokeDenied?.[stage.name];
  if (denied !== undefined) return { kind: 'failed', error: denied };
  const arn = substituteStageVariables(integration.functionArn, stage.stageVariables);
  if (!arn.ok) return { kind: 'failed', error: `stage variable ${arn.missing} is not defined on stage ${stage.name}` };
  const fn = services.resolveFunction(arn.value);
  if (!fn) return { kind: 'failed', error: `no local function for ${arn.value}` };
  const invocation = services.invoker.invoke(fn, { event, requestId: services.newLambdaRequestId() });
  let timed;
  try {
    timed = await withTimeout(invocation, integration.timeoutMs);
  } catch (error) {
    return { kind: 'failed', error: `invoker failed: ${String(error)}` };
  }
  if (timed.kind === 'timed-out') return { kind: 'timed-out', error: `integration timeout after ${integration.timeoutMs} ms` };
  const result = timed.value;
  switch (result.kind) {
    case 'success':
      return { kind: 'returned', payload: result.payload };
    case 'function-error':
      return {
        kind: 'failed',
        error: `function error: ${result.errorType}: ${result.errorMessage}`,
        functionError: { errorType: result.errorType, errorMessage: result.errorMessage },
      };
    case 'runtime-error':
      return { kind: 'failed', error: `runtime error: ${result.errorType}: ${result.errorMessage}` };
    case 'timeout':
      return { kind: 'failed', error: `function timed out after ${result.timeoutMs} ms` };
    case 'throttled':
      return { kind: 'failed', error: 'function throttled' };
  }
}
