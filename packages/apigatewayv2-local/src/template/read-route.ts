import type { AuthorizationType, Protocol, RouteModel } from '../model/index.js';
import type { PropertyReader } from './property-reader.js';
import type { PropertyRules } from './property-rules.js';
import { parseHttpRouteKey } from './route-key.js';

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

/** Reads an `AWS::ApiGatewayV2::Route`. `Target` is `integrations/{integrationId}`. */
export function readRoute(reader: PropertyReader, routeId: string, protocol: Protocol): RouteModel | undefined {
  const routeKey = reader.string('RouteKey');
  if (routeKey === undefined) {
    reader.scope.diagnostics.error('INVALID_PROPERTY', reader.at('RouteKey'), 'route has no RouteKey; it is not served');
    return undefined;
  }
  const parsed = protocol === 'HTTP' ? parseHttpRouteKey(routeKey) : undefined;
  if (parsed?.ok === false) {
    reader.scope.diagnostics.error('INVALID_PROPERTY', reader.at('RouteKey'), `route key '${routeKey}' ${parsed.problem}; API Gateway would reject it, so it is not served`);
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
    ...(parsed?.ok === true ? { httpKey: parsed.key } : {}),
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
