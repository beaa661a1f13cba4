import type { AuthorizerModel, AuthorizationType } from '../model/index.js';
import type { SignedRequest } from './verify-sigv4.js';

/**
 * What an authorizer may read of a route call, whichever protocol carried it (HTTP route or WebSocket
 * `$connect`): built from the protocol's `RouteAccessRequest` without knowing which protocol it was.
 */
export interface AuthorizationRequest {
  /** The request as received: IAM verifies its signature over method, path, query, headers and body. */
  readonly request: SignedRequest;
  /** Values the identity sources of Lambda and JWT authorizers read. */
  readonly identityFacts: IdentityFacts;
  /**
   * The ARN of what is being invoked: `routeArn` (2.0), `methodArn` (1.0 and WebSocket), and the resource
   * Lambda authorizer policies are evaluated against.
   */
  readonly resourceArn: string;
  /**
   * Builds the event a Lambda authorizer receives for this request, in the authorizer's payload format.
   * Called only when the authorizer is actually invoked; throws when the protocol gives no event.
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
