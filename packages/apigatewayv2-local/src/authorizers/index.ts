export * from './authorization-types.js';
export { authorizeRoute, type AuthorizerDeps } from './authorize-route.js';
export { AuthorizerAnswerCache } from './authorizer-cache.js';
export { parseIdentitySource, parseIdentitySources } from './identity-source.js';
export { IssuerKeyStore, jwksSource, type JwksSource } from './issuer-keys.js';
export { AUTHORIZER_TIMEOUT_MS, type AuthorizerInvocation } from './lambda-authorizer.js';
export { credentialsFromEnvironment, indexCredentials, type LocalCredential } from './local-credentials.js';
export { createRouteAuthorizer, type RouteAuthorizerOptions } from './route-authorizer.js';
