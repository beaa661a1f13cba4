import type { FunctionModel, ModelEnvironment } from '../model/index.js';
import type { Invoker } from '../lambda/invoker.js';
import type { AuthorizeRoute } from './route-access.js';

/**
 * The services every protocol's core needs (HTTP requests, WebSocket connections and messages), built once
 * when the gateway starts and shared by every request. Per-request values (the Host the client used, the
 * request time) are read from the request itself, never stored here.
 */
export interface GatewayServices {
  readonly invoker: Invoker;
  /**
   * Finds a function by the ARN in the integration URI, after stage variables are resolved; qualified ARNs
   * (`…:function:name:alias`) must find the function (the template reader's `findFunction` does).
   */
  readonly resolveFunction: (arn: string) => FunctionModel | undefined;
  /** Injected clock (ms since epoch). */
  readonly now: () => number;
  /** API Gateway request ids, AWS-shaped, e.g. `Mc7UVioPPHcEKPA=`. */
  readonly newRequestId: () => string;
  /** Lambda request ids (`context.awsRequestId`), UUID-shaped. */
  readonly newLambdaRequestId: () => string;
  /** The account and region the template was resolved in (`requestContext.accountId`, ARNs). */
  readonly environment: ModelEnvironment;
  /**
   * Decides whether a route may be called (HTTP routes, WebSocket `$connect`) and with which authorizer
   * result; the one place authorizers plug in.
   */
  readonly authorizeRoute: AuthorizeRoute;
}
