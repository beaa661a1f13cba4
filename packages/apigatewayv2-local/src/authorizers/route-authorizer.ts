import type { GatewayServices } from '../gateway/gateway-services.js';
import { headerValues } from '../gateway/headers.js';
import { invokeFunction } from '../gateway/invoke-function.js';
import { groupQueryParameters, parseQueryString } from '../gateway/query-string.js';
import { factContextVariable } from '../gateway/request-facts.js';
import type { AuthorizeRoute, RouteAccess, RouteAccessRequest } from '../gateway/route-access.js';
import { GATEWAY_ERROR_MESSAGES } from '../http/gateway-error.js';
import type { ModelEnvironment } from '../model/index.js';
import type { AuthorizationOutcome, AuthorizationRequest, IdentityFacts, RouteAuthorization } from './authorization-types.js';
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
    const outcome = await authorizeRoute(route, new RouteCall(access, services.environment), {
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
        ...(outcome.message !== GATEWAY_ERROR_MESSAGES[outcome.status] && { message: outcome.message }),
      };
  }
}

/**
 * What the authorizers read, from the core's description of the route call. A class rather than an object
 * of closures: one is made per request, and its lookups are the identity facts too.
 */
class RouteCall implements AuthorizationRequest, IdentityFacts {
  readonly method: string;
  readonly rawPath: string;
  readonly rawQueryString: string;
  readonly headers: RouteAccessRequest['headers'];
  readonly body: Buffer;
  readonly identityFacts: IdentityFacts = this;
  private arn: string | undefined;
  private query: Map<string, string[]> | undefined;

  constructor(
    private readonly access: RouteAccessRequest,
    private readonly environment: ModelEnvironment,
  ) {
    const http = access.target.protocol === 'HTTP' ? access.target : undefined;
    this.method = http?.method ?? 'GET';
    this.rawPath = http?.path ?? `/${access.stage.name}`;
    this.rawQueryString = access.rawQueryString;
    this.headers = access.headers;
    this.body = access.body ?? EMPTY;
  }

  /** Built on first use: only Lambda authorizers read it. */
  get resourceArn(): string {
    const { access } = this;
    const { target } = access;
    this.arn ??= executeApiArn(
      this.environment,
      access.api.apiId,
      access.stage.name,
      target.protocol === 'HTTP' && access.route.routeKey !== '$default'
        ? { kind: 'request', method: target.method, path: withoutStage(target.path, access.stage.name) }
        : { kind: 'route-key', routeKey: access.route.routeKey },
    );
    return this.arn;
  }

  header(name: string): string | undefined {
    const values = headerValues(this.access.headers, name);
    return values.length === 0 ? undefined : values.join(',');
  }

  queryParameter(name: string): string | undefined {
    this.query ??= groupQueryParameters(parseQueryString(this.access.rawQueryString));
    return this.query.get(name)?.join(',');
  }

  contextVariable(name: string): string | undefined {
    return this.access.contextVariable ? this.access.contextVariable(name) : factContextVariable(this.access.facts, name);
  }

  stageVariable(name: string): string | undefined {
    const variables = this.access.stage.stageVariables;
    return Object.hasOwn(variables, name) ? variables[name] : undefined;
  }

  lambdaAuthorizerEvent(version: '1.0' | '2.0', identityValues: readonly string[]): unknown {
    const { describeEvent, target } = this.access;
    if (!describeEvent) throw new Error('the protocol core gives no event for Lambda authorizers');
    if (target.protocol === 'WEBSOCKET') return buildAuthorizerEventV1(describeEvent('1.0'), this.resourceArn);
    return version === '2.0'
      ? buildAuthorizerEventV2(describeEvent('2.0'), this.resourceArn, identityValues)
      : buildAuthorizerEventV1(describeEvent('1.0'), this.resourceArn, identityValues);
  }
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
