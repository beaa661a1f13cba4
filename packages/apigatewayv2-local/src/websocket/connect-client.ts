import type { HeaderList } from '../gateway/headers.js';
import { buildAuthorizerEventV1 } from '../gateway/authorizer-event.js';
import { executeApiArn } from '../gateway/execute-api-arn.js';
import { invokeFunction } from '../gateway/invoke-function.js';
import type { ReceivedRequest } from '../gateway/received-request.js';
import { domainNameOf, factContextVariable, type RequestFacts } from '../gateway/request-facts.js';
import { firstHeader } from '../gateway/headers.js';
import { routeIntegration } from '../gateway/route-integration.js';
import { GATEWAY_ERROR_MESSAGES } from '../http/gateway-error.js';
import { buildConnectEvent, connectionFacts } from './build-websocket-event.js';
import { checkApiKey } from './api-key-check.js';
import { callHttpBackend } from './call-http-backend.js';
import { mockStatus, renderRequestTemplate } from './integration-responses.js';
import type { TemplateInput } from './mapping-template.js';
import { readConnectResult } from './lambda-reply.js';
import type { ConnectionContext, WebSocketDeps, WebSocketLogRecord } from './types.js';
import {
  CONNECT_ROUTE_KEY,
  type CompiledWebSocketApi,
  selectWebSocketStage,
} from './websocket-api.js';

/**
 * A client's `$connect`, before the handshake completes: stage, API key, authorizer and the `$connect` integration
 * decide whether the upgrade is accepted (https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-websocket-api-route-keys-connect-disconnect.html).
 */
/**
 * Handshake status when the `$connect` function fails (error, crash, its own timeout). Reported as 502;
 * unconfirmed.
 */
export const CONNECT_FAILURE_STATUS = 502;
/** Handshake status when the `$connect` integration times out (unconfirmed; AWS's guidance names 504). */
export const CONNECT_TIMEOUT_STATUS = 504;
/** Handshake status for a path that names no stage of the API (unconfirmed). */
export const UNKNOWN_STAGE_STATUS = 404;

/** How a handshake ends: the connection opens (101), or the upgrade is refused with an HTTP status. */
export type ConnectOutcome =
  | {
      readonly kind: 'accepted';
      readonly connection: ConnectionContext;
      /** The subprotocol the `$connect` function selected (`Sec-WebSocket-Protocol`). */
      readonly subprotocol?: string;
      readonly log: WebSocketLogRecord;
    }
  | {
      readonly kind: 'rejected';
      readonly status: number;
      readonly headers: HeaderList;
      readonly body: Buffer;
      readonly log: WebSocketLogRecord;
    };


function rejection(status: number, extraHeaders: HeaderList = [], ownMessage?: string): { status: number; headers: HeaderList; body: Buffer } {
  const message = ownMessage ?? (GATEWAY_ERROR_MESSAGES as Readonly<Record<number, string>>)[status];
  return {
    status,
    headers: message === undefined ? extraHeaders : [...extraHeaders, ['content-type', 'application/json']],
    body: message === undefined ? Buffer.alloc(0) : Buffer.from(JSON.stringify({ message }), 'utf8'),
  };
}

/**
 * Runs a handshake before it completes: stage → `$connect` authorization → `$connect` integration. The
 * client sees an open socket only when this accepts; a denial, a non-2xx result, an error or a timeout
 * refuses the upgrade with the status AWS gives. Without a `$connect` route the connection opens.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-websocket-api-route-keys-connect-disconnect.html
 */
export async function connectClient(compiled: CompiledWebSocketApi, request: ReceivedRequest, deps: WebSocketDeps): Promise<ConnectOutcome> {
  const { api } = compiled;
  const connectionId = deps.newConnectionId();
  const started = deps.now();
  const log = (fields: Omit<WebSocketLogRecord, 'eventType' | 'connectionId' | 'durationMs'>): WebSocketLogRecord => ({
    eventType: 'CONNECT',
    connectionId,
    ...fields,
    durationMs: Math.max(0, deps.now() - started),
  });
  const stage = selectWebSocketStage(api.stages, request.path);
  if (!stage) {
    return { kind: 'rejected', ...rejection(UNKNOWN_STAGE_STATUS), log: log({ status: UNKNOWN_STAGE_STATUS, error: `no stage serves ${request.path}` }) };
  }
  let connection: ConnectionContext = {
    connectionId,
    api,
    stage,
    connectedAt: request.receivedAtMs,
    domainName: domainNameOf(request.headers),
    identity: { sourceIp: request.sourceIp, userAgent: firstHeader(request.headers, 'user-agent') },
  };
  const route = compiled.routes.get(CONNECT_ROUTE_KEY);
  const accepted = (subprotocol?: string): ConnectOutcome => ({
    kind: 'accepted',
    connection,
    ...(subprotocol !== undefined && { subprotocol }),
    log: log({ ...(route && { routeKey: route.routeKey }), status: 101 }),
  });
  if (!route) return accepted();

  const facts = connectionFacts(connection, {
    requestId: deps.newRequestId(),
    requestTimeEpoch: request.receivedAtMs,
    routeKey: route.routeKey,
    accountId: deps.environment.accountId,
  });
  const resourceArn = executeApiArn(deps.environment, api.apiId, stage.name, { kind: 'route-key', routeKey: route.routeKey });
  const access = await deps.authorizeRoute({
    api,
    route,
    stage,
    facts,
    // The path the client requested, `/prod/` as much as `/prod`: an IAM signature covers it.
    request,
    resourceArn,
    contextVariable: (name) => connectContextVariable(name, connectionId, facts),
    // A REQUEST authorizer on $connect gets the $connect request as the integration event describes it, with
    // `methodArn`, whatever its payload format
    // (https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-websocket-api-lambda-auth.html).
    authorizerEvent: () => buildAuthorizerEventV1(buildConnectEvent(connection, request, facts), resourceArn),
  });
  const refuse = (status: number, error: string, headers: HeaderList = [], message?: string): ConnectOutcome => ({
    kind: 'rejected',
    ...rejection(status, headers, message),
    log: log({ routeKey: route.routeKey, status, error }),
  });
  if (access.kind === 'denied') return refuse(access.status, access.reason, access.headers);
  if (access.authorizer !== undefined) connection = { ...connection, authorizer: access.authorizer };
  if (route.apiKeyRequired) {
    // After the authorizer, as API Gateway checks keys (https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-websocket-api-api-keys.html).
    const verdict = checkApiKey(api, stage.name, request.headers, deps.now());
    if (verdict.kind === 'refused') return refuse(verdict.status, verdict.reason, [], verdict.message);
  }

  const integration = routeIntegration(compiled.api, route);
  const templateInput = (): TemplateInput => ({
    body: '',
    context: (name) => connectContextVariable(name, connectionId, { ...facts, ...(connection.authorizer && { authorizer: connection.authorizer }) }),
    stageVariables: stage.stageVariables,
  });
  switch (integration?.kind) {
    case undefined:
      return accepted();
    case 'mock': {
      // The request template's `statusCode` decides: 2xx opens the connection, anything else refuses it.
      const status = mockStatus(renderRequestTemplate(integration, templateInput()));
      return status >= 200 && status <= 299 ? accepted() : refuse(status, `MOCK integration ${integration.ref.logicalId} answered ${status}`);
    }
    case 'http-proxy': {
      const sent = integration.templated ? (renderRequestTemplate(integration, templateInput()) ?? '') : '';
      const outcome = await callHttpBackend(integration, stage, { body: sent, headers: connectRequestHeaders(request.headers) }, deps);
      if (outcome.kind !== 'response') return refuse(outcome.kind === 'failed' ? CONNECT_FAILURE_STATUS : CONNECT_TIMEOUT_STATUS, outcome.error);
      if (outcome.statusCode < 200 || outcome.statusCode > 299) return refuse(outcome.statusCode, `HTTP integration ${integration.ref.logicalId} answered ${outcome.statusCode}`);
      return accepted();
    }
    case 'aws-service':
      return refuse(500, `AWS service integration ${integration.ref.logicalId} is not supported on WebSocket routes`);
    case 'lambda':
      break;
  }
  const event = buildConnectEvent(connection, request, { ...facts, ...(connection.authorizer && { authorizer: connection.authorizer }) });
  const outcome = await invokeFunction(deps, integration, stage, event);
  if (outcome.kind === 'failed') return refuse(CONNECT_FAILURE_STATUS, outcome.error);
  if (outcome.kind === 'timed-out') return refuse(CONNECT_TIMEOUT_STATUS, outcome.error);
  const result = readConnectResult(outcome.payload);
  switch (result.kind) {
    case 'malformed':
      return refuse(CONNECT_FAILURE_STATUS, `malformed Lambda result: ${result.reason}`);
    case 'reject':
      return refuse(result.statusCode, `$connect returned ${result.statusCode}`);
    case 'accept':
      return accepted(result.subprotocol);
  }
}

/**
 * Routes one text message: the selection expression picks the route (else `$default`), its integration
 * runs with a MESSAGE event; a two-way route's result goes back to the sender. Errors always come back as
 * AWS's error frames, and the connection stays open.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/websocket-api-develop-routes.html
 */
/** `$context` on `$connect`, for identity sources: the connection's own variables, then the shared ones. */
export function connectContextVariable(name: string, connectionId: string, facts: RequestFacts): string | undefined {
  switch (name) {
    case 'connectionId':
      return connectionId;
    case 'eventType':
      return 'CONNECT';
    default:
      return factContextVariable(facts, name);
  }
}

/** Handshake headers that are the client's own (not the upgrade's), sent to an HTTP integration on `$connect`. */
const HANDSHAKE_ONLY = /^(?:host|connection|upgrade|content-length|sec-websocket-(?:key|version|extensions))$/i;

function connectRequestHeaders(headers: HeaderList): HeaderList {
  return headers.filter(([name]) => !HANDSHAKE_ONLY.test(name));
}
