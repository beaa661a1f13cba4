import type { RouteAccess } from '../gateway/route-access.js';
import type { AuthorizerAnswerCache } from './authorizer-cache.js';
import type { AuthorizationRequest, RouteAuthorization } from './authorization-types.js';
import { authorizeWithIam, type IamAuthorizerDeps } from './iam-authorizer.js';
import type { IssuerKeyStore } from './issuer-keys.js';
import { authorizeJwt } from './jwt-authorizer.js';
import { authorizeWithLambda, type LambdaAuthorizerDeps } from './lambda-authorizer.js';
import { refuse } from './refusal.js';

/** Everything the authorizers need besides the request: keys, credentials, the cache, the invoker, a clock. */
export interface AuthorizerDeps extends IamAuthorizerDeps, LambdaAuthorizerDeps {
  readonly issuerKeys: IssuerKeyStore;
  readonly cache: AuthorizerAnswerCache;
}

const OPEN: RouteAccess = { kind: 'allowed' };

/**
 * The one authorization step, for HTTP routes and WebSocket `$connect` alike: decides from the route's
 * `AuthorizationType` and authorizer whether the request reaches its integration, and with which caller
 * identity (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-access-control.html).
 * A route whose authorizer could not be read from the template fails closed with 500.
 */
export function authorizeRoute(route: RouteAuthorization, request: AuthorizationRequest, deps: AuthorizerDeps): Promise<RouteAccess> {
  switch (route.authorizationType) {
    case 'NONE':
      return Promise.resolve(OPEN);
    case 'AWS_IAM':
      return authorizeWithIam(request, deps);
    case 'JWT':
      if (route.authorizer?.kind !== 'jwt') return Promise.resolve(misconfigured('JWT', route));
      return authorizeJwt(route.authorizer, route.scopes, request, deps);
    case 'CUSTOM':
      if (route.authorizer?.kind !== 'lambda') return Promise.resolve(misconfigured('Lambda', route));
      return authorizeWithLambda(route.authorizer, request, deps);
  }
}

function misconfigured(kind: string, route: RouteAuthorization): RouteAccess {
  const found = route.authorizer ? `a ${route.authorizer.kind} authorizer (${route.authorizer.name})` : 'no readable authorizer';
  return refuse(`${kind} authorizer`, 500, `the route needs a ${kind} authorizer and has ${found}`);
}
