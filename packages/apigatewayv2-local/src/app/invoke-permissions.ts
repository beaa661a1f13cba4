import { executeApiArn, type ExecuteApiTarget } from '../gateway/execute-api-arn.js';
import { substituteStageVariables } from '../gateway/stage-variables.js';
import type { StartUpWarning } from '../gateway/not-emulated.js';
import type { ApiModel, AuthorizerModel, FunctionModel, GatewayModel, PermissionModel, RouteModel } from '../model/index.js';
import { findFunction } from '../template/index.js';
import { arnLike } from './arn-like.js';

/** The service principal API Gateway invokes functions as. */
const API_GATEWAY_PRINCIPAL = 'apigateway.amazonaws.com';
/** Actions that include `lambda:InvokeFunction` (the permission's `Action` names one action, or a wildcard). */
const INVOKE_ACTIONS = new Set(['lambda:InvokeFunction', 'lambda:*', '*']);
/** How a message tells the user to serve the route anyway. */
const OVERRIDE_HINT = 'pass --ignore-permissions (ignorePermissions: true) to serve it anyway';

/**
 * Checks what API Gateway may invoke, as Lambda checks the function's resource policy on every call from
 * API Gateway: an `AWS::Lambda::Permission` of the function must allow `apigateway.amazonaws.com` to
 * `lambda:InvokeFunction`, with a `SourceArn` (if any) that covers the caller's execute-api ARN
 * (`{apiId}/{stage}/{METHOD}/{path}` for an HTTP route, `{apiId}/{stage}/{routeKey}` for `$default` and
 * WebSocket routes, `{apiId}/authorizers/{authorizerId}` for an authorizer)
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html,
 * https://docs.aws.amazon.com/lambda/latest/dg/services-apigateway.html#apigateway-permissions).
 * An integration or authorizer with a credentials role is invoked as that role, whose policies are not
 * evaluated locally: it is not checked. Returns the model with `invokeDenied` set on routes and Lambda authorizers that would answer 500 on AWS.
 * Hand-built models without `permissions` are returned as they are.
 */
export function checkInvokePermissions(model: GatewayModel): GatewayModel {
  const permissions = model.permissions;
  if (permissions === undefined) return model;
  const check = new PermissionCheck(model, permissions);
  return { ...model, apis: model.apis.map((api) => check.api(api)) };
}

class PermissionCheck {
  constructor(
    private readonly model: GatewayModel,
    private readonly permissions: readonly PermissionModel[],
  ) {}

  api(api: ApiModel): ApiModel {
    const routes = api.routes.map((route) => this.route(api, route));
    const authorizers = new Map([...api.authorizers].map(([id, authorizer]) => [id, this.authorizer(api, authorizer)]));
    return { ...api, routes, authorizers };
  }

  private route(api: ApiModel, route: RouteModel): RouteModel {
    const integration = route.integrationId === undefined ? undefined : api.integrations.get(route.integrationId);
    // With a credentials role API Gateway invokes as the role, not through the function's resource policy.
    if (integration?.kind !== 'lambda' || integration.credentialsArn !== undefined) return route;
    const denials: Record<string, string> = {};
    for (const stage of api.stages) {
      // An ARN that names an undefined stage variable, or no local function, already fails (invokeFunction).
      const arn = substituteStageVariables(integration.functionArn, stage.stageVariables);
      const fn = arn.ok ? findFunction(this.model, arn.value) : undefined;
      if (fn === undefined) continue;
      const sourceArn = executeApiArn(this.model.environment, api.apiId, stage.name, routeTarget(api, route));
      const denied = this.denial(fn, sourceArn);
      if (denied !== undefined) denials[stage.name] = `route ${route.routeKey} on stage ${stage.name}: ${denied}`;
    }
    return Object.keys(denials).length === 0 ? route : { ...route, invokeDenied: denials };
  }

  private authorizer(api: ApiModel, authorizer: AuthorizerModel): AuthorizerModel {
    if (authorizer.kind !== 'lambda' || authorizer.credentialsArn !== undefined || authorizer.functionArn.includes('${')) return authorizer;
    const fn = findFunction(this.model, authorizer.functionArn);
    if (fn === undefined) return authorizer;
    const { partition, region, accountId } = this.model.environment;
    const sourceArn = `arn:${partition}:execute-api:${region}:${accountId}:${api.apiId}/authorizers/${authorizer.authorizerId}`;
    const denied = this.denial(fn, sourceArn);
    return denied === undefined ? authorizer : { ...authorizer, invokeDenied: `authorizer ${authorizer.name}: ${denied}` };
  }

  /** Undefined when a permission lets API Gateway invoke `fn` from `sourceArn`; else what is missing. */
  private denial(fn: FunctionModel, sourceArn: string): string | undefined {
    const unresolved: string[] = [];
    const others: string[] = [];
    for (const permission of this.permissions) {
      if (permission.functionName === undefined) {
        if (permission.unresolved.includes('FunctionName')) unresolved.push(permission.ref.logicalId);
        continue;
      }
      if (findFunction(this.model, permission.functionName) !== fn) continue;
      if (permission.unresolved.length > 0) {
        unresolved.push(permission.ref.logicalId);
        continue;
      }
      if (permission.principal !== API_GATEWAY_PRINCIPAL && permission.principal !== '*') continue;
      if (permission.action === undefined || !INVOKE_ACTIONS.has(permission.action)) continue;
      if (permission.sourceAccount !== undefined && permission.sourceAccount !== this.model.environment.accountId) continue;
      if (permission.sourceArn === undefined || arnLike(permission.sourceArn, sourceArn)) return undefined;
      others.push(`${permission.ref.logicalId} (SourceArn ${permission.sourceArn})`);
    }
    const found =
      others.length > 0
        ? `the function's API Gateway permissions do not cover it: ${others.join(', ')}`
        : `the function has no AWS::Lambda::Permission for ${API_GATEWAY_PRINCIPAL}`;
    const skipped = unresolved.length > 0 ? `; permissions not resolved locally, taken to allow nothing: ${unresolved.join(', ')}` : '';
    return `API Gateway may not invoke function ${fn.functionName} (${fn.ref.logicalId}) from ${sourceArn}: ${found}${skipped}; ${OVERRIDE_HINT}`;
  }
}

/** The execute-api ARN tail of a route: method and path template, or the route key. */
function routeTarget(api: ApiModel, route: RouteModel): ExecuteApiTarget {
  if (api.protocol === 'HTTP' && route.httpKey?.kind === 'method-path') {
    return { kind: 'request', method: route.httpKey.method, path: route.httpKey.path };
  }
  return { kind: 'route-key', routeKey: route.routeKey };
}

/** One start-up warning per route or authorizer that answers 500 for want of a permission. */
export function invokePermissionWarnings(model: GatewayModel): StartUpWarning[] {
  return model.apis.flatMap((api) => [
    ...api.routes.flatMap((route) => Object.values(route.invokeDenied ?? {}).map((message) => ({ ...route.ref, message: `${message}; it answers 500` }))),
    ...[...api.authorizers.values()].flatMap((authorizer) =>
      authorizer.kind === 'lambda' && authorizer.invokeDenied !== undefined
        ? [{ ...authorizer.ref, message: `${authorizer.invokeDenied}; its routes answer 500` }]
        : [],
    ),
  ]);
}
