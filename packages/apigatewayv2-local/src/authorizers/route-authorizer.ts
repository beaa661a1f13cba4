import type { GatewayServices } from '../gateway/gateway-services.js';
import { headerValues } from '../gateway/headers.js';
import { invokeFunction } from '../gateway/invoke-function.js';
import { groupQueryParameters, parseQueryString } from '../gateway/query-string.js';
import { factContextVariable } from '../gateway/request-facts.js';
import type { AuthorizeRoute, RouteAccess, RouteAccessRequest } from '../gateway/route-access.js';
import type { AuthorizationOutcome, AuthorizationRequest, RouteAuthorization } from './authorization-types.js';
import { authorizeRoute } from './authorize-route.js';
import { AuthorizerAnswerCache } from './authorizer-cache.js';
import { executeApiArn } from './execute-api-arn.js';
import type { IssuerKeyStore } from './issuer-keys.js';
import { buildAuthorizerEventV1, buildAuthorizerEventV2 } from './lambda-authorizer-event.js';
import type { AuthorizerInvocation } from './lambda-authorizer.js';
import type { LocalCredential } from './local-credentials.js';

export interface RouteAuthorizerOptions {
  readonly services: Pick<GatewayServices, 'invoker' | 'resolveFunction' | 'newLambdaRequestId' | 'now' | 'environment'>;
  readonly issuerKeys: IssuerKeyStore;
  /** Local credentials for `AWS_IAM` routes, by access key id. */
  readonly credentials: ReadonlyMap<string, LocalCredential>;
}

/**
 * The gateway's `authorizeRoute`: enforces each route's authorizer (JWT, Lambda, IAM) for HTTP routes and
 * WebSocket `$connect` through the one `authorizeRoute` step of `authorize-route.ts`, and turns its outcome
 * into the core's allowed/denied decision. One answer cache serves the whole gateway.
 */
export function createRouteAuthorizer(options: RouteAuthorizerOptions): AuthorizeRoute {
  const { services } = options;
  const cache = new AuthorizerAnswerCache();
  return async (access) => {
    const route: RouteAuthorization = {
      authorizationType: access.route.authorizationType,
      ...(access.route.authorizerId !== undefined && { authorizer: access.api.authorizers.get(access.route.authorizerId) }),
      scopes: access.route.authorizationScopes,
    };
    if (route.authorizationType === 'NONE') return OPEN;
    const outcome = await authorizeRoute(route, authorizationRequest(access, services.environment), {
      issuerKeys: options.issuerKeys,
      cache,
      credentials: options.credentials,
      environment: services.environment,
      now: services.now,
      invokeAuthorizer: (functionArn, event, timeoutMs) => invokeAuthorizer(services, access, functionArn, event, timeoutMs),
    });
    return toRouteAccess(outcome);
  };
}

const OPEN: RouteAccess = { kind: 'allowed' };

function toRouteAccess(outcome: AuthorizationOutcome): RouteAccess {
  switch (outcome.kind) {
    case 'open':
      return OPEN;
    case 'allowed':
      return { kind: 'allowed', authorizer: outcome.authorizer, decidedBy: outcome.decidedBy };
    case 'refused':
      return {
        kind: 'denied',
        status: outcome.status,
        reason: `${outcome.decidedBy}: ${outcome.reason}`,
        headers: outcome.headers,
        ...(outcome.message !== STANDARD_MESSAGES[outcome.status] && { message: outcome.message }),
      };
  }
}

const STANDARD_MESSAGES = { 401: 'Unauthorized', 403: 'Forbidden', 500: 'Internal Server Error' } as const;

/** What the authorizers read, from the core's description of the route call. */
function authorizationRequest(access: RouteAccessRequest, environment: RouteAuthorizerOptions['services']['environment']): AuthorizationRequest {
  const { target, facts } = access;
  const http = target.protocol === 'HTTP' ? target : undefined;
  const resourceArn = executeApiArn(
    environment,
    access.api.apiId,
    access.stage.name,
    http && access.route.routeKey !== '$default'
      ? { kind: 'request', method: http.method, path: withoutStage(http.path, access.stage.name) }
      : { kind: 'route-key', routeKey: access.route.routeKey },
  );
  let query: Map<string, string[]> | undefined;
  return {
    method: http?.method ?? 'GET',
    rawPath: http?.path ?? `/${access.stage.name}`,
    rawQueryString: access.rawQueryString,
    headers: access.headers,
    body: access.body ?? EMPTY,
    resourceArn,
    identityFacts: {
      header: (name) => {
        const values = headerValues(access.headers, name);
        return values.length === 0 ? undefined : values.join(',');
      },
      queryParameter: (name) => {
        query ??= groupQueryParameters(parseQueryString(access.rawQueryString));
        return query.get(name)?.join(',');
      },
      contextVariable: (name) => (access.contextVariable ? access.contextVariable(name) : factContextVariable(facts, name)),
      stageVariable: (name) => (Object.hasOwn(access.stage.stageVariables, name) ? access.stage.stageVariables[name] : undefined),
    },
    lambdaAuthorizerEvent: (version, identityValues) => {
      if (!access.describeEvent) throw new Error('the protocol core gives no event for Lambda authorizers');
      if (target.protocol === 'WEBSOCKET') return buildAuthorizerEventV1(access.describeEvent('1.0'), resourceArn);
      return version === '2.0'
        ? buildAuthorizerEventV2(access.describeEvent('2.0'), resourceArn, identityValues)
        : buildAuthorizerEventV1(access.describeEvent('1.0'), resourceArn, identityValues);
    },
  };
}

const EMPTY = Buffer.alloc(0);

/** Invokes a Lambda authorizer's function the way integrations are invoked, under the authorizer timeout. */
async function invokeAuthorizer(
  services: RouteAuthorizerOptions['services'],
  access: RouteAccessRequest,
  functionArn: string,
  event: unknown,
  timeoutMs: number,
): Promise<AuthorizerInvocation> {
  const outcome = await invokeFunction(services, { functionArn, timeoutMs }, access.stage, event);
  switch (outcome.kind) {
    case 'returned':
      return { kind: 'answered', payload: outcome.payload };
    case 'failed':
      return outcome.functionError ? { kind: 'function-error', errorMessage: outcome.functionError.errorMessage } : { kind: 'failed', reason: outcome.error };
    case 'timed-out':
      return { kind: 'failed', reason: `no answer within ${timeoutMs} ms` };
  }
}

/** The raw path without the stage prefix: `/prod/pets` on stage `prod` → `/pets`. */
function withoutStage(path: string, stage: string): string {
  if (stage === '$default') return path;
  const prefix = `/${stage}`;
  return path === prefix ? '/' : path.startsWith(`${prefix}/`) ? path.slice(prefix.length) : path;
}
