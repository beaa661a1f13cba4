import type { ApiModel, RouteModel, StageModel } from '../model/index.js';
import type { HeaderList } from './headers.js';
import type { ReceivedRequest } from './received-request.js';
import type { AuthorizerResult, RequestFacts } from './request-facts.js';

/**
 * One route about to be called (an HTTP route, or a WebSocket `$connect`), described by its protocol: the
 * request exactly as received and the ARN it invokes. Authorizers read nothing else, so every protocol is
 * authorized the same way.
 */
export interface RouteAccessRequest {
  readonly api: ApiModel;
  readonly route: RouteModel;
  readonly stage: StageModel;
  /** The request's facts so far (`authorizer` not yet set). */
  readonly facts: RequestFacts;
  /**
   * The request as received: method, the path the client requested (stage prefix included, as SigV4 signs
   * it), query string, headers and body.
   */
  readonly request: Pick<ReceivedRequest, 'method' | 'path' | 'rawQueryString' | 'headers' | 'body'>;
  /**
   * The ARN of what is invoked: `routeArn` / `methodArn` of Lambda authorizer events, and the resource their
   * policies are evaluated against (`executeApiArn`).
   */
  readonly resourceArn: string;
  /**
   * `$context.{name}` for this request, for identity sources; the protocol core's own variables
   * (`httpMethod`, `connectionId` …) included. @default the variables every protocol shares
   */
  readonly contextVariable?: (name: string) => string | undefined;
  /**
   * The event a Lambda authorizer of `payloadFormatVersion` receives for this request, built by the protocol
   * (`authorizer-event.ts`) with the resolved identity-source values. Without it, Lambda authorizers fail closed.
   */
  readonly authorizerEvent?: (payloadFormatVersion: '1.0' | '2.0', identityValues: readonly string[]) => unknown;
}

/**
 * The decision on one route call. Allowed calls may carry the authorizer's result, which the core puts into
 * the request facts (`requestContext.authorizer`, `$context.authorizer.*`); denied calls are answered with
 * `status` (HTTP: the gateway's error body; WebSocket `$connect`: the handshake is refused with it).
 */
export type RouteAccess =
  | {
      readonly kind: 'allowed';
      readonly authorizer?: AuthorizerResult;
      /** Which authorizer allowed the call, for the request log (e.g. `JWT cognito`). */
      readonly decidedBy?: string;
    }
  | {
      readonly kind: 'denied';
      readonly status: 401 | 403 | 500 | 503;
      /** Why, for the request log, naming the authorizer that decided (never sent to the client). */
      readonly reason: string;
      /** Extra response headers, e.g. `www-authenticate` for JWT failures. */
      readonly headers?: HeaderList;
      /** The body's `message` when it is not the status's standard one (IAM signature errors). */
      readonly message?: string;
    };

export type AuthorizeRoute = (request: RouteAccessRequest) => Promise<RouteAccess>;

const ALLOWED: RouteAccess = { kind: 'allowed' };

/**
 * Serves every route without authorization (events carry no authorizer result): the decision for cores
 * tested apart from the authorizers, and for embedders that authorize elsewhere.
 */
export const serveWithoutAuthorization: AuthorizeRoute = () => Promise.resolve(ALLOWED);
