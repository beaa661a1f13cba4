import { invokeFunction } from '../gateway/invoke-function.js';
import type { RequestFacts } from '../gateway/request-facts.js';
import { routeIntegration } from '../gateway/route-integration.js';
import { buildDisconnectEvent, buildMessageEvent, connectionFacts } from './build-websocket-event.js';
import { callHttpBackend } from './call-http-backend.js';
import { errorFrame } from './error-frames.js';
import { mockStatus, renderIntegrationResponse, renderRequestTemplate } from './integration-responses.js';
import type { TemplateInput } from './mapping-template.js';
import { readMessageReply } from './lambda-reply.js';
import type { ConnectionContext, WebSocketDeps, WebSocketLogRecord } from './types.js';
import {
  DISCONNECT_ROUTE_KEY,
  type CompiledWebSocketApi,
  isTwoWay,
  selectMessageRoute,
} from './websocket-api.js';
import { connectContextVariable } from './connect-client.js';

/**
 * A connection's life after `$connect` (`connect-client.ts`): each message routed to its integration, and
 * `$disconnect` once it closed.
 */

/** What one message caused: at most one frame back to the sender. */
export interface MessageOutcome {
  readonly reply?: string;
  readonly log: WebSocketLogRecord;
}

export async function receiveMessage(
  compiled: CompiledWebSocketApi,
  connection: ConnectionContext,
  body: string,
  deps: WebSocketDeps,
): Promise<MessageOutcome> {
  const receivedAt = deps.now();
  const requestId = deps.newRequestId();
  const messageId = deps.newRequestId();
  const route = selectMessageRoute(compiled, body);
  const done = (fields: Omit<WebSocketLogRecord, 'eventType' | 'connectionId' | 'durationMs'>, reply?: string): MessageOutcome => {
    const log: WebSocketLogRecord = {
      eventType: 'MESSAGE',
      connectionId: connection.connectionId,
      ...fields,
      replied: reply !== undefined,
      durationMs: Math.max(0, deps.now() - receivedAt),
    };
    return reply === undefined ? { log } : { reply, log };
  };
  if (!route) return done({ error: 'no route matches and there is no $default route' }, errorFrame('noRoute', connection.connectionId, requestId));
  const routeKey = route.routeKey;
  const integration = routeIntegration(compiled.api, route);
  const facts = connectionFacts(connection, { requestId, requestTimeEpoch: receivedAt, routeKey, accountId: deps.environment.accountId });
  const input: TemplateInput = {
    body,
    context: (name) => messageContextVariable(name, connection.connectionId, messageId, facts),
    stageVariables: connection.stage.stageVariables,
  };
  switch (integration?.kind) {
    case undefined:
      return done({ routeKey, error: `route ${routeKey} has no integration` }, errorFrame('failed', connection.connectionId, requestId));
    case 'mock': {
      // https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-websocket-api-integration-responses.html
      const status = mockStatus(renderRequestTemplate(integration, input));
      return done({ routeKey }, isTwoWay(route) ? renderIntegrationResponse(integration, status, input) : undefined);
    }
    case 'http-proxy': {
      // HTTP_PROXY sends the message as it is; HTTP (non-proxy) through its request template.
      const sent = integration.templated ? (renderRequestTemplate(integration, input) ?? body) : body;
      const outcome = await callHttpBackend(integration, connection.stage, { body: sent, headers: [['content-type', 'application/json']] }, deps);
      if (outcome.kind !== 'response') {
        return done({ routeKey, error: outcome.error }, errorFrame(outcome.kind === 'failed' ? 'failed' : 'timedOut', connection.connectionId, requestId));
      }
      if (!isTwoWay(route)) return done({ routeKey });
      const reply = integration.templated ? renderIntegrationResponse(integration, outcome.statusCode, { ...input, body: outcome.body }) : outcome.body;
      return done({ routeKey }, reply);
    }
    case 'aws-service':
      return done({ routeKey, error: `AWS service integration ${integration.ref.logicalId} is not supported on WebSocket routes` }, errorFrame('failed', connection.connectionId, requestId));
    case 'lambda':
      break;
  }
  const outcome = await invokeFunction(deps, integration, connection.stage, buildMessageEvent(connection, facts, messageId, body));
  switch (outcome.kind) {
    case 'failed':
      return done({ routeKey, error: outcome.error }, errorFrame('failed', connection.connectionId, requestId));
    case 'timed-out':
      return done({ routeKey, error: outcome.error }, errorFrame('timedOut', connection.connectionId, requestId));
    case 'returned':
      return done({ routeKey }, isTwoWay(route) ? readMessageReply(outcome.payload) : undefined);
  }
}

/**
 * Runs `$disconnect` after a connection closed, from either side, with the close code and reason. Best
 * effort, as on AWS: its result is ignored and nothing can reach the client any more.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-websocket-api-route-keys-connect-disconnect.html
 */
export async function disconnectClient(
  compiled: CompiledWebSocketApi,
  connection: ConnectionContext,
  close: { readonly statusCode: number; readonly reason: string },
  deps: WebSocketDeps,
): Promise<WebSocketLogRecord> {
  const started = deps.now();
  const route = compiled.routes.get(DISCONNECT_ROUTE_KEY);
  const record = (error?: string): WebSocketLogRecord => ({
    eventType: 'DISCONNECT',
    connectionId: connection.connectionId,
    ...(route && { routeKey: route.routeKey }),
    status: close.statusCode,
    ...(error !== undefined && { error }),
    durationMs: Math.max(0, deps.now() - started),
  });
  const integration = route && routeIntegration(compiled.api, route);
  if (route && integration?.kind === 'http-proxy') {
    // An HTTP backend hears of the close too; nothing it answers reaches anyone.
    const outcome = await callHttpBackend(integration, connection.stage, { body: '', headers: [] }, deps);
    return record(outcome.kind === 'response' ? undefined : outcome.error);
  }
  if (!route || integration?.kind !== 'lambda') return record();
  const facts = connectionFacts(connection, {
    requestId: deps.newRequestId(),
    requestTimeEpoch: started,
    routeKey: route.routeKey,
    accountId: deps.environment.accountId,
  });
  const outcome = await invokeFunction(deps, integration, connection.stage, buildDisconnectEvent(connection, facts, close));
  return record(outcome.kind === 'returned' ? undefined : outcome.error);
}

/** `$context` of a message, for mapping templates. */
function messageContextVariable(name: string, connectionId: string, messageId: string, facts: RequestFacts): string | undefined {
  switch (name) {
    case 'messageId':
      return messageId;
    case 'eventType':
      return 'MESSAGE';
    default:
      return connectContextVariable(name, connectionId, facts);
  }
}

