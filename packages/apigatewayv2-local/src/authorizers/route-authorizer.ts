import type { GatewayServices } from '../gateway/gateway-services.js';
import { headerValues } from '../gateway/headers.js';
import { invokeFunction } from '../gateway/invoke-function.js';
import { groupQueryParameters, parseQueryString } from '../gateway/query-string.js';
import { factContextVariable } from '../gateway/request-facts.js';
import type { AuthorizeRoute, RouteAccessRequest } from '../gateway/route-access.js';
import type { StageModel } from '../model/index.js';
import type { AuthorizationRequest, IdentityFacts } from './authorization-types.js';
import { authorizeRoute } from './authorize-route.js';
import { AuthorizerAnswerCache } from './authorizer-cache.js';
import type { IssuerKeyStore } from './issuer-keys.js';
import type { AuthorizerInvocation } from './lambda-authorizer.js';
import type { LocalCredential } from './local-credentials.js';

export interface RouteAuthorizerOptions {
  readonly services: Pick<GatewayServices, 'invoker' | 'resolveFunction' | 'newLambdaRequestId' | 'now' | 'environment'>;
  readonly issuerKeys: IssuerKeyStore;
  /** Local credentials for `AWS_IAM` routes, by access key id. */
  readonly credentials: ReadonlyMap<string, LocalCredential>;
}

/**
 * The gateway's `authorizeRoute`: enforces each route's authorizer (JWT, Lambda, IAM) for every protocol
 * through the one `authorizeRoute` step of `authorize-route.ts`, whose decision it returns as it is. The
 * protocol describes the call (the request as received, the resource ARN, the authorizer event); one
 * answer cache serves the whole gateway.
 */
export function createRouteAuthorizer(options: RouteAuthorizerOptions): AuthorizeRoute {
  const { services } = options;
  const cache = new AuthorizerAnswerCache();
  return (access) =>
    authorizeRoute(
      {
        authorizationType: access.route.authorizationType,
        ...(access.route.authorizerId !== undefined && { authorizer: access.api.authorizers.get(access.route.authorizerId) }),
        scopes: access.route.authorizationScopes,
      },
      new RouteCall(access),
      {
        issuerKeys: options.issuerKeys,
        cache,
        credentials: options.credentials,
        environment: services.environment,
        now: services.now,
        invokeAuthorizer: (functionArn, event, timeoutMs) => invokeAuthorizer(services, access.stage, { functionArn, timeoutMs }, event),
      },
    );
}

/**
 * What the authorizers read, from the protocol's description of the route call. A class rather than an
 * object of closures: one is made per request, and its lookups are the identity facts too.
 */
class RouteCall implements AuthorizationRequest, IdentityFacts {
  readonly identityFacts: IdentityFacts = this;
  private query: Map<string, string[]> | undefined;

  constructor(private readonly access: RouteAccessRequest) {}

  get request(): RouteAccessRequest['request'] {
    return this.access.request;
  }

  get resourceArn(): string {
    return this.access.resourceArn;
  }

  header(name: string): string | undefined {
    const values = headerValues(this.access.request.headers, name);
    return values.length === 0 ? undefined : values.join(',');
  }

  queryParameter(name: string): string | undefined {
    this.query ??= groupQueryParameters(parseQueryString(this.access.request.rawQueryString));
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
    const { authorizerEvent } = this.access;
    if (!authorizerEvent) throw new Error('the protocol core gives no event for Lambda authorizers');
    return authorizerEvent(version, identityValues);
  }
}

/** Invokes a Lambda authorizer's function the way integrations are invoked, under the authorizer timeout. */
async function invokeAuthorizer(
  services: RouteAuthorizerOptions['services'],
  stage: StageModel,
  target: { readonly functionArn: string; readonly timeoutMs: number },
  event: unknown,
): Promise<AuthorizerInvocation> {
  const outcome = await invokeFunction(services, target, stage, event);
  switch (outcome.kind) {
    case 'returned':
      return { kind: 'answered', payload: outcome.payload };
    case 'failed':
      return outcome.functionError ? { kind: 'function-error', errorMessage: outcome.functionError.errorMessage } : { kind: 'failed', reason: outcome.error };
    case 'timed-out':
      return { kind: 'failed', reason: `no answer within ${target.timeoutMs} ms` };
  }
}
