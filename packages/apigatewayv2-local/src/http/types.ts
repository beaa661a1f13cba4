import type { GatewayServices } from '../gateway/gateway-services.js';
import type { HeaderList } from '../gateway/headers.js';
import type { AwsServiceCall, AwsServiceName } from './aws-service-actions.js';

export type { HeaderList, HeaderPair } from '../gateway/headers.js';
export type { ReceivedRequest } from '../gateway/received-request.js';

/** Status, headers and body, ready for the wire. */
export interface HttpReply {
  readonly statusCode: number;
  /**
   * Response headers; a name may repeat (`set-cookie`). Never contains `content-length`, `date`,
   * `connection` or `transfer-encoding`: the server writes those for the body it sends.
   */
  readonly headers: HeaderList;
  /** Empty for `HEAD` requests: the gateway strips what the integration returned (https://www.rfc-editor.org/rfc/rfc9110#name-head). */
  readonly body: Buffer;
}

/** What answered the request, for the request log. */
export type IntegrationLogKind = 'lambda' | 'http-proxy' | 'cors-preflight';

/** One line of the request log, returned with every response. */
export interface RequestLog {
  readonly requestId: string;
  readonly method: string;
  /** The raw request path (with the stage prefix). */
  readonly path: string;
  /** Undefined when no stage matched. */
  readonly stage?: string;
  /** Undefined when no route matched (or the request was answered before routing). */
  readonly routeKey?: string;
  readonly status: number;
  readonly integration?: IntegrationLogKind;
  readonly durationMs: number;
  /** Why the gateway answered with an error of its own (function error, timeout, bad result …). */
  readonly error?: string;
  /** The authorizer that allowed the call (e.g. `JWT cognito`); refusals name theirs in `error`. */
  readonly authorizer?: string;
}

export interface GatewayHttpResponse extends HttpReply {
  readonly log: RequestLog;
  /** The stage's access log line for this request, when the stage has `AccessLogSettings`; `stage` is the stage's logical id. */
  readonly accessLog?: { readonly stage: string; readonly line: string };
}

/** A request to an HTTP backend (HTTP proxy and private integrations), built by the pure core. */
export interface UpstreamRequest {
  readonly method: string;
  /** Absolute `http:` or `https:` URL, path and query already encoded. */
  readonly url: string;
  readonly headers: HeaderList;
  readonly body: Buffer;
  /** Aborted when the integration timeout elapses; the client should drop the connection. */
  readonly signal: AbortSignal;
}

/** What the backend answered, or why it could not be reached. */
export type UpstreamResponse =
  | { readonly kind: 'response'; readonly statusCode: number; readonly headers: HeaderList; readonly body: Buffer }
  /** Connection refused, DNS/TLS failure, reset, malformed response, or aborted. */
  | { readonly kind: 'failed'; readonly message: string };

/** What an AWS service answered to an integration's call, or why it could not be asked. */
export type AwsServiceAnswer =
  /** The service's output (the SDK's, without `$metadata`), answered 200. */
  | { readonly kind: 'output'; readonly output: Readonly<Record<string, unknown>> }
  /** The service refused the call: its HTTP status and error. */
  | { readonly kind: 'service-error'; readonly statusCode: number; readonly errorType: string; readonly message: string }
  /** No endpoint for the service, connection refused, DNS failure … */
  | { readonly kind: 'unreachable'; readonly message: string };

/**
 * The HTTP core's dependencies: the services every protocol shares, plus the HTTP-only ones for HTTP proxy
 * and private integrations.
 */
export interface HttpHandlerDeps extends GatewayServices {
  /** HTTP client for HTTP proxy integrations (`src/server/upstream-client.ts` in production). */
  readonly forward: (request: UpstreamRequest) => Promise<UpstreamResponse>;
  /**
   * Local base URLs (`--backend <id>=<url>`). Looked up by the integration's logical id, then its
   * integration id, then (private integrations) its `IntegrationUri` (listener/service ARN) and its
   * `ConnectionId` (VPC link).
   */
  readonly backends: ReadonlyMap<string, string>;
  /**
   * Calls an AWS service action for an AWS service integration (`src/aws-services/` in production: the AWS
   * SDK v3 client at the `--service-endpoint` URL). Aborted when the integration timeout elapses.
   */
  readonly callAwsService: (call: AwsServiceCall, signal: AbortSignal) => Promise<AwsServiceAnswer>;
  /** The services that have a `--service-endpoint`, for the request log and errors. */
  readonly serviceEndpoints?: ReadonlyMap<AwsServiceName, string>;
}
