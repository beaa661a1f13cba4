import type { AuthorizerResult } from '../gateway/request-facts.js';
import type { AuthorizerModel, AuthorizationType } from '../model/index.js';

/** One header line as received: name and value. Repeated names stay repeated. */
export type HeaderLine = readonly [name: string, value: string];

/**
 * What an authorizer may read from a request, whichever protocol carried it (HTTP route or WebSocket
 * `$connect`). The gateway fills it from the same request facts its integration events use.
 */
export interface AuthorizationRequest {
  /** Method as received, e.g. `GET`. */
  readonly method: string;
  /** Raw path as received, still percent-encoded, without the query string (SigV4 signs it). */
  readonly rawPath: string;
  /** Query string without `?`; `''` when there is none. */
  readonly rawQueryString: string;
  readonly headers: readonly HeaderLine[];
  readonly body: Buffer;
  /** Values the identity sources of Lambda authorizers read. */
  readonly identityFacts: IdentityFacts;
  /**
   * The ARN of what is being invoked: `routeArn` (2.0), `methodArn` (1.0 and WebSocket), and the resource
   * Lambda authorizer policies are evaluated against.
   */
  readonly resourceArn: string;
  /**
   * Builds the event a Lambda authorizer receives for this request, in the authorizer's payload format
   * (`lambda-authorizer-event.ts` builds them from the request's integration events). Called only when the
   * authorizer is actually invoked.
   */
  readonly lambdaAuthorizerEvent: (payloadFormatVersion: '1.0' | '2.0', identityValues: readonly string[]) => unknown;
}

/**
 * Lookups behind identity-source expressions. Header names are case-insensitive; query parameters,
 * context and stage variables are case-sensitive
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-lambda-authorizer.html).
 * Each answers undefined when the value is absent.
 */
export interface IdentityFacts {
  header(name: string): string | undefined;
  queryParameter(name: string): string | undefined;
  contextVariable(name: string): string | undefined;
  stageVariable(name: string): string | undefined;
}

/** A route's authorization as configured: type, authorizer and required scopes. */
export interface RouteAuthorization {
  readonly authorizationType: AuthorizationType;
  /** Undefined for `NONE` and `AWS_IAM`, and when `AuthorizerId` names no readable authorizer. */
  readonly authorizer?: AuthorizerModel;
  /** `AuthorizationScopes` (JWT routes only). */
  readonly scopes: readonly string[];
}

/** Who decided, for the request log: `JWT MyAuthorizer`, `Lambda MyAuthorizer`, `AWS_IAM`. */
export type DecidedBy = string;

/** The result of the one authorization step every protocol runs before its integration. */
export type AuthorizationOutcome =
  /** The route has no authorizer (`NONE`). */
  | { readonly kind: 'open' }
  | { readonly kind: 'allowed'; readonly authorizer: AuthorizerResult; readonly decidedBy: DecidedBy }
  | ({ readonly kind: 'refused'; readonly decidedBy: DecidedBy } & Refusal);

/** The caller an allowed request carries into its integration event (`requestContext.authorizer`). */
export type { AuthorizerResult };

/** A refusal, as the client receives it: status, `{"message": …}` body and extra headers. */
export interface Refusal {
  readonly status: 401 | 403 | 500;
  /** The body's `message`. */
  readonly message: string;
  readonly headers: readonly HeaderLine[];
  /** Why, in words, for the request log (never sent to the client). */
  readonly reason: string;
}
