import { DiagnosticCode } from '../errors.js';
import type { AuthorizationType, Protocol, RouteModel } from '../model/index.js';
import type { PropertyReader } from './property-reader.js';
import type { PropertyRules } from './property-rules.js';

export const ROUTE_PROPERTIES: PropertyRules = {
  read: [
    'ApiId', 'RouteKey', 'Target', 'AuthorizationType', 'AuthorizerId', 'AuthorizationScopes', 'ApiKeyRequired',
    'RouteResponseSelectionExpression', 'ModelSelectionExpression', 'RequestModels',
  ],
  ignored: ['OperationName'],
  unsupported: {
    RequestParameters: 'WebSocket route request parameter validation is not emulated; requests are not checked for required parameters',
  },
};

const AUTHORIZATION_TYPES: readonly AuthorizationType[] = ['NONE', 'JWT', 'CUSTOM', 'AWS_IAM'];

const HTTP_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS', 'ANY'];

/**
 * Why an HTTP route key is not one API Gateway accepts, or undefined when it is valid (behaviour spec 1.1):
 * `$default`, or `METHOD /path` with one space, an upper-case method, a path starting with `/` and not
 * ending in one, whole-segment variables, and a greedy `{name+}` only as the last segment.
 */
export function httpRouteKeyProblem(routeKey: string): string | undefined {
  if (routeKey === '$default') return undefined;
  const match = /^([A-Z]+) (\/.*)$/.exec(routeKey);
  if (!match) return "must be '$default' or 'METHOD /path'";
  const method = match[1];
  const path = match[2];
  if (!HTTP_METHODS.includes(method)) return `method must be one of ${HTTP_METHODS.join(', ')}`;
  if (path !== '/' && path.endsWith('/')) return 'path must not end with /';
  const segments = path.slice(1).split('/');
  for (const [i, segment] of segments.entries()) {
    if (path !== '/' && segment === '') return 'path must not contain empty segments';
    if (/[{}]/.test(segment) && !/^\{[^{}+]+\+?\}$/.test(segment)) return `path variable must be a whole segment, got '${segment}'`;
    if (segment.endsWith('+}') && i !== segments.length - 1) return 'a greedy path variable {name+} must be the last segment';
  }
  return undefined;
}

/** Reads an `AWS::ApiGatewayV2::Route`. `Target` is `integrations/{integrationId}`. */
export function readRoute(reader: PropertyReader, routeId: string, protocol: Protocol): RouteModel | undefined {
  const routeKey = reader.string('RouteKey');
  if (routeKey === undefined) {
    reader.scope.diagnostics.error(DiagnosticCode.INVALID_PROPERTY, reader.at('RouteKey'), 'route has no RouteKey; it is not served');
    return undefined;
  }
  const problem = protocol === 'HTTP' ? httpRouteKeyProblem(routeKey) : undefined;
  if (problem !== undefined) {
    reader.scope.diagnostics.error(DiagnosticCode.INVALID_PROPERTY, reader.at('RouteKey'), `route key '${routeKey}' ${problem}; API Gateway would reject it, so it is not served`);
    return undefined;
  }
  let integrationId: string | undefined;
  const target = reader.string('Target');
  if (target !== undefined) {
    const match = /^integrations\/(.+)$/.exec(target);
    if (match) integrationId = match[1];
    else reader.invalid('Target', "'integrations/{integrationId}'", target);
  }
  let authorizationType: AuthorizationType = 'NONE';
  const rawType = reader.string('AuthorizationType');
  if (rawType !== undefined) {
    if ((AUTHORIZATION_TYPES as readonly string[]).includes(rawType)) authorizationType = rawType as AuthorizationType;
    else reader.invalid('AuthorizationType', AUTHORIZATION_TYPES.join(' | '), rawType);
  }
  const authorizerId = reader.string('AuthorizerId');
  const routeResponseSelectionExpression = reader.string('RouteResponseSelectionExpression');
  const modelSelectionExpression = reader.string('ModelSelectionExpression');
  return {
    ref: { stackName: reader.scope.stackName, logicalId: reader.logicalId },
    routeId,
    routeKey,
    ...(integrationId !== undefined ? { integrationId } : {}),
    authorizationType,
    ...(authorizerId !== undefined ? { authorizerId } : {}),
    authorizationScopes: reader.stringList('AuthorizationScopes') ?? [],
    apiKeyRequired: reader.boolean('ApiKeyRequired') ?? false,
    ...(routeResponseSelectionExpression !== undefined ? { routeResponseSelectionExpression } : {}),
    ...(modelSelectionExpression !== undefined ? { modelSelectionExpression } : {}),
    requestModels: reader.stringMap('RequestModels') ?? {},
    routeResponseKeys: [],
  };
}
