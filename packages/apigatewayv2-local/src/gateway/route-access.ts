import type { ApiModel, RouteModel, StageModel } from '../model/index.js';
import type { HeaderList } from './headers.js';
import type { AuthorizerResult, RequestFacts } from './request-facts.js';

/** What the request is, in the terms of its protocol, beyond the facts every protocol shares. */
export type AccessTarget =
  | {
      readonly protocol: 'HTTP';
      readonly method: string;
      /** The raw path as received (with the stage prefix). */
      readonly path: string;
      readonly pathParameters: Readonly<Record<string, string>>;
    }
  /** WebSocket routes are authorized on `$connect` only; the result holds for the whole connection. */
  | { readonly protocol: 'WEBSOCKET'; readonly connectionId: string; readonly connectedAt: number };

/** One route about to be called: everything an authorizer may read (identity sources, the method ARN …). */
export interface RouteAccessRequest {
  readonly api: ApiModel;
  readonly route: RouteModel;
  readonly stage: StageModel;
  /** The request's facts so far (`authorizer` not yet set). */
  readonly facts: RequestFacts;
  /** The request's headers as received, repeated names kept. */
  readonly headers: HeaderList;
  /** The query string as received, without `?`. */
  readonly rawQueryString: string;
  readonly target: AccessTarget;
}

/**
 * The decision on one route call. Allowed calls may carry the authorizer's result, which the core puts into
 * the request facts (`requestContext.authorizer`, `$context.authorizer.*`); denied calls are answered with
 * `status` (HTTP: the gateway's error body; WebSocket `$connect`: the handshake is refused with it).
 */
export type RouteAccess =
  | { readonly kind: 'allowed'; readonly authorizer?: AuthorizerResult }
  | {
      readonly kind: 'denied';
      readonly status: 401 | 403 | 500 | 503;
      /** Why, for the request log. */
      readonly reason: string;
      /** Extra response headers, e.g. `www-authenticate` for JWT failures. */
      readonly headers?: HeaderList;
    };

export type AuthorizeRoute = (request: RouteAccessRequest) => Promise<RouteAccess>;

const ALLOWED: RouteAccess = { kind: 'allowed' };

/**
 * The decision while authorizers are not enforced: every route is served without authorization and its
 * events carry no authorizer result; the start-up report says so for every route that names one.
 */
export const serveWithoutAuthorization: AuthorizeRoute = () => Promise.resolve(ALLOWED);
