import { buildAuthorizerEventV1, buildAuthorizerEventV2 } from '../gateway/authorizer-event.js';
import { executeApiArn } from '../gateway/execute-api-arn.js';
import { requestFacts } from '../gateway/request-facts.js';
import { routeIntegration } from '../gateway/route-integration.js';
import { buildEventV1 } from './build-event-v1.js';
import { buildEventV2 } from './build-event-v2.js';
import { contextVariable } from './context-variables.js';
import { type AccessLogFacts, gatewayErrorMessage, renderAccessLog } from './access-log.js';
import type { ApiModel, IntegrationModel, StageModel } from '../model/index.js';
import { callAwsServiceIntegration } from './call-aws-service-integration.js';
import { callHttpIntegration } from './call-http-integration.js';
import { callLambdaIntegration } from './call-lambda-integration.js';
import { applyCorsHeaders, preflightHeaders } from './cors.js';
import { PAYLOAD_TOO_LARGE_REASON, gatewayError } from './gateway-error.js';
import { type IntegrationOutcome, failWith } from './integration-outcome.js';
import { applyRequestParameters, applyResponseParameters } from './parameter-mapping.js';
import { splitPath } from './request-path.js';
import { type RouteTable, compileRouteTable, matchRoute } from './route-table.js';
import { RouteThrottle, throttleLimits } from './route-throttle.js';
import type { RoutedRequest } from './routed-request.js';
import { selectStage } from './select-stage.js';
import type {
  GatewayHttpResponse,
  HeaderPair,
  HttpHandlerDeps,
  HttpReply,
  ReceivedRequest,
  IntegrationLogKind,
  RequestLog,
} from './types.js';

/** What is computed once per API and reused for every request. */
export interface CompiledHttpApi {
  readonly routes: RouteTable;
}

const compiledApis = new WeakMap<ApiModel, CompiledHttpApi>();
/** Token buckets per API model: a reload starts them full again. */
const throttles = new WeakMap<ApiModel, RouteThrottle>();

function throttleOf(api: ApiModel, now: () => number): RouteThrottle {
  let throttle = throttles.get(api);
  if (!throttle) {
    throttle = new RouteThrottle(now);
    throttles.set(api, throttle);
  }
  return throttle;
}

/** Compiles an API's route table once; later calls with the same model object reuse it. */
export function compileHttpApi(api: ApiModel): CompiledHttpApi {
  let compiled = compiledApis.get(api);
  if (!compiled) {
    compiled = { routes: compileRouteTable(api.routes) };
    compiledApis.set(api, compiled);
  }
  return compiled;
}

/**
 * Status of a route whose `Target` is missing or names no HTTP integration, and of `MOCK` integrations
 * (which HTTP APIs do not have). Unconfirmed what AWS answers; one constant.
 */
export const MISSING_INTEGRATION_STATUS = 500;

type LogFields = Pick<RequestLog, 'stage' | 'routeKey' | 'integration' | 'error' | 'authorizer'>;

/**
 * Handles one HTTP API request: payload limit → stage → CORS preflight → route → throttling → authorization → request
 * parameter mapping → integration → response parameter mapping → CORS headers → `apigw-requestid`
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-routes.html,
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-stages.html,
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-cors.html,
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-parameter-mapping.html).
 *
 * Local decisions (see the package README, "Differences from AWS"):
 * - `DisableExecuteApiEndpoint` is not enforced: the local endpoint stands in for whichever endpoint
 *   (execute-api or custom domain) the client would use, so the API stays testable
 *   (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-disable-default-endpoint.html).
 * - Authorization is whatever `deps.authorizeRoute` decides (`src/authorizers` enforces JWT, Lambda and IAM
 *   authorizers); CORS preflights are answered before it and never reach an authorizer.
 * - Throttling applies once the route is known (its limits depend on it) and before its authorizer; CORS
 *   preflights and unrouted requests are not throttled
 *   (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-throttling.html).
 * - Parameter mapping applies to Lambda integrations too (headers and query string of the event);
 *   `overwrite:path` only changes what an HTTP backend receives.
 */
export async function handleHttpRequest(
  api: ApiModel,
  request: ReceivedRequest,
  deps: HttpHandlerDeps,
): Promise<GatewayHttpResponse> {
  const requestId = deps.newRequestId();
  // What the access log needs besides the response: set as the request goes through.
  let served: { stage: StageModel; routed?: Pick<RoutedRequest, 'request' | 'facts'>; integration?: AccessLogFacts['integration'] } | undefined;
  const finish = (reply: HttpReply, fields: LogFields, cors = true): GatewayHttpResponse => {
    const headers = cors && api.cors && fields.integration !== 'cors-preflight'
      ? applyCorsHeaders(api.cors, request.headers, reply.headers)
      : [...reply.headers];
    // A HEAD answer carries no body on the wire, whatever the integration returned
    // (https://www.rfc-editor.org/rfc/rfc9110#name-head).
    const body = request.method === 'HEAD' ? Buffer.alloc(0) : reply.body;
    const durationMs = Math.max(0, deps.now() - request.receivedAtMs);
    const log: RequestLog = { requestId, method: request.method, path: request.path, ...fields, status: reply.statusCode, durationMs };
    const format = served?.stage.accessLog?.format;
    if (format === undefined || served === undefined) return { statusCode: reply.statusCode, headers, body, log };
    const facts: AccessLogFacts = {
      status: reply.statusCode,
      responseLength: body.length,
      responseLatencyMs: durationMs,
      ...(served.integration ? { integration: served.integration } : {}),
      ...(fields.error === undefined ? {} : { errorMessage: gatewayErrorMessage(reply.statusCode) }),
    };
    const routed = served.routed ?? unroutedRequest(api, request, served.stage, requestId, deps);
    const accessLog = { stage: served.stage.ref.logicalId, line: renderAccessLog(format, facts, (name) => contextVariable(routed, name)) };
    return { statusCode: reply.statusCode, headers, body, log, accessLog };
  };

  if (request.bodyTooLarge) {
    // The server stopped reading the body at the limit: answered before anything else, CORS included.
    return finish(gatewayError(413, requestId), { error: PAYLOAD_TOO_LARGE_REASON }, false);
  }
  const selection = selectStage(api.stages, request.path);
  if (!selection) return finish(gatewayError(404, requestId), { error: 'no stage serves this path' });
  const stage = selection.stage.name;
  // No stage, no access log (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-logging.html).
  served = { stage: selection.stage };

  if (api.cors) {
    const preflight = preflightHeaders(api.cors, request.method, request.headers);
    if (preflight) {
      const reply = { statusCode: 204, headers: [...preflight, ['apigw-requestid', requestId] as const], body: Buffer.alloc(0) };
      return finish(reply, { stage, integration: 'cors-preflight' });
    }
  }

  const match = matchRoute(compileHttpApi(api).routes, request.method, splitPath(selection.routingPath));
  if (!match) return finish(gatewayError(404, requestId), { stage, error: 'no route matches' });
  const routeKey = match.route.routeKey;
  const facts = requestFacts({ apiId: api.apiId, accountId: deps.environment.accountId, requestId, stage, routeKey, request });
  served = { stage: selection.stage, routed: { request, facts } };
  const limits = throttleLimits(selection.stage, routeKey);
  if (limits && !throttleOf(api, deps.now).take(stage, routeKey, limits)) {
    return finish(gatewayError(429, requestId), { stage, routeKey, error: 'throttled (stage or route throttling limits)' });
  }

  // What the route's authorizer sees: the request as received, before any parameter mapping.
  const unauthorized: RoutedRequest = { api, request, stage: selection.stage, match, routingPath: selection.routingPath, facts };
  // The ARN names the path without the stage prefix; the `$default` route is named by its route key.
  const resourceArn = executeApiArn(
    deps.environment,
    api.apiId,
    stage,
    routeKey === '$default' ? { kind: 'route-key', routeKey } : { kind: 'request', method: request.method, path: selection.routingPath },
  );
  const access = await deps.authorizeRoute({
    api,
    route: match.route,
    stage: selection.stage,
    facts,
    request,
    resourceArn,
    contextVariable: (name) => contextVariable(unauthorized, name),
    authorizerEvent: (version, identityValues) =>
      version === '2.0'
        ? buildAuthorizerEventV2(buildEventV2(unauthorized), resourceArn, identityValues)
        : buildAuthorizerEventV1(buildEventV1(unauthorized), resourceArn, identityValues),
  });
  if (access.kind === 'denied') {
    const denied = gatewayError(access.status, requestId, access.message);
    return finish({ ...denied, headers: [...(access.headers ?? []), ...denied.headers] }, { stage, routeKey, error: access.reason });
  }
  const authorized = access.decidedBy === undefined ? {} : { authorizer: access.decidedBy };

  const integration = routeIntegration(api, match.route);
  const received: RoutedRequest = access.authorizer === undefined ? unauthorized : { ...unauthorized, facts: { ...facts, authorizer: access.authorizer } };
  // An AWS service integration's RequestParameters are its action's parameters, not request changes.
  const routed = integration && integration.kind !== 'aws-service' ? withRequestMapping(received, integration) : received;
  const calledAtMs = deps.now();
  const called = await callIntegration(routed, integration, deps);
  if (integration) {
    const latencyMs = Math.max(0, deps.now() - calledAtMs);
    served = {
      stage: selection.stage,
      routed: received,
      integration: called.kind === 'reply'
        ? { latencyMs, status: called.statusCode, integrationStatus: integration.kind === 'lambda' ? 200 : called.statusCode }
        : { latencyMs, error: called.error },
    };
  }
  const outcome = integration && called.kind === 'reply' ? withResponseMapping(called, integration, received) : called;
  const integrationKind: IntegrationLogKind | undefined =
    integration?.kind === 'lambda' || integration?.kind === 'http-proxy' ? integration.kind : undefined;
  if (outcome.kind === 'gateway-error') {
    return finish(gatewayError(outcome.status, requestId), { stage, routeKey, integration: integrationKind, error: outcome.error, ...authorized });
  }
  // `apigw-*` headers are the gateway's own (reserved headers,
  // https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-parameter-mapping.html): an integration cannot set them.
  const headers: HeaderPair[] = outcome.headers.filter(([name]) => !name.toLowerCase().startsWith('apigw-'));
  headers.push(['apigw-requestid', requestId]);
  return finish({ statusCode: outcome.statusCode, headers, body: outcome.body }, { stage, routeKey, integration: integrationKind, ...authorized });
}

/** The request as routed when no route matched, for the access log: `$context.routeKey` is `-`. */
function unroutedRequest(
  api: ApiModel,
  request: ReceivedRequest,
  stage: StageModel,
  requestId: string,
  deps: HttpHandlerDeps,
): Pick<RoutedRequest, 'request' | 'facts'> {
  return { request, facts: requestFacts({ apiId: api.apiId, accountId: deps.environment.accountId, requestId, stage: stage.name, routeKey: '-', request }) };
}

/** Applies the integration's `RequestParameters` to what it will receive, after authorization. */
function withRequestMapping(routed: RoutedRequest, integration: IntegrationModel): RoutedRequest {
  if (Object.keys(integration.requestParameters).length === 0) return routed;
  const mapped = applyRequestParameters(integration.requestParameters, routed);
  return {
    ...routed,
    request: { ...routed.request, headers: mapped.headers, rawQueryString: mapped.rawQueryString },
    ...(mapped.pathOverride === undefined ? {} : { pathOverride: mapped.pathOverride }),
  };
}

/** Applies the integration's `ResponseParameters` for the status it answered with. */
function withResponseMapping(
  reply: Extract<IntegrationOutcome, { kind: 'reply' }>,
  integration: IntegrationModel,
  received: RoutedRequest,
): IntegrationOutcome {
  if (Object.keys(integration.responseParameters).length === 0) return reply;
  return { kind: 'reply', ...applyResponseParameters(integration.responseParameters, reply, received) };
}

function callIntegration(
  routed: RoutedRequest,
  integration: IntegrationModel | undefined,
  deps: HttpHandlerDeps,
): Promise<IntegrationOutcome> {
  switch (integration?.kind) {
    case 'lambda':
      return callLambdaIntegration(routed, integration, deps);
    case 'http-proxy':
      return callHttpIntegration(routed, integration, deps);
    case 'aws-service':
      return callAwsServiceIntegration(routed, integration, deps);
    case 'mock':
      return Promise.resolve(failWith(MISSING_INTEGRATION_STATUS, `MOCK integration ${integration.ref.logicalId} is not supported on HTTP APIs`));
    case undefined:
      return Promise.resolve(failWith(MISSING_INTEGRATION_STATUS, `route ${routed.match.route.routeKey} has no integration`));
  }
}
