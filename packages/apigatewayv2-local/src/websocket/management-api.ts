import type { HeaderPair } from '../gateway/headers.js';
import type { ReceivedRequest } from '../gateway/received-request.js';
import type { ApiModel } from '../model/index.js';
import type { ConnectionContext } from './types.js';

/**
 * Largest `PostToConnection` payload: 128 KB, the WebSocket message limit; larger posts are refused with 413.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/limits.html#apigateway-execution-service-websocket-limits-table
 */
export const MAX_POST_BYTES = 128 * 1024;

/** The shape of the connection ids this gateway hands out and accepts (AWS's: 16 characters ending in `=`). */
const CONNECTION_ID = /^[A-Za-z0-9+/]{15}=$/;

/** What happened when the gateway tried to send a frame to a connection. */
export type SendResult = 'sent' | 'buffer-full' | 'gone';

/** A live connection as the management API sees it; the server implements it over the socket. */
export interface ManagedConnection {
  readonly context: ConnectionContext;
  /** False while `$connect` is still running: the connection is not open yet. */
  readonly open: boolean;
  /** The last time a message went either way, ms since epoch. */
  readonly lastActiveAt: number;
  send(text: string): SendResult;
  /** Closes the socket with `code`; `$disconnect` follows. */
  close(code: number, reason: string): void;
}

export interface ManagementReply {
  readonly statusCode: number;
  readonly headers: readonly HeaderPair[];
  readonly body: Buffer;
  /** The SDK operation (`PostToConnection` …), for the log; undefined for paths that are not the API's. */
  readonly operation?: string;
  readonly connectionId?: string;
  /** Why the call was refused. */
  readonly error?: string;
}

/** One `@connections` call, for the log. */
export interface ManagementExchange {
  readonly method: string;
  readonly path: string;
  /** Undefined when the client closed the connection before its request was complete: nothing was answered. */
  readonly reply: ManagementReply | undefined;
  readonly durationMs: number;
}

/** Whether a call is signed by a caller the gateway accepts (SigV4 against the local credentials). */
export type ManagementSignatureCheck = (
  request: ReceivedRequest,
) => Promise<{ readonly kind: 'verified' } | { readonly kind: 'refused'; readonly errorType: string; readonly message: string; readonly reason: string }>;

/** Close code and reason a `DeleteConnection` gives the client and `$disconnect`. */
export const DELETE_CLOSE = { code: 1000, reason: 'Connection Closed Normally' } as const;

/**
 * `/{stage}/@connections/{id}`, or `/@connections/{id}` for the `$default` stage, whose callback URL is the
 * endpoint's root (as its invoke URL is).
 */
const PATH = /^(?:\/([^/]+))?\/@connections\/([^/]+)$/;

/** The stage `$default` is served at the root of the endpoint. */
const DEFAULT_STAGE = '$default';

function jsonReply(statusCode: number, value: unknown, extra: Partial<ManagementReply> = {}): ManagementReply {
  return { statusCode, headers: [['content-type', 'application/json']], body: Buffer.from(JSON.stringify(value), 'utf8'), ...extra };
}

/**
 * An error the SDK's restJson1 client understands: the exception name in `x-amzn-ErrorType`, a `message`
 * in the body.
 */
function errorReply(statusCode: number, errorType: string, message: string, extra: Partial<ManagementReply>): ManagementReply {
  return {
    statusCode,
    headers: [
      ['content-type', 'application/json'],
      ['x-amzn-ErrorType', errorType],
    ],
    body: Buffer.from(JSON.stringify({ message }), 'utf8'),
    ...extra,
    error: `${errorType}: ${message}`,
  };
}

function decodeSegment(raw: string): string | undefined {
  try {
    return decodeURIComponent(raw);
  } catch {
    return undefined;
  }
}

/**
 * The `@connections` API at a stage's callback URL (`/{stage}`, or the root for `$default`): `POST` sends the body to the client as one text frame,
 * `GET` describes the connection, `DELETE` closes it (`$disconnect` follows). Errors as AWS's model gives
 * them: 410 `GoneException` for a connection that is closed, not yet open, never existed or belongs to
 * another stage, 413
 * `PayloadTooLargeException` over 128 KB, 400 `BadRequestException` for a malformed id, 429
 * `LimitExceededException` when the client does not read what it is sent. Every call must be signed
 * (SigV4, as IAM requires `execute-api:ManageConnections`): an unsigned or wrongly signed call is refused
 * with 403 before the connection is looked up.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-how-to-call-websocket-api-connections.html
 */
export async function handleManagementRequest(
  api: ApiModel,
  request: ReceivedRequest,
  find: (connectionId: string) => ManagedConnection | undefined,
  checkSignature: ManagementSignatureCheck,
  /**
   * The path that names the stage and connection when it is not the one received: a call through a custom
   * domain (`/{mappingKey}/@connections/{id}`) is served as `/{stage}/@connections/{id}`, while its
   * signature stays checked on the path the client signed.
   */
  routingPath: string = request.path,
): Promise<ManagementReply> {
  const match = PATH.exec(routingPath);
  const stage = match && (match[1] === undefined ? DEFAULT_STAGE : decodeSegment(match[1]));
  if (!match || stage === undefined || !api.stages.some((s) => s.name === stage)) {
    return jsonReply(404, { message: 'Not Found' }, { error: `no management API at ${routingPath}` });
  }
  const operation = { POST: 'PostToConnection', GET: 'GetConnection', DELETE: 'DeleteConnection' }[request.method];
  const connectionId = decodeSegment(match[2]) ?? match[2];
  if (operation === undefined) {
    return jsonReply(404, { message: 'Not Found' }, { connectionId, error: `${request.method} is not an @connections operation` });
  }
  const at = { operation, connectionId };
  // The body's hash is part of the signature: a body the gateway stopped reading cannot be checked.
  if (request.bodyTooLarge) {
    return errorReply(413, 'PayloadTooLargeException', `Message is larger than ${MAX_POST_BYTES} bytes`, at);
  }
  const signature = await checkSignature(request);
  if (signature.kind === 'refused') return { ...errorReply(403, signature.errorType, signature.message, at), error: signature.reason };
  if (!CONNECTION_ID.test(connectionId)) return errorReply(400, 'BadRequestException', `Invalid connectionId: ${connectionId}`, at);
  const connection = find(connectionId);
  // A connection belongs to the stage it connected to: another stage's callback URL does not know it.
  if (!connection?.open || connection.context.stage.name !== stage) {
    return errorReply(410, 'GoneException', `Connection ${connectionId} is gone`, at);
  }
  switch (operation) {
    case 'PostToConnection': {
      const sent = connection.send(request.body.toString('utf8'));
      if (sent === 'gone') return errorReply(410, 'GoneException', `Connection ${connectionId} is gone`, at);
      if (sent === 'buffer-full') return errorReply(429, 'LimitExceededException', 'The client is not reading its messages', at);
      return { statusCode: 200, headers: [], body: Buffer.alloc(0), ...at };
    }
    case 'GetConnection':
      return jsonReply(
        200,
        {
          connectedAt: new Date(connection.context.connectedAt).toISOString(),
          identity: { sourceIp: connection.context.identity.sourceIp, userAgent: connection.context.identity.userAgent ?? '' },
          lastActiveAt: new Date(connection.lastActiveAt).toISOString(),
        },
        at,
      );
    default:
      connection.close(DELETE_CLOSE.code, DELETE_CLOSE.reason);
      return { statusCode: 204, headers: [], body: Buffer.alloc(0), ...at };
  }
}
