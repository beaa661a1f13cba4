import type { AuthorizerIdentity } from './authorization-types.js';

/**
 * `requestContext.authorizer` of a payload 2.0 event: `{ jwt: { claims, scopes } }`, `{ lambda: context }`
 * or `{ iam: {...} }` (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html).
 */
export function authorizerContextV2(identity: AuthorizerIdentity): Record<string, unknown> {
  switch (identity.kind) {
    case 'jwt':
      return { jwt: { claims: { ...identity.claims }, scopes: identity.scopes === null ? null : [...identity.scopes] } };
    case 'lambda':
      return { lambda: identity.context === null ? null : { ...identity.context } };
    case 'iam':
      return { iam: { ...identity.identity } };
  }
}

/**
 * `requestContext.authorizer` of a payload 1.0 event (and of WebSocket events): JWT claims and scopes side
 * by side; a Lambda authorizer's context keys at the top level with its `principalId`; IAM callers show up
 * in `requestContext.identity` instead, so the block keeps the no-authorizer shape.
 */
export function authorizerContextV1(identity: AuthorizerIdentity): Record<string, unknown> {
  switch (identity.kind) {
    case 'jwt':
      return { claims: { ...identity.claims }, scopes: identity.scopes === null ? null : [...identity.scopes] };
    case 'lambda':
      return { ...(identity.context ?? {}), ...(identity.principalId === undefined ? {} : { principalId: identity.principalId }) };
    case 'iam':
      return { claims: null, scopes: null };
  }
}

/** The IAM caller's fields of the 1.0 `requestContext.identity` block; nothing for other authorizers. */
export function identityFieldsV1(identity: AuthorizerIdentity): Record<string, string> {
  if (identity.kind !== 'iam') return {};
  const caller = identity.identity;
  return { accessKey: caller.accessKey, accountId: caller.accountId, caller: caller.callerId, user: caller.userId, userArn: caller.userArn };
}
