import type { APIGatewayEventWebsocketRequestContextV2, APIGatewayProxyWebsocketEventV2WithRequestContext } from 'aws-lambda';
import { gatewayRequestHeaders } from '../gateway/forwarded-headers.js';
import { headerMaps, queryMaps } from '../gateway/multi-value-maps.js';
import { type AuthorizerResult, type RequestFacts, requestTimeOf } from '../gateway/request-facts.js';
import type { ReceivedRequest } from '../gateway/received-request.js';
import type { ConnectionContext } from './types.js';

/** `requestContext.authorizer` of a WebSocket event: the principal and the context a Lambda authorizer returned. */
export type WebSocketAuthorizerContext = Readonly<Record<string, string | number | boolean | null>> & { readonly principalId?: string };

/**
 * The request context of a WebSocket event: `@types/aws-lambda`'s, with `messageId` only on MESSAGE events,
 * the caller's identity, the disconnect status on DISCONNECT events and the `$connect` authorizer's result.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-websocket-api-mapping-template-reference.html
 */
export type WebSocketRequestContext = Omit<APIGatewayEventWebsocketRequestContextV2, 'messageId'> & {
  readonly messageId?: string;
  readonly identity: { readonly sourceIp: string; readonly userAgent: string | null };
  readonly disconnectStatusCode?: number;
  readonly disconnectReason?: string;
  readonly authorizer?: WebSocketAuthorizerContext;
};

/** A WebSocket Lambda proxy event (CONNECT, MESSAGE or DISCONNECT); headers only on CONNECT and DISCONNECT. */
export type WebSocketEvent = APIGatewayProxyWebsocketEventV2WithRequestContext<WebSocketRequestContext> & {
  readonly headers?: Record<string, string>;
  readonly multiValueHeaders?: Record<string, string[]>;
};

/** The facts of one event of a connection: a new request id and time, the connection's domain and identity. */
export function connectionFacts(
  connection: ConnectionContext,
  input: { readonly requestId: string; readonly requestTimeEpoch: number; readonly routeKey: string; readonly accountId: string },
): RequestFacts {
  const facts: RequestFacts = {
    apiId: connection.api.apiId,
    accountId: input.accountId,
    requestId: input.requestId,
    requestTimeEpoch: input.requestTimeEpoch,
    domainName: connection.domainName,
    domainPrefix: connection.api.apiId,
    stage: connection.stage.name,
    routeKey: input.routeKey,
    identity: connection.identity,
  };
  // Built for every message: literals of one shape, a copy only when there is more to add (spreads of
  // conditional parts cost more than the rest of the event).
  return connection.authorizer === undefined ? facts : { ...facts, authorizer: connection.authorizer };
}

/** The request context's properties, set once while an event is built. */
type RequestContextDraft = { -readonly [K in keyof WebSocketRequestContext]: WebSocketRequestContext[K] };

function requestContext(
  connection: ConnectionContext,
  facts: RequestFacts,
  eventType: WebSocketRequestContext['eventType'],
): RequestContextDraft {
  const context: RequestContextDraft = {
    routeKey: facts.routeKey,
    eventType,
    extendedRequestId: facts.requestId,
    requestTime: requestTimeOf(facts),
    messageDirection: 'IN',
    stage: facts.stage,
    connectedAt: connection.connectedAt,
    requestTimeEpoch: facts.requestTimeEpoch,
    identity: { sourceIp: facts.identity.sourceIp, userAgent: facts.identity.userAgent ?? null },
    requestId: facts.requestId,
    domainName: facts.domainName,
    connectionId: connection.connectionId,
    apiId: facts.apiId,
  };
  if (facts.authorizer !== undefined) context.authorizer = webSocketAuthorizer(facts.authorizer);
  return context;
}

/** A copy of the stage's variables for an event, or undefined when it has none (the event then has no `stageVariables`). */
function stageVariablesOf(connection: ConnectionContext): Record<string, string> | undefined {
  const variables = connection.stage.stageVariables;
  return Object.keys(variables).length > 0 ? { ...variables } : undefined;
}

/** `stageVariables` for the events built once per connection. */
function withStageVariables(connection: ConnectionContext): Pick<WebSocketEvent, 'stageVariables'> {
  const stageVariables = stageVariablesOf(connection);
  return stageVariables === undefined ? {} : { stageVariables };
}

/**
 * The `$connect` event: the handshake's headers (names as the client wrote them, plus the `X-Forwarded-*`
 * headers the gateway adds) and query string, single-value forms keeping the last value of a repeated name.
 * Only this event carries them.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-websocket-api-route-keys-connect-disconnect.html
 */
export function buildConnectEvent(connection: ConnectionContext, request: ReceivedRequest, facts: RequestFacts): WebSocketEvent {
  const headers = headerMaps(gatewayRequestHeaders(request.headers, facts, 'as-received'));
  const query = queryMaps(request.rawQueryString);
  return {
    headers: headers.single,
    multiValueHeaders: headers.multi,
    ...(query.present && { queryStringParameters: query.single, multiValueQueryStringParameters: query.multi }),
    requestContext: requestContext(connection, facts, 'CONNECT'),
    ...withStageVariables(connection),
    isBase64Encoded: false,
  };
}

/** A MESSAGE event: the frame's text as `body`, a `messageId`, no headers or query string. */
export function buildMessageEvent(connection: ConnectionContext, facts: RequestFacts, messageId: string, body: string): WebSocketEvent {
  const context = requestContext(connection, facts, 'MESSAGE');
  context.messageId = messageId;
  const stageVariables = stageVariablesOf(connection);
  return stageVariables === undefined
    ? { requestContext: context, body, isBase64Encoded: false }
    : { requestContext: context, body, stageVariables, isBase64Encoded: false };
}

/**
 * The `$disconnect` event, with the close code and reason. Its headers are the minimal set AWS sends
 * (`Host` and a few empty entries), as in AWS's published sample.
 */
export function buildDisconnectEvent(
  connection: ConnectionContext,
  facts: RequestFacts,
  close: { readonly statusCode: number; readonly reason: string },
): WebSocketEvent {
  const headers = headerMaps([
    ['Host', facts.domainName],
    ['x-api-key', ''],
    ['X-Forwarded-For', ''],
    ['x-restapi', ''],
  ]);
  return {
    headers: headers.single,
    multiValueHeaders: headers.multi,
    requestContext: {
      ...requestContext(connection, facts, 'DISCONNECT'),
      disconnectStatusCode: close.statusCode,
      disconnectReason: close.reason,
    },
    ...withStageVariables(connection),
    isBase64Encoded: false,
  };
}

/**
 * The authorizer block of WebSocket events (REST-style): a Lambda authorizer's `principalId` and context
 * keys. JWT authorizers do not exist for WebSocket APIs; an IAM caller is named by its principal.
 */
function webSocketAuthorizer(authorizer: AuthorizerResult): WebSocketAuthorizerContext {
  switch (authorizer.kind) {
    case 'lambda':
      return { ...authorizer.context, ...(authorizer.principalId !== undefined && { principalId: authorizer.principalId }) };
    case 'jwt':
      return { ...authorizer.claims, principalId: authorizer.claims.sub ?? '' };
    case 'iam':
      return { principalId: authorizer.userArn };
  }
}
