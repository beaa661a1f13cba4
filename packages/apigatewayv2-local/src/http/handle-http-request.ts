import { requestFacts } from '../gateway/request-facts.js';
import type { ApiModel, IntegrationModel } from '../model/index.js';
import { callHttpIntegration } from './call-http-integration.js';
import { callLambdaIntegration } from './call-lambda-integration.js';
import { applyCorsHeaders, preflightHeaders } from './cors.js';
import { MAX_PAYLOAD_BYTES, gatewayError } from './gateway-error.js';
import { type IntegrationOutcome, failWith } from './integration-outcome.js';
import { applyRequestParameters, applyResponseParameters } from './parameter-mapping.js';
import { splitPath } from './request-path.js';
import { type RouteTable, compileRouteTable, matchRoute } from './route-table.js';
import type { RoutedRequest } from './routed-request.js';
import { selectStage } from './select-stage.js';
import type {
  GatewayHttpResponse,
  HeaderPair,
  HttpHandlerDeps,
  HttpReply,
  IncomingHttpRequest,
  IntegrationLogKind,
  RequestLog,
} from './types.js';

/** What is computed once per API and reused for every request. */
export interface CompiledHttpApi {
  readonly routes: RouteTable;
}

const compiledApis = new WeakMap<ApiModel, CompiledHttpApi>();

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

type LogFields = Pick<RequestLog, 'stage' | 'routeKey' | 'integration' | 'error'>;

/**
 * Handles one HTTP API request, following the processing order of spec 1.2:
 * payload limit (7.1) → stage (1.3) → CORS preflight (4) → route (1.4) → request mapping (3.4) →
 * integration (2, 3) → response mapping (3.4) →
 * CORS headers (4) → `apigw-requestid` (9.1).
 *
 * Local decisions (see the package README, "Differences from AWS"):
 * - `DisableExecuteApiEndpoint` (1.9) is not enforced: the local endpoint stands in for whichever
 *   endpoint (execute-api or custom domain) the client would use, so the API stays testable.
 * - Authorization (step 7) is whatever `deps.authorizeRoute` decides; while authorizers are not enforced
 *   routes are served without authorization and the start-up report says so.
 * - Throttling (6.3) is not applied.
 * - Parameter mapping (3.4) applies to Lambda integrations too (headers and query string of the event);
 *   `overwrite:path` only changes what an HTTP backend receives.
 */
export async function handleHttpRequest(
  api: ApiModel,
  request: IncomingHttpRequest,
  deps: HttpHandlerDeps,
): Promise<GatewayHttpResponse> {
  const requestId = deps.newRequestId();
  const finish = (reply: HttpReply, fields: LogFields): GatewayHttpResponse => {
    const headers = api.cors && fields.integration !== 'cors-preflight'
      ? applyCorsHeaders(api.cors, request.headers, reply.headers)
      : [...reply.headers];
    return {
      statusCode: reply.statusCode,
      headers,
      // Spec 1.7: a HEAD answer carries no body on the wire, whatever the integration returned.
      body: request.method === 'HEAD' ? Buffer.alloc(0) : reply.body,
      log: {
        requestId,
        method: request.method,
        path: request.path,
        ...fields,
        status: reply.statusCode,
        durationMs: Math.max(0, deps.now() - request.receivedAtMs),
      },
    };
  };

  if (request.body.length > MAX_PAYLOAD_BYTES) {
    return finish(gatewayError(413, requestId), { error: `request body of ${request.body.length} bytes exceeds ${MAX_PAYLOAD_BYTES}` });
  }
  const selection = selectStage(api.stages, request.path);
  if (!selection) return finish(gatewayError(404, requestId), { error: 'no stage serves this path' });
  const stage = selection.stage.name;

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

  const facts = requestFacts({
    apiId: api.apiId,
    accountId: deps.environment.accountId,
    requestId,
    requestTimeEpoch: request.receivedAtMs,
    headers: request.headers,
    sourceIp: request.sourceIp,
    stage,
    routeKey,
  });
  const access = await deps.authorizeRoute({
    api,
    route: match.route,
    stage: selection.stage,
    facts,
    headers: request.headers,
    rawQueryString: request.rawQueryString,
    target: { protocol: 'HTTP', method: request.method, path: request.path, pathParameters: match.pathParameters },
  });
  if (access.kind === 'denied') {
    const denied = gatewayError(access.status, requestId);
    return finish({ ...denied, headers: [...(access.headers ?? []), ...denied.headers] }, { stage, routeKey, error: access.reason });
  }

  const integration = match.route.integrationId === undefined ? undefined : api.integrations.get(match.route.integrationId);
  const received: RoutedRequest = {
    api,
    request,
    stage: selection.stage,
    match,
    routingPath: selection.routingPath,
    facts: access.authorizer === undefined ? facts : { ...facts, authorizer: access.authorizer },
  };
  const routed = integration ? withRequestMapping(received, integration) : received;
  const called = await callIntegration(routed, integration, deps);
  const outcome = integration && called.kind === 'reply' ? withResponseMapping(called, integration, received) : called;
  const integrationKind: IntegrationLogKind | undefined =
    integration?.kind === 'lambda' || integration?.kind === 'http-proxy' ? integration.kind : undefined;
  if (outcome.kind === 'gateway-error') {
    return finish(gatewayError(outcome.status, requestId), { stage, routeKey, integration: integrationKind, error: outcome.error });
  }
  // `apigw-*` headers are the gateway's own (spec 3.1 reserved headers): an integration cannot set them.
  const headers: HeaderPair[] = outcome.headers.filter(([name]) => !name.toLowerCase().startsWith('apigw-'));
  headers.push(['apigw-requestid', requestId]);
  return finish({ statusCode: outcome.statusCode, headers, body: outcome.body }, { stage, routeKey, integration: integrationKind });
}

/** Applies the integration's `RequestParameters` to what it will receive (spec 3.4, step 8 of 1.2). */
function withRequestMapping(routed: RoutedRequest, integration: IntegrationModel): RoutedRequest {
  if (Object.keys(integration.requestParameters).length === 0) return routed;
  const mapped = applyRequestParameters(integration.requestParameters, routed);
  return {
    ...routed,
    request: { ...routed.request, headers: mapped.headers, rawQueryString: mapped.rawQueryString },
    ...(mapped.pathOverride === undefined ? {} : { pathOverride: mapped.pathOverride }),
  };
}

/** Applies the integration's `ResponseParameters` for the status it answered with (spec 3.4). */
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
    case 'mock':
      return Promise.resolve(failWith(MISSING_INTEGRATION_STATUS, `MOCK integration ${integration.ref.logicalId} is not supported on HTTP APIs`));
    case undefined:
      return Promise.resolve(failWith(MISSING_INTEGRATION_STATUS, `route ${routed.match.route.routeKey} has no integration`));
  }
}
