import type { ManagementSignatureCheck } from './management-api.js';
import type { GatewayServices } from '../gateway/gateway-services.js';
import type { AuthorizerResult, RequestIdentity } from '../gateway/request-facts.js';
import type { ApiModel, StageModel } from '../model/index.js';
import type { UpstreamRequest, UpstreamResponse } from '../http/types.js';

/** The WebSocket core's dependencies: the shared services and an AWS-shaped connection id source. */
export interface WebSocketDeps extends GatewayServices {
  /** Connection ids shaped like AWS's (`R1kmxc2VNjMCFIA=`). */
  readonly newConnectionId: () => string;
  /** Whether an `@connections` call is signed by a caller the gateway accepts. */
  readonly checkManagementSignature: ManagementSignatureCheck;
  /** HTTP client for HTTP and HTTP_PROXY integrations on WebSocket routes. */
  readonly forward: (request: UpstreamRequest) => Promise<UpstreamResponse>;
  /** Local base URLs by integration (`--backend <id>=<url>`), as HTTP routes use them. */
  readonly backends: ReadonlyMap<string, string>;
}

/** A client connection as the core knows it: what every event of the connection carries. */
export interface ConnectionContext {
  readonly connectionId: string;
  readonly api: ApiModel;
  readonly stage: StageModel;
  /** When `$connect` was received, ms since epoch. */
  readonly connectedAt: number;
  /** The Host the client used for the handshake. */
  readonly domainName: string;
  readonly identity: RequestIdentity;
  /** The `$connect` authorizer's result: carried by every later event of the connection. */
  readonly authorizer?: AuthorizerResult;
}

/** What happened to one connect, message or disconnect, for the one-line log. */
export interface WebSocketLogRecord {
  readonly eventType: 'CONNECT' | 'MESSAGE' | 'DISCONNECT';
  readonly connectionId: string;
  /** Undefined when no route took the event (a message without a matching route and no `$default`). */
  readonly routeKey?: string;
  /** CONNECT: the handshake status (101 accepted, else the rejection). DISCONNECT: the close code. */
  readonly status?: number;
  /** Why the gateway refused or answered with an error frame (function error, timeout, no route …). */
  readonly error?: string;
  /** MESSAGE: whether a reply frame went back to the sender (two-way route or error). */
  readonly replied?: boolean;
  readonly durationMs: number;
}
