export * from './authorization-types.js';
export { authorizeRoute, type AuthorizerDeps } from './authorize-route.js';
export { AuthorizerAnswerCache } from './authorizer-cache.js';
export { executeApiArn, type ExecuteApiTarget } from './execute-api-arn.js';
export { parseIdentitySource, parseIdentitySources } from './identity-source.js';
export { IssuerKeyStore, parseJwksOption, type JwksSource } from './issuer-keys.js';
export { buildAuthorizerEventV1, buildAuthorizerEventV2 } from './lambda-authorizer-event.js';
export { AUTHORIZER_TIMEOUT_MS, type AuthorizerInvocation } from './lambda-authorizer.js';
export { credentialsFromEnvironment, indexCredentials, type LocalCredential } from './local-credentials.js';
