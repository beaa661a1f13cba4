import type { ResourceRef } from './gateway-model.js';

/** Authorizers an API declares (JWT and Lambda); IAM authorization needs none. */

export interface JwtAuthorizerModel {
  readonly kind: 'jwt';
  readonly ref: ResourceRef;
  readonly authorizerId: string;
  readonly name: string;
  readonly identitySource: readonly string[];
  readonly issuer: string;
  readonly audience: readonly string[];
}

export interface LambdaAuthorizerModel {
  readonly kind: 'lambda';
  readonly ref: ResourceRef;
  readonly authorizerId: string;
  readonly name: string;
  /** Empty when caching is off and no identity source is configured. */
  readonly identitySource: readonly string[];
  readonly functionArn: string;
  /** HTTP APIs: `1.0` or `2.0`. WebSocket authorizers use the 1.0-style REQUEST event. */
  readonly payloadFormatVersion: '1.0' | '2.0';
  readonly enableSimpleResponses: boolean;
  readonly resultTtlSeconds: number;
  /** `AuthorizerCredentialsArn`: the role API Gateway invokes the function as (no invoke-permission check locally). */
  readonly credentialsArn?: string;
  /** Why API Gateway may not invoke the authorizer's function (no permission covers it); undefined when it may. */
  readonly invokeDenied?: string;
  /** How long the authorizer may take; set only when its function runs under a debugger. @default AUTHORIZER_TIMEOUT_MS */
  readonly timeoutMs?: number;
}

export type AuthorizerModel = JwtAuthorizerModel | LambdaAuthorizerModel;
