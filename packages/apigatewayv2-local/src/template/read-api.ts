import type { CorsModel, Protocol } from '../model/index.js';
import { defaultIntegrationTimeoutMs, type ApiDraft } from './api-draft.js';
import { childIdFor } from './physical-ids.js';
import type { PropertyReader } from './property-reader.js';
import { reportUnknownProperties, type PropertyRules } from './property-rules.js';
import { lambdaArnFromUri } from './read-integration.js';
import { parseHttpRouteKey } from './route-key.js';
import { readApiBody } from '../openapi/read-api-body.js';

const API_PROPERTIES: PropertyRules = {
  read: [
    'Name', 'ProtocolType', 'Description', 'DisableExecuteApiEndpoint', 'CorsConfiguration', 'RouteSelectionExpression',
    'ApiKeySelectionExpression', 'Target', 'RouteKey', 'Body', 'BodyS3Location',
  ],
  // Import warnings, versions, tags, IP address type and quick-create credentials have no local effect.
  ignored: ['FailOnWarnings', 'DisableSchemaValidation', 'Version', 'Tags', 'IpAddressType', 'CredentialsArn'],
  unsupported: {
    // BasePath is a REST API (v1) import setting: https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-apigatewayv2-api.html
    BasePath: 'BasePath (how a REST API import treats the servers base path) is not applied',
  },
};

/** Reads an `AWS::ApiGatewayV2::Api` into a draft that its routes, integrations … are attached to. */
export function readApi(reader: PropertyReader): ApiDraft | undefined {
  reportUnknownProperties(reader.scope, reader.logicalId, reader.resource.Properties ?? {}, API_PROPERTIES);
  // With an OpenAPI definition, ProtocolType may be left out: the document defines an HTTP API.
  const protocolType = reader.string('ProtocolType') ?? (reader.has('Body') || reader.has('BodyS3Location') ? 'HTTP' : undefined);
  if (protocolType !== 'HTTP' && protocolType !== 'WEBSOCKET') {
    reader.scope.diagnostics.error('INVALID_PROPERTY', reader.at('ProtocolType'), `ProtocolType must be HTTP or WEBSOCKET, got ${JSON.stringify(protocolType)}; the API is not served`);
    return undefined;
  }
  const protocol: Protocol = protocolType;
  const apiId = String(reader.scope.ref(reader.logicalId));
  const description = reader.string('Description');
  const apiKeySelectionExpression = reader.string('ApiKeySelectionExpression');
  const cors = protocol === 'HTTP' ? readCors(reader) : undefined;
  if (protocol === 'WEBSOCKET' && reader.has('CorsConfiguration')) {
    reader.scope.diagnostics.warning('INVALID_PROPERTY', reader.at('CorsConfiguration'), 'CORS configuration applies to HTTP APIs only; ignored');
  }
  const ref = { stackName: reader.scope.stackName, logicalId: reader.logicalId };
  const body = protocol === 'HTTP' ? readApiBody(reader, { ref }) : undefined;
  if (body === 'invalid') return undefined;
  if (protocol === 'WEBSOCKET' && (reader.has('Body') || reader.has('BodyS3Location'))) {
    reader.scope.diagnostics.warning('UNSUPPORTED_PROPERTY', reader.at(reader.has('Body') ? 'Body' : 'BodyS3Location'), 'OpenAPI definitions apply to HTTP APIs only; ignored');
  }
  const bodyDescription = description ?? body?.description;
  const draft: ApiDraft = {
    ref,
    apiId,
    name: reader.string('Name') ?? body?.title ?? reader.logicalId,
    protocol,
    ...(bodyDescription !== undefined ? { description: bodyDescription } : {}),
    disableExecuteApiEndpoint: reader.boolean('DisableExecuteApiEndpoint') ?? false,
    // An HTTP API always routes on method and path: https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-routes.html
    routeSelectionExpression: protocol === 'HTTP' ? '$request.method $request.path' : (reader.string('RouteSelectionExpression') ?? '$request.body.action'),
    ...(apiKeySelectionExpression !== undefined ? { apiKeySelectionExpression } : {}),
    ...(cors ? { cors } : body?.cors ? { cors: body.cors } : {}),
    routes: body?.routes ?? [],
    integrations: new Map(body?.integrations),
    authorizers: new Map(body?.authorizers),
    stages: [],
    models: new Map(),
  };
  if (reader.has('Target')) quickCreate(reader, draft);
  return draft;
}

/**
 * Quick create: an HTTP API with `Target` gets a `$default` stage (auto-deployed), one integration (Lambda
 * with payload 2.0, or HTTP proxy for a URL) and one route (`RouteKey`, default `$default`), as AWS creates them.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop.html#http-api-examples.cli.quick-create
 */
function quickCreate(reader: PropertyReader, draft: ApiDraft): void {
  if (draft.protocol !== 'HTTP') {
    reader.scope.diagnostics.warning('INVALID_PROPERTY', reader.at('Target'), 'quick create (Target) applies to HTTP APIs only; ignored');
    return;
  }
  const target = reader.string('Target');
  if (target === undefined) return;
  const { stackName, logicalId } = draft.ref;
  const ref = { stackName, logicalId };
  const integrationId = childIdFor(stackName, `${logicalId}/QuickCreateIntegration`);
  const functionArn = lambdaArnFromUri(target);
  const base = { ref, integrationId, timeoutMs: defaultIntegrationTimeoutMs('HTTP'), requestParameters: {}, responseParameters: {} };
  draft.integrations.set(
    integrationId,
    functionArn !== undefined
      ? { ...base, kind: 'lambda', functionArn, payloadFormatVersion: '2.0' }
      : { ...base, kind: 'http-proxy', uri: target, method: 'ANY', connectionType: 'INTERNET' },
  );
  const routeKey = reader.string('RouteKey') ?? '$default';
  const parsed = parseHttpRouteKey(routeKey);
  if (!parsed.ok) {
    reader.scope.diagnostics.error('INVALID_PROPERTY', reader.at('RouteKey'), `route key '${routeKey}' ${parsed.problem}; API Gateway would reject it, so it is not served`);
  } else {
    draft.routes.push({
      ref,
      routeId: childIdFor(stackName, `${logicalId}/QuickCreateRoute`),
      routeKey,
      httpKey: parsed.key,
      integrationId,
      authorizationType: 'NONE',
      authorizationScopes: [],
      apiKeyRequired: false,
      requestModels: {},
      routeResponseKeys: [],
    });
  }
  draft.stages.push({ ref, name: '$default', autoDeploy: true, stageVariables: {}, routeSettings: {} });
}

/** `CorsConfiguration` → `CorsModel` (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-cors.html). */
function readCors(reader: PropertyReader): CorsModel | undefined {
  const raw = reader.object('CorsConfiguration');
  if (raw === undefined) return undefined;
  const list = (key: string): string[] => {
    const value = raw[key];
    if (value === undefined) return [];
    if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value;
    reader.invalid(`CorsConfiguration.${key}`, 'a list of strings', value);
    return [];
  };
  const maxAge = reader.numberFrom('CorsConfiguration.MaxAge', raw.MaxAge);
  const credentials = raw.AllowCredentials;
  return {
    allowOrigins: list('AllowOrigins'),
    allowMethods: list('AllowMethods'),
    allowHeaders: list('AllowHeaders'),
    exposeHeaders: list('ExposeHeaders'),
    allowCredentials: credentials === true || credentials === 'true',
    ...(maxAge !== undefined ? { maxAgeSeconds: maxAge } : {}),
  };
}
